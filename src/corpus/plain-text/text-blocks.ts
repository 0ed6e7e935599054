import { isTermLine } from './headings.js';

/**
 * Plain-text blocks: runs of non-blank lines, each line with its indentation, and what a run can be read as (a
 * table of contents, preformatted text, a list). Paragraph joining lives here too, so every kind reads its
 * wrapped lines the same way.
 */

export interface TextLine {
  indent: number;
  /** The line without its indentation or trailing white space. */
  text: string;
}

export interface TextBlock {
  lines: TextLine[];
  /** Set when the block is a heading underlined with `===` (1) or `---` (2). */
  underline?: 1 | 2;
}

/**
 * A line that goes this much deeper than the line before it, after a line ending in a colon, starts a block of
 * its own (an example, a command, a sub-list introduced by "For example:"). Less is ordinary wrapping or a
 * hanging indent.
 */
const SUB_BLOCK_INDENT = 4;

/** A rule line under a heading. */
const UNDERLINE = /^(=+|-+)$/;

function toLine(line: string): TextLine {
  const text = line.trim();
  return { indent: line.length - line.trimStart().length, text };
}

/**
 * Splits lines into blocks at blank lines; an underlined heading becomes a block of its own, and so does a deeper
 * indented run introduced by a line ending in a colon (and the text after it).
 */
export function splitBlocks(lines: string[]): TextBlock[] {
  const blocks: TextBlock[] = [];
  let current: TextLine[] = [];
  const flush = () => {
    if (current.length > 0) blocks.push({ lines: current });
    current = [];
  };
  let leadIndent: number | undefined;
  for (const raw of lines) {
    const line = toLine(raw);
    if (line.text === '') {
      flush();
      leadIndent = undefined;
      continue;
    }
    const previous = current.at(-1);
    if (previous && UNDERLINE.test(line.text) && line.text.length >= Math.min(3, previous.text.length) && current.length === 1) {
      blocks.push({ lines: current, underline: line.text.startsWith('=') ? 1 : 2 });
      current = [];
      continue;
    }
    if (previous && /:$/.test(previous.text) && line.indent >= previous.indent + SUB_BLOCK_INDENT) {
      leadIndent = previous.indent;
      flush();
    } else if (previous && leadIndent !== undefined && line.indent <= leadIndent) {
      // Back at the lead-in's margin: the indented run is over.
      leadIndent = undefined;
      flush();
    }
    current.push(line);
  }
  flush();
  return blocks;
}

/** The smallest indentation in a block. */
export function blockIndent(block: TextBlock): number {
  // A loop, not Math.min(...): a block may have more lines than a call can take arguments.
  return block.lines.reduce((least, line) => Math.min(least, line.indent), Infinity);
}

/**
 * Joins wrapped lines into one string: a word hyphenated at a line end (`tree-` / `like`, `PDP-` / `11s`) keeps
 * its hyphen and joins without a space; other lines join with one space.
 */
export function joinWrapped(lines: string[]): string {
  // Pieces joined once at the end, and only the previous line read: reading the growing string each time flattens it
  // and made a long block quadratic (20,000 wrapped lines took 3 s).
  const pieces: string[] = [];
  let previous = '';
  for (const line of lines) {
    const part = line.trim();
    if (part === '') continue;
    const hyphenated = /\p{L}-$/u.test(previous) && !previous.endsWith('--') && /^[\p{Ll}\p{N}]/u.test(part);
    pieces.push(pieces.length === 0 || hyphenated ? part : ` ${part}`);
    previous = part;
  }
  return pieces.join('');
}

// ---------------------------------------------------------------- table of contents

/** A contents line: dot leaders before a page number, or a page number set off at the end. */
const CONTENTS_LINE = /(?:\.\s?){3,}\s*\d{1,4}$|\S\s{2,}\d{1,4}$/;

/**
 * A table of contents: at least half its lines are contents lines (a wrapped entry's first line has no page
 * number, so not all of them are).
 */
export function isTableOfContents(block: TextBlock): boolean {
  const hits = block.lines.filter((line) => CONTENTS_LINE.test(line.text)).length;
  return hits >= 2 && hits * 2 >= block.lines.length;
}

// ---------------------------------------------------------------- preformatted text

