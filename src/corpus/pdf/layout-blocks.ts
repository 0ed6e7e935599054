import { dominantSize } from './dominant-size.js';
import { hasAddress } from '../plain-text/headings.js';
import type { PdfLine } from './page-lines.js';
import type { PdfOutlineEntry } from './read-pdf-pages.js';

/** What a run of lines is: the PDF has no structure, only positioned text; this is read off the layout. */
export type LayoutBlock =
  | { kind: 'heading'; lines: PdfLine[]; level: number }
  | { kind: 'paragraph'; lines: PdfLine[] }
  | { kind: 'list'; items: PdfLine[][] }
  | { kind: 'table'; header: string[] | undefined; rows: TableRow[] }
  | { kind: 'note'; notes: PdfLine[][] };

/** A table row: each cell's wrapped lines (joined when the row is written, a word hyphenated at a line end mended) and
 * the lines of the page it was read from. */
export interface TableRow {
  cellLines: string[][];
  lines: PdfLine[];
}

/** A line at least this many times the body size is a heading (where the file has no outline to say so). */
const HEADING_SIZE_RATIO = 1.15;
/** A heading is short: longer lines set large are a pull quote or a lead paragraph. */
const MAX_HEADING_CHARS = 160;
/** A bold line of body size stands as a heading only if it is this short. */
const MAX_BOLD_HEADING_CHARS = 90;
/** A vertical gap between lines larger than this many line spacings ends a paragraph. */
const PARAGRAPH_GAP_SPACINGS = 1.5;
/** A line ending this many font sizes short of its column's right edge, after a full stop, ends its paragraph. */
const SHORT_LINE_SIZES = 4;
/** A first line indented by more than this many font sizes starts a paragraph. */
const INDENT_SIZES = 1;

/** Footnotes are set smaller than the body: at most this share of its size. */
const NOTE_SIZE_RATIO = 0.9;
/** A numbered bold heading may be set this much smaller than the body and still be a heading (Word's Heading 3 at 11 pt
 * under 12 pt text); smaller still, it is a caption's or a note's size. */
const MINOR_HEADING_SIZE_RATIO = 0.9;
/** A footnote starts with its mark: "[8]" (a raised mark, as page-lines writes it), "*", "†", or a number before a
 * capitalised word ("8 Joint Task Force…"). */
const NOTE_MARK = /^(?:\[\d{1,3}\]|[*†‡§]|\d{1,3}(?=\s+\p{Lu}))/u;

/** A bullet drawn from a symbol font (Symbol, Wingdings): text extraction gives its private-use code point (U+F0B7 for
 * Word's "•", U+F0A7 "▪", U+F076 "❖", U+F0D8 "➢"…), not a character with a meaning. */
const SYMBOL_FONT_BULLET = '\uF020-\uF0FF';
/** "• item", "– item", "o item" (Word's second-level bullet), "1. item", "(a) item", "iv) item". */
const BULLET = new RegExp(`^(?:[•▪◦●○■□◆◇►▸‣⁃∙·*${SYMBOL_FONT_BULLET}]|[-–—o](?=\\s)|\\(?(?:\\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[.)])\\s+`, 'u');

/** A number or letter in brackets, as a list's item marker: "1.", "(a)", "iv)" (the number captured). */
const ENUMERATOR = /^\(?(?:(\d{1,3})|[a-z]|[ivx]{1,5})[.)]\s+/i;

/** A list item's own mark, as the page shows it: its number ("8." → 8), or its letter or roman numeral ("(a)", "iv)");
 * neither for a bullet. */
export function itemMark(text: string): { number?: number; letter?: string } {
  const match = ENUMERATOR.exec(text);
  if (!match) return {};
  return match[1] !== undefined ? { number: Number(match[1]) } : { letter: match[0].trim() };
}

