/**
 * The top of a plain-text document: a header block of two-column metadata lines (memo and report headers:
 * `Network Working Group          J. Postel`), then a title, centred in paginated documents or simply the first
 * short line elsewhere, and a centred byline. None of it is body text.
 */

/** Where a header line's columns part: three or more spaces (prose never has them; two follow a full stop). */
const COLUMN_GAP = /\s{3,}/;

/**
 * A line indented this far with nothing on its left is a right-hand column (authors, dates). Body text is indented
 * by a few columns at most; half a 72-column page is well past that.
 */
const RIGHT_COLUMN_INDENT = 30;

/**
 * A centred line is indented at least this far (past the usual 3-column paragraph indent), and its left and
 * right margins differ by at most CENTRE_TOLERANCE columns (typewriter centring is rounded, and titles are often
 * centred by eye).
 */
const CENTRED_MIN_INDENT = 4;
const CENTRE_TOLERANCE = 12;

/** Page width used for centring when the document's own lines are shorter (a classic 72-column page). */
const DEFAULT_PAGE_WIDTH = 72;

/** A title or byline is a few lines, not a paragraph. */
const MAX_TITLE_LINES = 3;

/** A first line longer than this is prose, not a title (the length of a long book or report title). */
const MAX_TITLE_LENGTH = 80;

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
/** A date written in a header: `October 1985`, `July 14, 1975`, `31 Oct 77`, `30-Dec-77`, `2014-03-01`. */
const DATE = new RegExp(`(?:${MONTH}\\s+(?:\\d{1,2},?\\s+)?\\d{4}|\\d{1,2}[\\s-]${MONTH}[\\s-]\\d{2,4}|\\d{4}-\\d{2}-\\d{2})`, 'i');

/** `Request for Comments: 959`, `Category: Standards Track`, `RFC # 697`, `NIC: 42217`. */
const KEY_VALUE = /^([\p{L}][\p{L}\p{N} /'-]*?)\s*(?::|#)\s*(\S.*)$/u;

export interface FrontMatter {
  title?: string;
  metadata: Record<string, string>;
  /** Index of the first body line. */
  bodyStart: number;
}

const indentOf = (line: string) => line.length - line.trimStart().length;

/** The lines of the blank-separated block starting at (or after blank lines from) `from`. */
function blockAt(lines: string[], from: number): { start: number; end: number } {
  let start = from;
  while (start < lines.length && lines[start]!.trim() === '') start += 1;
  let end = start;
  while (end < lines.length && lines[end]!.trim() !== '') end += 1;
  return { start, end };
}

function isTwoColumn(line: string): boolean {
  return indentOf(line) < RIGHT_COLUMN_INDENT && COLUMN_GAP.test(line.trim());
}

function isRightColumn(line: string): boolean {
  return indentOf(line) >= RIGHT_COLUMN_INDENT;
}

/** A memo header: most of its lines are laid out in two columns or sit in the right-hand column. */
function isHeaderBlock(block: string[]): boolean {
  const laidOut = block.filter((line) => isTwoColumn(line) || isRightColumn(line)).length;
  // Two such lines rule out a lone indented line; a majority keeps out a paragraph with one odd line.
  return laidOut >= 2 && laidOut * 2 >= block.length;
}

/** The width lines are centred in: the longest line that is not a stray overlong one, or a 72-column page. */
export function pageWidthOf(lines: string[]): number {
  return lines.reduce((widest, line) => (line.length <= 100 ? Math.max(widest, line.length) : widest), DEFAULT_PAGE_WIDTH);
}

/** A line set in the middle of the page: indented past a paragraph indent, its margins about equal. */
export function isCentred(line: string, pageWidth: number): boolean {
  const indent = indentOf(line);
  const rightMargin = pageWidth - line.length;
  return indent >= CENTRED_MIN_INDENT && rightMargin >= 0 && Math.abs(indent - rightMargin) <= CENTRE_TOLERANCE;
}

function readHeader(block: string[], metadata: Record<string, string>): void {
  const others: string[] = [];
  const authors: string[] = [];
  for (const line of block) {
    const cells = line.trim().split(COLUMN_GAP);
    const left = isRightColumn(line) ? undefined : cells.shift();
    for (const cell of left === undefined ? cells : [left, ...cells]) {
      const pair = KEY_VALUE.exec(cell);
      if (DATE.test(cell) && !metadata.date && !pair) metadata.date = cell;
      else if (pair && cell === left) metadata[pair[1]!.trim().toLowerCase()] = pair[2]!.trim();
      else if (cell === left) others.push(cell);
      else authors.push(cell);
    }
  }
  if (others.length > 0) metadata.series = others.join('; ');
  if (authors.length > 0) metadata.authors = authors.join('; ');
}

/** A first line that can be a title: short, and not a sentence, list item or numbered heading, nor a line holding an
 * e-mail or web address (a contact line or an entry of a list of people: "Tatu Ylonen <ylo@…> - Creator of SSH"). */
function isTitleLine(line: string): boolean {
  const trimmed = line.trim();
  return (
    trimmed.length <= MAX_TITLE_LENGTH &&
    /\p{L}/u.test(trimmed) &&
    !/[\w.+-]+@[\w-]+\.[\w.-]+|\b(?:https?|ftp):\/\//.test(trimmed) &&
    !/[.,;:!?]$/.test(trimmed) &&
    !/^(?:[-*•+]\s|\(?\w{1,3}[.)]\s|\d)/u.test(trimmed)
  );
}

/**
 * Reads the header block, the title and the byline from the top of `lines` (body lines, furniture already gone).
 * The title is the centred block after the header (paginated documents), else a short first line (with its
 * underline, if it has one).
 */
export function readFrontMatter(lines: string[]): FrontMatter {
  const metadata: Record<string, string> = {};
  const pageWidth = pageWidthOf(lines);
  let next = 0;
  let block = blockAt(lines, next);
  const hasHeader = isHeaderBlock(lines.slice(block.start, block.end));
  if (hasHeader) {
    readHeader(lines.slice(block.start, block.end), metadata);
    next = block.end;
    block = blockAt(lines, next);
  }

  const centredBlock = (range: { start: number; end: number }) => {
    const part = lines.slice(range.start, range.end);
    return part.length > 0 && part.length <= MAX_TITLE_LINES && part.every((line) => isCentred(line, pageWidth) && isTitleLine(line));
  };
  if (centredBlock(block)) {
    const title = lines.slice(block.start, block.end).map((line) => line.trim()).join(' ');
    next = block.end;
    const byline = blockAt(lines, next);
    // Names with initials (`A. D. Owen`) would not pass as a title line; a byline only has to be centred and short.
    const bylineLines = lines.slice(byline.start, byline.end);
    if (bylineLines.length > 0 && bylineLines.length <= MAX_TITLE_LINES && bylineLines.every((line) => isCentred(line, pageWidth) && !/[.,;:!?]$/.test(line.trim()))) {
      metadata.byline = lines.slice(byline.start, byline.end).map((line) => line.trim()).join('; ');
      next = byline.end;
    }
    return { title, metadata, bodyStart: next };
  }

  const first = lines[block.start];
  if (!hasHeader && first !== undefined && isTitleLine(first)) {
    const underline = lines[block.start + 1];
    const underlined = underline !== undefined && /^\s*(=+|-+)\s*$/.test(underline);
    // A title on its own line (its block ends there, or an underline marks it): the block is not a paragraph.
    if (underlined || block.end === block.start + 1) return { title: first.trim(), metadata, bodyStart: block.start + (underlined ? 2 : 1) };
  }
  return { metadata, bodyStart: next };
}