/** Box drawing, `+---+` corners, `|` rules, arrows, grammar definitions, transcript prompts. */
const DRAWING = /[\u2500-\u257f]|\+[-=+]{2,}|[-=]{2,}\+|^\|.*\|$|-{2,}>|<-{2,}|::=|^[CS]>\s|^[-=_~*]{4,}$/;
/** `rule = definition` in a grammar (ABNF, BNF), including incremental `=/`. */
const GRAMMAR_RULE = /^<?[A-Za-z][\w-]*>?\s+=\/?\s+\S/;
/**
 * A column gap inside a line: four or more spaces, or three where the line has at most two gaps (justified prose
 * spreads many small gaps; a table has a few wide ones). Two spaces after a full stop are ordinary prose.
 */
const WIDE_GAP = /\S\s{4,}\S/;
const GAP = /(?<![.!?:;,])\s{3,}(?=\S)/g;
const ANY_GAP = /(?<![.!?:;,])\s{2,}(?=\S)/g;

/** Below this share of letters among its visible characters a line is a drawing or data, not prose. */
const MIN_PROSE_LETTER_SHARE = 0.5;

/** Two or more `<name>` tokens: syntax notation (`RNFR <SP> <pathname> <CRLF>`), not prose that names one. */
const SYNTAX_TOKENS = /<[\w-]+>.*<[\w-]+>/;

function isDrawing(text: string): boolean {
  return DRAWING.test(text) || GRAMMAR_RULE.test(text) || SYNTAX_TOKENS.test(text);
}

export function isColumnar(text: string): boolean {
  if (WIDE_GAP.test(text.replace(/([.!?:;,])\s+/g, '$1 '))) return true;
  const wide = (text.match(GAP) ?? []).length;
  return wide >= 1 && (text.match(ANY_GAP) ?? []).length <= 2;
}

function hasFewLetters(text: string): boolean {
  const visible = text.replace(/\s/g, '');
  const letters = (visible.match(/\p{L}/gu) ?? []).length;
  return visible.length > 0 && letters / visible.length < MIN_PROSE_LETTER_SHARE;
}