/**
 * Whether `next` starts a list item after the paragraph line `previous`: a bullet does; a number or letter in brackets
 * does only after a line that ended its sentence or clause, since inside a sentence it enumerates inline ("we (1)
 * reviewed studies and | (2) assessed…") or is something else at a line's start ("Jim Wells, | (202) 512-3841").
 */
function startsItem(previous: PdfLine, next: PdfLine): boolean {
  if (!BULLET.test(next.text)) return false;
  return !ENUMERATOR.test(next.text) || /[.:;!?]$/.test(previous.text);
}

/** Outline titles and lines compared without case or spaces: a PDF may draw a space inside a word ("Coordi nation"). */
const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, '');

/** A heading's number: "3.", "3.3", "A.1", "IV." before its title. */
const SECTION_NUMBER = /^(?:\d{1,2}(?:\.\d{1,2})*\.?|[A-Z](?:\.\d{1,2})+\.?|[A-Z]\.|[IVX]{1,5}\.)\s+(?=\p{L})/u;

/** A callout's label opening a line: a note, warning or tip set in large or bold type is not a heading. */
const CALLOUT_LABEL = /^(?:note|notes|warning|caution|important|tip|danger|attention|notice)\s*:/i;

/** Short words with a full stop that do not end a sentence ("approx. 40 mA"). */
const ABBREVIATION = /\b(?:approx|incl|misc|resp|cont)\.$/i;

/**
 * Prose set large or bold, not a title: a heading's text that ends a sentence of five words or more ("Do pull the SD
 * card out or you could damage the connector.", "READ CAREFULLY!!"), holds a sentence's end inside it ("…from the RMA
 * team first. All boards…"; "vs. Java", "Inc. Guide" and a question's "?" do not count), holds an e-mail or web address
 * ("please visit example.org/support"), or lists three "label: value" fields or more ("Size: 3.5 in Height: 0.2 in
 * Weight: 1.4 oz"). A heading names a part; it does not say a thing. Words are counted, not matched by one pattern,
 * so a page of large type costs time in proportion to its length.
 */
function readsAsProse(text: string): boolean {
  const words = text.split(/\s+/);
  if (words.length >= 5 && (/\p{Ll}{2,}\.$/u.test(text) || /!$/.test(text)) && !ABBREVIATION.test(text)) return true;
  const innerEnd = words.slice(0, -1).some((word, i) => /^\p{Ll}{4,}[.!]$/u.test(word) && !ABBREVIATION.test(word) && /^\p{Lu}/u.test(words[i + 1]!));
  if (innerEnd) return true;
  if (hasAddress(text) || /\bwww\.|\b[\w-]+\.(?:com|org|net|edu|gov|io)\/\S/.test(text)) return true;
  return (text.match(/\p{L}:\s+\S/gu) ?? []).length >= 3;
}

/** A section number of two parts or more: "3.1", "6.1.2", "2.0", "A.1" (a list's "5." is not one). */
const MULTI_PART_NUMBER = String.raw`(?:\d{1,2}(?:\.\d{1,2})+\.?|[A-Z](?:\.\d{1,2})+\.?)`;
/** Such a number standing alone, as a cell of its own before a tab. */
const SECTION_NUMBER_ALONE = new RegExp(`^${MULTI_PART_NUMBER}$`);
/** Such a number before a title: "6.1.2 DC Input", "2.0 Change History". */
const MULTI_PART_SECTION_NUMBER = new RegExp(String.raw`^${MULTI_PART_NUMBER}\s+\p{L}`, 'u');

/** How a line or an outline title is looked up as a heading: normalised, without its number, which bookmarks often
 * leave out ("1. Introduction" in the text, "Introduction" in the outline, as LaTeX writes them). */
const titleKey = (text: string) => normalise(text.replace(SECTION_NUMBER, ''));
/** A bullet drawn apart from its item's text (on its own line, or at the foot of the page before). */
const LONE_BULLET = new RegExp(`^(?:[•▪◦●○■□◆◇►▸‣⁃∙·*${SYMBOL_FONT_BULLET}]|[-–—])$`, 'u');
const roundSize = (size: number) => Math.round(size * 2) / 2;

