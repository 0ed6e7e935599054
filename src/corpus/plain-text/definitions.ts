/**
 * Definition lists in plain text: a run of short term lines, each with a one-paragraph description indented
 * beneath it (glossaries, field and command summaries in manuals and RFCs):
 *
 *       byte size
 *          There are two byte sizes of interest in FTP: …
 *
 *       control connection
 *          The communication path between …
 */
import { isTermLine, parseNumberedHeading } from './headings.js';
import { blockIndent, isPreformatted, joinWrapped, readList, type TextBlock } from './text-blocks.js';

export interface DefinitionEntry {
  term: string;
  description: string;
}

export interface DefinitionRun {
  /** Empty when a description is more than one paragraph of prose: then the run's terms are sub-headings. */
  entries: DefinitionEntry[];
  /** Index of the first block after the run. */
  end: number;
}

/**
 * A run needs two terms: one short line over an indented paragraph is as likely a sub-heading as a term, but a
 * second one at the same margin makes it a list of terms.
 */
const MIN_DEFINITION_TERMS = 2;

/**
 * A description fit for a definition list: one paragraph of prose. A term over several paragraphs, a figure or a
 * list heads a passage of its own (a command's full description), and reads better as a sub-heading: each of its
 * sentences stays quotable on its own instead of the whole passage becoming one entry.
 */
const isDescription = (parts: TextBlock[]) => parts.length === 1 && !isPreformatted(parts[0]!) && readList(parts[0]!) === undefined;

/**
 * Reads a definition run starting at `blocks[start]`: terms standing alone on one line at the same indentation,
 * set in from the document's margin (a line at the margin over indented text is a section heading), each followed
 * by a paragraph indented deeper. Undefined when the blocks there are not such a run; a run where any term heads
 * more than one prose paragraph comes back without entries, so that all its terms read as sub-headings alike
 * rather than some as terms and some as headings.
 */
export function readDefinitionRun(blocks: TextBlock[], start: number, margin: number): DefinitionRun | undefined {
  const first = blocks[start];
  if (!first) return undefined;
  const termIndent = blockIndent(first);
  if (termIndent <= margin) return undefined;
  const entries: DefinitionEntry[] = [];
  let i = start;
  while (i < blocks.length) {
    const block = blocks[i]!;
    const [termLine, ...below] = block.lines;
    const text = termLine!.text;
    // The description may follow the term directly, on deeper lines that open a sentence.
    const describedBelow = below.length > 0 && below.every((line) => line.indent > termIndent) && /^\p{Lu}/u.test(below[0]!.text);
    const isTerm =
      (below.length === 0 || describedBelow) && !block.underline && termLine!.indent === termIndent && isTermLine(text) && parseNumberedHeading(text) === undefined;
    if (!isTerm) break;
    let end = i + 1;
    while (end < blocks.length && blockIndent(blocks[end]!) > termIndent) end += 1;
    const description = [...(below.length > 0 ? [{ lines: below }] : []), ...blocks.slice(i + 1, end)];
    if (description.length === 0) break;
    entries.push({ term: text, description: isDescription(description) ? joinWrapped(description[0]!.lines.map((line) => line.text)) : '' });
    i = end;
  }
  if (entries.length < MIN_DEFINITION_TERMS) return undefined;
  return { entries: entries.every((entry) => entry.description !== '') ? entries : [], end: i };
}