/** A shell prompt (`$ `, `# ` as root, `% `) before a command: a word of lower-case letters, a path or a variable. */
const SHELL_PROMPT = /^[$#%]\s+(?:[a-z][\w.+-]*|[.~]?\/\S*|[A-Z_]+=)(?:\s|$)/;

/**
 * Commands typed at a shell prompt, indented as an example: every line a prompted command (or its output, as long as
 * the prompts are the most of the lines). At the margin, `# Title` is more likely a Markdown heading in a file named
 * without an extension.
 */
function isTranscript(block: TextBlock): boolean {
  if (blockIndent(block) === 0) return false;
  const prompted = block.lines.filter((line) => SHELL_PROMPT.test(line.text)).length;
  return prompted >= 1 && prompted * 2 > block.lines.length;
}

/**
 * Preformatted text (a diagram, grammar, aligned table or transcript): one drawing line and at least 40% of lines
 * laid out (drawn, columnar or mostly symbols), or at least half of them laid out without a drawing line. The
 * shares leave room for labels and prose-like rows inside a figure.
 */
export function isPreformatted(block: TextBlock): boolean {
  const total = block.lines.length;
  if (isTranscript(block)) return true;
  const drawing = block.lines.filter((line) => isDrawing(line.text)).length;
  const laidOut = block.lines.filter((line) => isDrawing(line.text) || isColumnar(line.text) || hasFewLetters(line.text)).length;
  return (drawing >= 1 && laidOut >= 0.4 * total) || laidOut >= 0.5 * total;
}

/** Whether the block's last line is a lead-in ("… as follows:"): what follows is what it introduces. */
export function endsWithLeadIn(block: TextBlock): boolean {
  return /:$/.test(block.lines.at(-1)!.text);
}

/** A line that ends as a sentence does, perhaps inside a closing quote or bracket (not an ellipsis: "LIST ..."). */
const ENDS_AS_SENTENCE = /(?<!\.)[.!?]["'’”)\]]?$/;
/** A displayed line is a command, a setting or a field: a few words ("uint32  MUX_C_ALIVE_CHECK", "HOST
 * xn--e1afmkfd.com"), where a line of wrapped prose holds more ("the file is considered to be a"). */
const DISPLAY_LINE_MAX_WORDS = 6;
/** What marks a line as code or data rather than words: a figure, an operator or bracket, a name joined by `.`, `_`
 * or `:`, a word in capitals or in camel case, an option, or a gap between columns. A list of plain words ("Linux",
 * "Jane Doe") has none. */
const CODE_LIKE = /\d|[=<>{}[\]|$@#\\/]|\w[._:]\w|\b\p{Lu}{2,}\b|\p{Ll}\p{Lu}|(?:^|\s)--?\w|\S {2,}\S/u;

/**
 * A display after a lead-in: the block right after a line ending in a colon ("add the following option to the
 * configuration file:"), set deeper than it, each line a few words and none ending as a sentence ends, at least half
 * of them marked as code or data ("VerifyHostKeyDNS yes", "string salt" / "uint32 rounds"): the example, command,
 * setting or message format it introduces, shown as written. An indented quotation after a colon ends as a sentence
 * and stays prose; a list of plain words ("Linux", "Windows") is not code.
 */
export function isDisplayAfterLeadIn(block: TextBlock, previous: TextBlock | undefined): boolean {
  if (!previous || !endsWithLeadIn(previous) || blockIndent(block) <= blockIndent(previous)) return false;
  const { lines } = block;
  const short = lines.every((line) => !ENDS_AS_SENTENCE.test(line.text) && line.text.split(/\s+/).length <= DISPLAY_LINE_MAX_WORDS);
  return short && lines.filter((line) => CODE_LIKE.test(line.text)).length * 2 >= lines.length;
}

/** Blocks' lines as written, relative to their common margin, a blank line between blocks. */
export function verbatim(blocks: TextBlock[]): string {
  const margin = blocks.reduce((least, block) => Math.min(least, blockIndent(block)), Infinity);
  return blocks.map((block) => block.lines.map((line) => ' '.repeat(line.indent - margin) + line.text).join('\n')).join('\n\n');
}

// ---------------------------------------------------------------- lists

export type MarkerKind = 'bullet' | 'number' | 'letter' | 'citation' | 'code' | 'keyword';

export interface ListItem {
  kind: MarkerKind;
  /** The item's text: its marker kept for numbers, codes and keywords (they are content), dropped for bullets. */
  text: string;
  /** The item's number when it is numbered `1.` / `1)` / `(1)`. */
  number?: number;
  /**
   * For a keyword standing on its own line with its description on the deeper lines under it (`XPWD` / `Print the
   * current working directory.`): the keyword line, a term rather than the opening of a sentence.
   */
  term?: { term: string; description: string };
}

export interface ListBlock {
  kind: MarkerKind;
  indent: number;
  items: ListItem[];
}

const BULLET = /^[-*•+o◦▪‣]\s+(\S.*)$/u;
const NUMBER = /^\(?(\d{1,2})[.)]\s+(\S.*)$/;
const LETTER = /^\(?([a-z]|[ivx]{1,4})[.)]\s+(\S.*)$/;
const CITATION = /^\[[\w.+-]{1,20}\]\s+\S/;
/** A reply or status code (`331 User name okay`, `5xx Command unrecognized`). */
const CODE = /^\d[\dx]{2}(?:\s+|-)\S/;
/** An upper-case keyword (a command, a term) and what follows it. */
const KEYWORD = /^([\p{Lu}][\p{Lu}\p{N}_-]+)(?=\s|$)(?:\s+(?:-{1,2}|–|—|:)\s+|\s+)?(.*)$/u;

/** The marker a line opens a list item with, if any. `next` is the following line (a description may sit there). */
function itemMarker(line: TextLine, next: TextLine | undefined): MarkerKind | undefined {
  const { text } = line;
  if (BULLET.test(text)) return 'bullet';
  if (NUMBER.test(text)) return 'number';
  if (LETTER.test(text)) return 'letter';
  if (CITATION.test(text)) return 'citation';
  if (CODE.test(text)) return 'code';
  const keyword = KEYWORD.exec(text);
  if (keyword) {
    const rest = keyword[2] ?? '';
    // The keyword is followed by prose on its line (a description), or by its description on deeper lines.
    const describedHere = /\p{Ll}{2,}/u.test(rest) && keyword[1]!.length >= 2;
    const describedBelow = next !== undefined && next.indent > line.indent;
    if (describedHere || describedBelow) return 'keyword';
  }
  return undefined;
}

function itemText(kind: MarkerKind, lines: string[]): ListItem {
  const joined = joinWrapped(lines);
  // A keyword line that is a term, over a description that opens a sentence (a wrapped line would continue one).
  if (kind === 'keyword' && lines.length > 1 && isTermLine(lines[0]!) && /^\p{Lu}/u.test(lines[1]!)) {
    return { kind, text: joined, term: { term: lines[0]!, description: joinWrapped(lines.slice(1)) } };
  }
  if (kind === 'bullet') return { kind, text: BULLET.exec(joined)?.[1] ?? joined };
  if (kind === 'number') {
    const match = NUMBER.exec(joined);
    return { kind, text: joined, ...(match ? { number: Number(match[1]) } : {}) };
  }
  return { kind, text: joined };
}

/**
 * Reads a block as a list: every line opens an item with the same kind of marker at the block's margin, or
 * continues the item above on a deeper indented line. Undefined when the block is not a list.
 */
export function readList(block: TextBlock): ListBlock | undefined {
  const margin = blockIndent(block);
  const first = block.lines[0]!;
  if (first.indent !== margin) return undefined;
  const kind = itemMarker(first, block.lines[1]);
  if (!kind) return undefined;
  // Codes and keywords over lines of figures (`LIST` / `125, 150` / `226, 250`) are a table or tree of data.
  if ((kind === 'code' || kind === 'keyword') && block.lines.filter((line) => hasFewLetters(line.text)).length * 2 > block.lines.length) return undefined;
  const items: string[][] = [];
  for (let i = 0; i < block.lines.length; i += 1) {
    const line = block.lines[i]!;
    if (line.indent > margin && items.length > 0) items.at(-1)!.push(line.text);
    else if (line.indent === margin && itemMarker(line, block.lines[i + 1]) === kind) items.push([line.text]);
    else return undefined;
  }
  return { kind, indent: margin, items: items.map((lines) => itemText(kind, lines)) };
}

/**
 * Whether a one-item list can stand on its own: bullets and numbers are list markers whatever follows; a code or
 * keyword opening a single line may just be a sentence starting with an acronym, unless a separator marks it
 * (`CDUP - Change to Parent Directory`) or its description sits on deeper lines.
 */
export function isListOnItsOwn(list: ListBlock, block: TextBlock): boolean {
  if (list.items.length > 1) return true;
  if (list.kind === 'bullet' || list.kind === 'number' || list.kind === 'citation') return true;
  const first = block.lines[0]!.text;
  return block.lines.length > 1 || /^\S+\s+(?:-{1,2}|–|—)\s+\S/.test(first);
}

// ---------------------------------------------------------------- editorial notes

/**
 * A note framed in brackets line by line (`[ This RFC was put into machine readable form … ]`): a transcriber's or
 * editor's remark boxed off from the document, not part of it. The space inside each bracket is what marks the
 * frame; a citation (`[RFC959]`) or a bracketed line of prose has none.
 */
export function isBracketedNote(block: TextBlock): boolean {
  return block.lines.every((line) => /^\[\s.*\s\]$/.test(line.text));
}

// ---------------------------------------------------------------- ruled tables

export interface RuledTable {
  headers: string[];
  rows: string[][];
}

/** A rule under a table's header row: two or more runs of dashes (or `=`) set apart by spaces, one per column. */
const COLUMN_RULE = /^[-=]{2,}(?:\s+[-=]{2,})+$/;

/**
 * Reads a table with a ruled header: a header row, a rule of dashes under each column (`------   -------`), then
 * rows whose cells start under the rules. The rules give the columns, so a cell may hold spaces; a row with its
 * first cell empty continues the row above (a cell wrapped onto the next line). Undefined when a row has text
 * that crosses a column's left edge (then the block is not laid out by these columns and stays preformatted).
 */
export function readRuledTable(block: TextBlock): RuledTable | undefined {
  const [header, rule, ...body] = block.lines;
  if (!header || !rule || body.length === 0 || !COLUMN_RULE.test(rule.text)) return undefined;
  const starts = [...rule.text.matchAll(/[-=]+/g)].map((match) => rule.indent + match.index);
  const cells = (line: TextLine): string[] | undefined => {
    const full = ' '.repeat(line.indent) + line.text;
    // Text to the left of the first column, or running across a column's left edge, is not in these columns.
    if (line.indent < starts[0]!) return undefined;
    // Cells stand at least two spaces apart (one space is the gap between words of one run of text).
    const crosses = starts.slice(1).some((start) => {
      const after = full.slice(start).search(/\S/);
      const before = full.slice(0, start).search(/\S\s*$/);
      return after >= 0 && before >= 0 && start + after - before <= 2;
    });
    if (crosses) return undefined;
    return starts.map((start, i) => full.slice(start, starts[i + 1] ?? full.length).trim());
  };
  const headers = cells(header);
  if (!headers || headers.some((cell) => cell === '')) return undefined;
  const rows: string[][] = [];
  for (const line of body) {
    const row = cells(line);
    if (!row) return undefined;
    const previous = rows.at(-1);
    if (row[0] === '' && previous) row.forEach((cell, i) => (previous[i] = [previous[i], cell].filter((part) => part !== '').join(' ')));
    else rows.push(row);
  }
  return { headers, rows };
}