/**
 * Reads blocks off the lines of a whole document, in reading order: headings (from the outline where the file has
 * one, else from font size and weight), lists (bulleted or numbered lines with their hanging continuations),
 * tables (consecutive lines split into the same cells) and paragraphs (lines until a gap, an indent or a short
 * closing line; a paragraph continues over a column or page break unless its last line ended it).
 */
export function layoutBlocks(allLines: PdfLine[], outline: PdfOutlineEntry[]): LayoutBlock[] {
  const lines = withBulletsJoined(allLines);
  if (lines.length === 0) return [];
  const body = bodySize(lines);
  const spacing = lineSpacing(lines, body);
  const rightEdges = columnRightEdges(lines);
  const outlineLevels = new Map(outline.map((entry) => [titleKey(entry.title), entry.level]));
  const headingLevel = headingLevels(lines, body, outlineLevels);
  const notes = footnoteLines(lines, body, headingLevel);
  const blocks: LayoutBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (notes.has(line)) {
      // A page's footnotes, each from its mark to the next one.
      const block: PdfLine[][] = [];
      while (i < lines.length && notes.has(lines[i]!)) {
        if (NOTE_MARK.test(lines[i]!.text) || block.length === 0) block.push([]);
        block.at(-1)!.push(lines[i]!);
        i += 1;
      }
      blocks.push({ kind: 'note', notes: block });
      continue;
    }
    // An outline title wrapped over several lines, or cut short in the outline.
    const wrappedTitle = line.grid || headingLevel(line) !== undefined ? undefined : outlineTitleAt(lines, i, outlineLevels, body);
    if (wrappedTitle) {
      blocks.push({ kind: 'heading', lines: lines.slice(i, i + wrappedTitle.count), level: wrappedTitle.level });
      i += wrappedTitle.count;
      continue;
    }
    const level = line.grid ? undefined : headingLevel(line);
    if (level !== undefined) {
      const heading = [line];
      // A title wrapped over two lines: same size, right below.
      while (i + heading.length < lines.length) {
        const next = lines[i + heading.length]!;
        if (next.page !== line.page || headingLevel(next, true) !== level || roundSize(next.size) !== roundSize(line.size)) break;
        if (heading.at(-1)!.y - next.y > 2 * next.size) break;
        heading.push(next);
      }
      // Prose set large (a notice page's sentences in 16 pt) reads as what it is: a paragraph; a title the outline
      // names stays a heading whatever it says.
      const text = heading.map((part) => part.text).join(' ');
      const prose = !outlineLevels.has(titleKey(text)) && !outlineLevels.has(titleKey(line.text)) && readsAsProse(text);
      blocks.push(prose ? { kind: 'paragraph', lines: heading } : { kind: 'heading', lines: heading, level });
      i += heading.length;
      continue;
    }
    const grid = line.grid ? gridTableFrom(lines, i, spacing) : undefined;
    if (grid) {
      blocks.push(grid.block);
      i += grid.lineCount;
      continue;
    }
    const table = tableFrom(lines, i, headingLevel);
    if (table) {
      blocks.push(table.block);
      i += table.lineCount;
      continue;
    }
    if (BULLET.test(line.text)) {
      const items: PdfLine[][] = [];
      while (i < lines.length && BULLET.test(lines[i]!.text) && headingLevel(lines[i]!) === undefined) {
        const item = [lines[i]!];
        i += 1;
        // Continuation lines hang under the item's text: indented past the bullet, starting no item of their own (a
        // number in brackets inside the item's sentence, "(2) the seals", continues it, as in a paragraph).
        while (i < lines.length) {
          const next = lines[i]!;
          if (startsItem(item.at(-1)!, next) || headingLevel(next) !== undefined || breaksParagraph(item.at(-1)!, next, spacing, rightEdges)) break;
          if (next.page === item[0]!.page && next.x < item[0]!.x + 0.5 * next.size) break;
          item.push(next);
          i += 1;
        }
        items.push(item);
      }
      blocks.push({ kind: 'list', items });
      continue;
    }
    const paragraph = [line];
    i += 1;
    while (i < lines.length) {
      const next = lines[i]!;
      if (next.grid || headingLevel(next) !== undefined || startsItem(paragraph.at(-1)!, next) || breaksParagraph(paragraph.at(-1)!, next, spacing, rightEdges))
        break;
      if (tableFrom(lines, i, headingLevel)) break;
      paragraph.push(next);
      i += 1;
    }
    blocks.push({ kind: 'paragraph', lines: paragraph });
  }
  return blocks;
}

