import type { Document, Page } from '../domain/document.js';
import type { Span } from '../domain/span.js';
import { wordnetKnows } from '../text/wordnet.js';
import { CleanTextBuilder } from './clean-text-builder.js';
import { itemMark, layoutBlocks, type LayoutBlock } from './pdf/layout-blocks.js';
import { pageLines, type PdfLine } from './pdf/page-lines.js';
import { openPdf, UnreadablePdfError } from './pdf/read-pdf-pages.js';
import { dropRunningFurniture } from './pdf/running-furniture.js';
import { fileNameTitle } from './file-format.js';

/** Fewer characters than this per page, on average, is a PDF of page images (a scan) with no text layer. */
const MIN_CHARS_PER_PAGE = 10;

/** What reading a PDF found, for the ingest report. */
export interface PdfReport {
  pages: number;
  characters: number;
  sections: number;
}

/**
 * A PDF as a document: the text read page by page in reading order (columns one after the other), running headers,
 * footers and page numbers left out, words hyphenated at line ends joined again, headings from the outline or the
 * type sizes, lists, tables and paragraphs as blocks; `pages` records where each page's text lies in the clean text,
 * so a citation names its page. An encrypted, image-only or broken file throws `UnreadablePdfError` with the reason.
 */
export async function parsePdf(input: { id: string; file: string; data: Uint8Array; title?: string }): Promise<Document> {
  const pdf = await openPdf(input.data);
  const linesByPage: PdfLine[][] = [];
  try {
    for await (const page of pdf.pages()) linesByPage.push(pageLines(page));
  } finally {
    await pdf.close();
  }
  const characters = linesByPage.flat().reduce((sum, line) => sum + line.text.length, 0);
  if (characters < Math.max(1, pdf.pageCount) * MIN_CHARS_PER_PAGE) {
    throw new UnreadablePdfError('no text layer: its pages are images (a scan?); run OCR on it first, then ingest again');
  }
  const lines = dropRunningFurniture(linesByPage).flat();
  const builder = new CleanTextBuilder();
  const pageStarts = new Map<number, number>();
  const notePage = (page: number, offset: number) => {
    if (!pageStarts.has(page)) pageStarts.set(page, offset);
  };
  const join = hyphenationJoiner(lines);
  for (const block of layoutBlocks(lines, pdf.outline)) writeBlock(builder, block, join, notePage);
  const { text, sections, blocks } = builder.finish('Introduction');
  const pages = pageSpans(pdf.pageCount, pageStarts, text.length);
  const title = input.title ?? pdf.title ?? sections.find((section) => section.level === 1)?.title ?? fileNameTitle(input.file);
  return { id: input.id, title, file: input.file, text, sections, references: [], blocks, pages };
}

/** The lines' text joined into one string, with where each line starts in it. */
type LineJoiner = (lines: readonly { text: string }[]) => { text: string; offsets: number[] };

function writeBlock(builder: CleanTextBuilder, block: LayoutBlock, join: LineJoiner, notePage: (page: number, offset: number) => void): void {
  if (block.kind === 'heading') {
    const at = builder.nextStart;
    builder.heading(join(block.lines).text, block.level);
    block.lines.forEach((line) => notePage(line.page, at));
    return;
  }
  if (block.kind === 'paragraph') {
    const { text, offsets } = join(block.lines);
    const start = builder.paragraph(text);
    if (start !== undefined) block.lines.forEach((line, i) => notePage(line.page, start + offsets[i]!));
    return;
  }
  if (block.kind === 'list') {
    // Items are written with the numbers the page shows: where bullets give way to numbers, or the numbers do not run
    // on ("8. A Booted System" then a nested "1." to "4."), a new list starts, so the clean text never renumbers an
    // item nor turns its number into a bullet.
    const marked = block.items.map((lines) => ({ lines, mark: itemMark(lines[0]!.text) }));
    const runs: (typeof marked)[] = [];
    marked.forEach((item, i) => {
      const previous = marked[i - 1]?.mark.number;
      const current = item.mark.number;
      const runsOn = i > 0 && (current === undefined ? previous === undefined : previous !== undefined && current === previous + 1);
      if (runsOn) runs.at(-1)!.push(item);
      else runs.push([item]);
    });
    for (const run of runs) {
      const items = run.map((item) => join(item.lines).text.replace(/^\S+\s+/, ''));
      const first = run[0]!.mark.number;
      // A letter or roman numeral ("(a)", "iv)") is written as the page shows it, not as a bullet.
      const letters = run.map((item) => item.mark.letter).filter((letter): letter is string => letter !== undefined);
      builder.list(items, first !== undefined, first ?? 1, letters.length === run.length ? letters : undefined);
      const units = builder.lastBlock()?.units ?? [];
      // The list's units end with its items (a lead-in joined before them comes first).
      const itemUnits = units.slice(units.length - items.length);
      run.forEach((item, i) => noteUnitPages(item.lines, itemUnits[i], builder, notePage));
    }
    return;
  }
  if (block.kind === 'note') {
    builder.notes(block.notes.map((note) => join(note).text));
    const units = builder.lastBlock()?.units ?? [];
    block.notes.forEach((note, i) => noteUnitPages(note, units[i], builder, notePage));
    return;
  }
  const { header, rows } = block;
  // A cell's wrapped lines are joined as a paragraph's are, a word hyphenated at a line end mended.
  const cells = rows.map((row) => row.cellLines.map((parts) => join(parts.map((text) => ({ text }))).text));
  // Without a header, two columns are terms and their definitions (a glossary); more are rows of cells.
  if (!header && cells.every((row) => row.length === 2)) builder.definitions(cells.map(([term, description]) => ({ term: term!, description: description! })));
  else builder.table(header ?? [], cells);
  const units = builder.lastBlock()?.units ?? [];
  rows.forEach((row, i) => noteUnitPages(row.lines, units[i], builder, notePage));
}