/**
 * The footnotes at each page's foot: the page's last lines, all set smaller than the body, from the first of them
 * that starts with a footnote mark; only below body text (a page set small throughout is not notes) and never a
 * table's or a heading's lines. Running footers are gone by now (`dropRunningFurniture`).
 */
function footnoteLines(lines: PdfLine[], body: number, headingLevel: (line: PdfLine) => number | undefined): Set<PdfLine> {
  const notes = new Set<PdfLine>();
  const byPage = new Map<number, PdfLine[]>();
  for (const line of lines) {
    const page = byPage.get(line.page);
    if (page) page.push(line);
    else byPage.set(line.page, [line]);
  }
  const small = (line: PdfLine) => line.size <= NOTE_SIZE_RATIO * body && !line.grid && line.cells.length <= 1 && headingLevel(line) === undefined;
  for (const pageLines of byPage.values()) {
    let first = pageLines.length;
    while (first > 0 && small(pageLines[first - 1]!)) first -= 1;
    while (first < pageLines.length && !NOTE_MARK.test(pageLines[first]!.text)) first += 1;
    const aboveIsBody = pageLines.slice(0, first).some((line) => roundSize(line.size) === body);
    if (first < pageLines.length && aboveIsBody) for (const line of pageLines.slice(first)) notes.add(line);
  }
  return notes;
}

/** A title in the outline at least this long (spaces aside) may be cut short there: a PDF's bookmarks are often
 * truncated (at 60 or 64 characters), so a heading that starts with it is that title. Shorter titles must match
 * whole. */
const TRUNCATED_TITLE_CHARS = 30;
/** An outline title is looked for over at most this many lines. */
const MAX_TITLE_LINES = 4;

/**
 * The outline title that starts at line `i` and runs over several lines of one page (a side head wrapped in a narrow
 * margin, a long title), or that the outline cut short: how many lines it takes, with the lines below it that
 * continue it (same size and weight, close below), and its level.
 */
function outlineTitleAt(lines: PdfLine[], i: number, outline: Map<string, number>, body: number): { count: number; level: number } | undefined {
  const first = lines[i]!;
  // Body text is read as a title only when it is the whole title, not its beginning.
  const headingLike = roundSize(first.size) !== body || first.bold;
  let joined = '';
  for (let count = 1; count <= MAX_TITLE_LINES && i + count <= lines.length; count += 1) {
    const line = lines[i + count - 1]!;
    if (line.page !== first.page || roundSize(line.size) !== roundSize(first.size) || line.grid) return undefined;
    joined += count === 1 ? titleKey(line.text) : normalise(line.text);
    const whole = count > 1 ? outline.get(joined) : undefined;
    if (whole !== undefined) return { count, level: whole };
    if (!headingLike) continue;
    for (const [title, level] of outline) {
      if (title.length < TRUNCATED_TITLE_CHARS || !joined.startsWith(title)) continue;
      // The rest of a cut title: the lines right below, set alike.
      let end = i + count;
      while (end < lines.length && end < i + MAX_TITLE_LINES + 2) {
        const [above, next] = [lines[end - 1]!, lines[end]!];
        if (next.page !== first.page || roundSize(next.size) !== roundSize(first.size) || next.bold !== first.bold || above.y - next.y > 2 * next.size) break;
        end += 1;
      }
      return { count: end - i, level };
    }
  }
  return undefined;
}