/**
 * A list item or table row is cited on the page it starts on: that page is noted at the unit's start, and a page the
 * unit runs onto (a row continued over a page break) begins after it.
 */
function noteUnitPages(lines: PdfLine[], unit: Span | undefined, builder: CleanTextBuilder, notePage: (page: number, offset: number) => void): void {
  if (lines.length === 0) return;
  const first = Math.min(...lines.map((line) => line.page));
  for (const line of lines) notePage(line.page, line.page === first ? (unit?.start ?? builder.nextStart) : (unit?.end ?? builder.nextStart));
}

/**
 * Joins lines with a space, or mends a line that ends in a hyphen: a code or figure broken at its hyphen ("SA-" +
 * "14", "113-" + "274") keeps the hyphen and takes no space; a word broken by hyphenation ("re-" + "duce") is joined
 * without the hyphen; a compound ("cost-" + "effectiveness") keeps it. A compound is told from a hyphenated word by
 * the document itself (it writes the compound with its hyphen elsewhere, or the word whole), else by WordNet: both
 * halves are words and the joined form is not.
 */
function hyphenationJoiner(all: PdfLine[]): LineJoiner {
  const hyphenated = new Set<string>();
  const whole = new Set<string>();
  for (const line of all) {
    for (const match of line.text.matchAll(/\p{L}+-\p{L}+/gu)) hyphenated.add(match[0].toLowerCase());
    for (const match of line.text.matchAll(/\p{L}{4,}/gu)) whole.add(match[0].toLowerCase());
  }
  const keepsHyphen = (before: string, after: string) => {
    const [a, b] = [before.toLowerCase(), after.toLowerCase()];
    if (hyphenated.has(`${a}-${b}`)) return true;
    if (whole.has(a + b) || wordnetKnows(a + b)) return false;
    return wordnetKnows(a) && wordnetKnows(b);
  };
  return (lines) => {
    let text = '';
    const offsets: number[] = [];
    for (const line of lines) {
      if (text === '') {
        offsets.push(0);
        text = line.text;
        continue;
      }
      const broken = /([\p{L}\p{N}.]+)-$/u.exec(text);
      const next = /^([\p{L}\p{N}]+)/u.exec(line.text);
      if (broken && next) {
        const code = /[\p{N}.]|^\p{Lu}{2,}$/u.test(broken[1]!) || /\p{N}/u.test(next[1]!) || /^\p{Lu}/u.test(next[1]!);
        if (!code && !keepsHyphen(broken[1]!, next[1]!)) text = text.slice(0, -1);
        offsets.push(text.length);
        text += line.text;
      } else {
        text += ' ';
        offsets.push(text.length);
        text += line.text;
      }
    }
    return { text, offsets };
  };
}

/** Each page's span: from where its first text landed to where the next page's did; a page without text is empty. */
function pageSpans(pageCount: number, starts: Map<number, number>, textLength: number): Page[] {
  const pages: Page[] = [];
  let nextStart = textLength;
  for (let number = pageCount; number >= 1; number -= 1) {
    const start = Math.min(starts.get(number) ?? nextStart, nextStart);
    pages.unshift({ number, start, end: nextStart });
    nextStart = start;
  }
  return pages;
}

export { UnreadablePdfError };