/** The size most of the text is set in. */
function bodySize(lines: PdfLine[]): number {
  return dominantSize(lines, roundSize)!;
}

/** The usual distance between consecutive baselines of body text. */
function lineSpacing(lines: PdfLine[], body: number): number {
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i += 1) {
    const [a, b] = [lines[i - 1]!, lines[i]!];
    const gap = a.y - b.y;
    if (a.page === b.page && roundSize(a.size) === body && roundSize(b.size) === body && gap > 0 && gap < 3 * body) gaps.push(gap);
  }
  gaps.sort((a, b) => a - b);
  return gaps.length ? gaps[Math.floor(gaps.length / 2)]! : 1.2 * body;
}

/** Where each column's text ends on the right, per page and column (lines grouped by where they start). */
function columnRightEdges(lines: PdfLine[]): (line: PdfLine) => number {
  const key = (line: PdfLine) => `${line.page}:${line.spanning ? 's' : Math.round(line.x / 50)}`;
  const edges = new Map<string, number>();
  for (const line of lines) edges.set(key(line), Math.max(edges.get(key(line)) ?? 0, line.xEnd));
  return (line) => edges.get(key(line)) ?? line.xEnd;
}

/** Whether `next` starts a new paragraph after `previous`. */
function breaksParagraph(previous: PdfLine, next: PdfLine, spacing: number, rightEdge: (line: PdfLine) => number): boolean {
  if (Math.abs(roundSize(previous.size) - roundSize(next.size)) > 0.5) return true;
  const closed = /[.!?:;”"')\]]$/.test(previous.text);
  const shortClosing = closed && previous.xEnd < rightEdge(previous) - SHORT_LINE_SIZES * previous.size;
  // Over a page or column break the text flows on, unless the last line closed its paragraph.
  const sameColumn = next.page === previous.page && next.y < previous.y && Math.abs(next.x - previous.x) < 3 * next.size;
  if (!sameColumn) return shortClosing || (closed && /^\p{Lu}/u.test(next.text) && previous.xEnd < rightEdge(previous) - next.size);
  if (previous.y - next.y > PARAGRAPH_GAP_SPACINGS * spacing) return true;
  if (shortClosing) return true;
  return closed && next.x > previous.x + INDENT_SIZES * next.size;
}

/**
 * The heading level of a line, or undefined for text. With an outline (bookmarks) the outline says which lines are
 * headings and their levels; without one, a line set larger than the body is a heading, levels by size (largest 1),
 * a short bold line of body size standing alone is a heading below them, and a bold numbered one a little smaller
 * ("6.1.2 DC Input") a level further down. A callout ("NOTE: …") is never a heading, and a line starting in lower case
 * only continues one.
 */
function headingLevels(lines: PdfLine[], body: number, outline: Map<string, number>): (line: PdfLine, continuing?: boolean) => number | undefined {
  // A line that opens with a callout's label ("NOTE:", "WARNING:") is a callout, however large and bold it is set.
  const looksLikeHeading = (line: PdfLine) =>
    line.text.length <= MAX_HEADING_CHARS && !/[,;]$/.test(line.text) && /\p{L}/u.test(line.text) && !CALLOUT_LABEL.test(line.text);
  const large = (line: PdfLine) => roundSize(line.size) >= body * HEADING_SIZE_RATIO && looksLikeHeading(line);
  const sizes = [...new Set(lines.filter(large).map((line) => roundSize(line.size)))].sort((a, b) => b - a);
  // A heading is one piece of text: a bold line split into cells is a table's header row, but for a section number
  // set apart from its title by a tab ("3.1⇥What's In the Box", as Word sets numbered headings).
  const onePiece = (line: PdfLine) => line.cells.length === 1 || (line.cells.length === 2 && SECTION_NUMBER_ALONE.test(line.cells[0]!.trim()));
  const boldLine = (line: PdfLine) =>
    line.bold && onePiece(line) && line.text.length <= MAX_BOLD_HEADING_CHARS && !/[.:,;]$/.test(line.text) && looksLikeHeading(line);
  const boldHeading = (line: PdfLine) => boldLine(line) && roundSize(line.size) === body;
  // A bold line a little smaller than the body that opens with a section number of two parts or more ("6.1.2 DC
  // Input") is a heading of the level below: a caption ("Figure 22. …") or a numbered step ("5. Apply Power") is not.
  const minorHeading = (line: PdfLine) =>
    boldLine(line) && roundSize(line.size) < body && roundSize(line.size) >= MINOR_HEADING_SIZE_RATIO * body && MULTI_PART_SECTION_NUMBER.test(line.text);
  const matched = lines.filter((line) => outline.has(titleKey(line.text))).length;
  if (outline.size > 0 && matched >= Math.min(2, outline.size)) {
    const deepest = Math.max(...outline.values());
    return (line) => outline.get(titleKey(line.text)) ?? (boldHeading(line) ? deepest + 1 : undefined);
  }
  const level = (line: PdfLine) => {
    if (large(line)) return sizes.indexOf(roundSize(line.size)) + 1;
    if (boldHeading(line)) return sizes.length + 1;
    return minorHeading(line) ? sizes.length + 2 : undefined;
  };
  // A line that starts in lower case continues a sentence (a callout's second line set as large as its first): it
  // continues a heading wrapped over two lines, it never starts one.
  return (line, continuing = false) => (!continuing && /^\p{Ll}/u.test(line.text) ? undefined : level(line));
}

/** A lone bullet joins the line after it (the item's text), wherever the page broke them apart. */
function withBulletsJoined(lines: PdfLine[]): PdfLine[] {
  const joined: PdfLine[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const next = lines[i + 1];
    if (LONE_BULLET.test(line.text.trim()) && next && !LONE_BULLET.test(next.text.trim())) {
      joined.push({ ...next, text: `${line.text.trim()} ${next.text}`, x: Math.min(line.x, next.x) });
      i += 1;
    } else joined.push(line);
  }
  return joined;
}

/** Rows are set apart by more than this share of the gap between a wrapped cell's lines (when they differ at all). */
const ROW_GAP_RATIO = 1.3;

/**
 * The table starting at line `start`, if one does: lines on one page whose pieces start at the same column positions
 * (two columns or more), each line's text within its column. Where the gaps between lines come in two sizes, the
 * wider ones separate rows and the narrower ones join a cell's wrapped lines; otherwise each line is a row. The first
 * row is the header when it alone is bold. A two-column table without a header is a list of terms and definitions.
 */
function tableFrom(
  lines: PdfLine[],
  start: number,
  headingLevel: (line: PdfLine) => number | undefined,
): { block: LayoutBlock; lineCount: number } | undefined {
  const first = lines[start]!;
  if (first.cells.length < 2) return undefined;
  const columns = first.cellStarts;
  const tolerance = 2 * first.size;
  const columnOf = (x: number) => columns.findIndex((column) => Math.abs(column - x) <= tolerance);
  const taken: PdfLine[] = [];
  for (let i = start; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (line.page !== first.page || headingLevel(line) !== undefined || (taken.length > 0 && line.y >= taken.at(-1)!.y)) break;
    const starts = line.cellStarts.map(columnOf);
    if (starts.some((column) => column < 0)) break;
    // A line of one piece must stay within its column: a paragraph after the table runs across the columns.
    const last = starts.at(-1)!;
    if (last + 1 < columns.length && line.xEnd > columns[last + 1]! + line.size) break;
    taken.push(line);
  }
  if (taken.filter((line) => line.cells.length >= 2).length < 2) return undefined;
  const gaps = taken.slice(1).map((line, i) => taken[i]!.y - line.y);
  const narrowest = Math.min(...gaps);
  const rowGap = Math.max(...gaps) > ROW_GAP_RATIO * narrowest ? (Math.max(...gaps) + narrowest) / 2 : 0;
  const rows: TableRow[] = [];
  taken.forEach((line, i) => {
    const startsRow = i === 0 || rowGap === 0 || gaps[i - 1]! >= rowGap;
    if (startsRow) rows.push({ cellLines: columns.map(() => []), lines: [] });
    const row = rows.at(-1)!;
    row.lines.push(line);
    line.cells.forEach((cell, c) => row.cellLines[columnOf(line.cellStarts[c]!)]!.push(cell));
  });
  if (rows.length < 2) return undefined;
  const headerBold = rows[0]!.lines.every((line) => line.bold) && rows.slice(1).some((row) => row.lines.some((line) => !line.bold));
  const header = headerBold ? rows[0]!.cellLines.map((parts) => parts.join(' ')) : undefined;
  return { block: { kind: 'table', header, rows: headerBold ? rows.slice(1) : rows }, lineCount: taken.length };
}

/** Pieces of two columns starting within this many font sizes of each other start a row together. */
const ROW_START_SIZES = 0.6;
/** A column's line lower than this many wrapped-line spacings below its line before starts a new piece of text. */
const CELL_BREAK_SPACINGS = 1.3;
/** A table whose lines are never closer than this many body-text spacings has cells of one line. */
const UNWRAPPED_SPACINGS = 1.05;

/** A column's run of lines with no wider gap than a wrapped line's: a cell, or a part of one. */
interface ColumnPiece {
  column: number;
  top: number;
  lines: PdfLine[];
}

/**
 * The table starting at line `start`, whose lines page-lines found by their aligned columns (`grid`), read one row at
 * a time, over as many pages as it runs on: bold lines at the top of its first page are the header (repeated on the
 * pages after, they are left out). On each page a column's lines fall into pieces at gaps wider than a wrapped
 * line's; a row starts where pieces of two columns start together, and takes every piece that starts in it, however
 * far down it runs (a cell spanning several rows belongs to the first). Pieces above a page's first row, and a first
 * row whose cell goes on in lower case, continue the last row of the page before.
 */
function gridTableFrom(lines: PdfLine[], start: number, spacing: number): { block: LayoutBlock; lineCount: number } | undefined {
  const width = lines[start]!.grid!.length;
  let end = start;
  while (end < lines.length && lines[end]!.grid?.length === width) end += 1;
  const pages: PdfLine[][] = [];
  for (const line of lines.slice(start, end)) {
    const page = pages.at(-1);
    if (page && page[0]!.page === line.page) page.push(line);
    else pages.push([line]);
  }
  let header: string[] | undefined;
  const rows: TableRow[] = [];
  for (const pageLines of pages) {
    let bodyAt = 0;
    while (bodyAt < pageLines.length && pageLines[bodyAt]!.bold) bodyAt += 1;
    if (bodyAt === pageLines.length) bodyAt = 0;
    if (bodyAt > 0 && !header) {
      const headerLines = pageLines.slice(0, bodyAt);
      header = Array.from({ length: width }, (_, column) =>
        headerLines
          .map((line) => line.grid![column]!)
          .filter((text) => text !== '')
          .join(' '),
      );
    }
    const { lead, pageRows } = gridRows(pageLines.slice(bodyAt), width, spacing);
    const previous = rows.at(-1);
    if (previous && lead.length) for (const piece of lead) addPiece(previous, piece);
    else if (lead.length) {
      const row = emptyRow(width);
      for (const piece of lead) addPiece(row, piece);
      pageRows.unshift(row);
    }
    const firstRow = pageRows[0];
    const goesOn =
      previous &&
      firstRow &&
      firstRow.cellLines.some((parts, column) => parts.length > 0 && /^\p{Ll}/u.test(parts[0]!) && previous.cellLines[column]!.length > 0);
    if (goesOn) {
      firstRow.cellLines.forEach((parts, column) => previous.cellLines[column]!.push(...parts));
      previous.lines.push(...firstRow.lines);
      pageRows.shift();
    }
    rows.push(...pageRows);
  }
  if (rows.length < 2) return undefined;
  return { block: { kind: 'table', header, rows }, lineCount: end - start };
}

const emptyRow = (width: number): TableRow => ({ cellLines: Array.from({ length: width }, () => []), lines: [] });

function addPiece(row: TableRow, piece: ColumnPiece): void {
  row.cellLines[piece.column]!.push(...piece.lines.map((line) => line.grid![piece.column]!));
  for (const line of piece.lines) if (!row.lines.includes(line)) row.lines.push(line);
  row.lines.sort((a, b) => b.y - a.y);
}

/** One page's lines of a table as rows, and the pieces above its first row (the last row of the page before, going on). */
function gridRows(body: PdfLine[], width: number, spacing: number): { lead: ColumnPiece[]; pageRows: TableRow[] } {
  if (body.length === 0) return { lead: [], pageRows: [] };
  const size = body[0]!.size;
  const columnLines = Array.from({ length: width }, (_, column) => body.filter((line) => line.grid![column] !== ''));
  const yOf = (line: PdfLine, column: number) => line.gridY?.[column] ?? line.y;
  const gaps = columnLines.flatMap((own, column) => own.slice(1).map((line, i) => yOf(own[i]!, column) - yOf(line, column))).sort((a, b) => a - b);
  // A wrapped line's spacing: that of the table's closest lines. Lines no closer than the body text's are rows of
  // cells that do not wrap.
  const wrap = gaps.length ? gaps[Math.floor(gaps.length * 0.2)]! : spacing;
  const wraps = wrap <= UNWRAPPED_SPACINGS * spacing;
  const pieces: ColumnPiece[] = [];
  columnLines.forEach((own, column) => {
    own.forEach((line, i) => {
      const piece = pieces.at(-1);
      if (i > 0 && piece && piece.column === column && yOf(own[i - 1]!, column) - yOf(line, column) <= CELL_BREAK_SPACINGS * wrap) piece.lines.push(line);
      else pieces.push({ column, top: yOf(line, column), lines: [line] });
    });
  });
  let starts: number[];
  if (!wraps || columnLines.every((_, column) => pieces.filter((piece) => piece.column === column).length <= 1)) {
    // No gaps between rows: each line with text in two columns or more is a row (a line of one goes with the row above).
    starts = body.filter((line) => line.cells.length >= 2).map((line) => line.y);
    pieces.splice(0, pieces.length, ...body.flatMap((line) => line.grid!.flatMap((text, column) => (text === '' ? [] : [{ column, top: line.y, lines: [line] }]))));
  } else {
    starts = [];
    const tops = [...pieces].sort((a, b) => b.top - a.top);
    for (let i = 0; i < tops.length; ) {
      let j = i + 1;
      while (j < tops.length && tops[i]!.top - tops[j]!.top <= ROW_START_SIZES * size) j += 1;
      if (new Set(tops.slice(i, j).map((piece) => piece.column)).size >= 2) starts.push(tops[i]!.top);
      i = j;
    }
  }
  if (starts.length === 0) starts = [body[0]!.y];
  const pageRows = starts.map(() => emptyRow(width));
  const lead: ColumnPiece[] = [];
  const tolerance = ROW_START_SIZES * size;
  for (const piece of pieces.sort((a, b) => b.top - a.top)) {
    let row = -1;
    starts.forEach((top, i) => {
      if (top >= piece.top - tolerance) row = i;
    });
    if (row < 0) lead.push(piece);
    else addPiece(pageRows[row]!, piece);
  }
  return { lead, pageRows: pageRows.filter((row) => row.lines.length > 0) };
}
