/**
 * Page furniture of paginated plain text (reports, RFCs, manuals printed to text): form feeds, running headers and
 * footers that repeat on every page with only the page number changing, and lone page numbers. What is left is the
 * body as a list of lines, with each page break closed up: a sentence cut by a break joins up again.
 */

/** A tab stop every 8 columns, as terminals and line printers place them. */
const TAB_WIDTH = 8;

/**
 * How many non-blank lines at the top and bottom of a page are looked at as possible furniture. Running headers
 * are one or two lines (RFCs: `RFC 959   October 1985` then a short title), footers one; three leaves room for a
 * blank-separated page number without reaching far into the body.
 */
const EDGE_LINES = 3;

/**
 * A line shape (digits normalised) seen at the edge of at least this many pages is a running header or footer.
 * Two could be chance (two pages opening with the same list item); by three it is a pattern.
 */
const MIN_PAGES_FOR_RUNNING_LINE = 3;

/**
 * A running line has at least this many letters: bare punctuation or a lone brace (`}` closing code on several
 * pages) repeats by accident, not as furniture.
 */
const MIN_LETTERS_IN_RUNNING_LINE = 3;

/** A line that is nothing but a page number: `12`, `- 12 -`, `Page 12`, `[Page 12]`, `Page 3 of 9`. */
const LONE_PAGE_NUMBER = /^(?:\d{1,4}|-\s*\d{1,4}\s*-|\[?page\s+\d{1,4}(?:\s+of\s+\d{1,4})?\]?)$/i;

/** A footer or header that ends in a page number set off by a wide gap (`Postel & Reynolds      [Page 21]`). */
const TRAILING_PAGE_NUMBER = /(?:^|\s{3,})\[?page\s+\d{1,4}\]?$/i;

/**
 * The classic running-header layout: three parts set apart by wide gaps (left, centre, right: `RFC 697   CWD Command
 * of FTP   July 1975`), one of them a number or date. At the very top of a page (after a break) it is furniture even
 * in a document too short for the header to repeat three times.
 */
const THREE_PART_HEADER = /^\S.*?\s{3,}\S.*?\s{3,}\S.*$/;

/** Punctuation that ends a sentence, a lead-in or a clause that cannot run on, allowing closing quotes/brackets. */
const ENDS_SENTENCE = /[.!?:]["'”’)\]]*$/;

/** Expands tabs to spaces (so indentation can be compared) and drops trailing white space. */
export function expandTabs(line: string): string {
  if (!line.includes('\t')) return line.trimEnd();
  let out = '';
  for (const character of line) {
    if (character === '\t') out += ' '.repeat(TAB_WIDTH - (out.length % TAB_WIDTH));
    else out += character;
  }
  return out.trimEnd();
}

/** A line's shape for repetition: white space collapsed, every number replaced, case folded. */
function lineShape(line: string): string {
  return line.trim().replace(/\s+/g, ' ').replace(/\d+/g, '#').toLowerCase();
}

function isPageNumber(line: string): boolean {
  const trimmed = line.trim();
  return LONE_PAGE_NUMBER.test(trimmed) || TRAILING_PAGE_NUMBER.test(trimmed);
}

/**
 * Splits the text into pages: at form feeds when it has any, else after each line that ends in a page number
 * (a footer) so that text without form feeds but with `[Page N]` footers is handled alike.
 */
function splitPages(text: string): string[][] {
  if (text.includes('\f')) return text.split('\f').map((page) => page.split('\n').map(expandTabs));
  const pages: string[][] = [[]];
  for (const line of text.split('\n').map(expandTabs)) {
    pages.at(-1)!.push(line);
    if (line.trim() !== '' && TRAILING_PAGE_NUMBER.test(line.trim())) pages.push([]);
  }
  return pages;
}

/** The indexes of the first (or last) few non-blank lines of a page. */
function edgeLines(page: string[], fromEnd: boolean): number[] {
  const indexes: number[] = [];
  for (let k = 0; k < page.length && indexes.length < EDGE_LINES; k += 1) {
    const i = fromEnd ? page.length - 1 - k : k;
    if (page[i]!.trim() !== '') indexes.push(i);
  }
  return indexes;
}

/** Shapes of the lines that open or close at least MIN_PAGES_FOR_RUNNING_LINE pages. */
function runningShapes(pages: string[][]): Set<string> {
  const pagesByShape = new Map<string, Set<number>>();
  pages.forEach((page, pageIndex) => {
    for (const i of [...edgeLines(page, false), ...edgeLines(page, true)]) {
      const shape = lineShape(page[i]!);
      if ((shape.match(/\p{L}/gu) ?? []).length < MIN_LETTERS_IN_RUNNING_LINE) continue;
      const seen = pagesByShape.get(shape) ?? new Set<number>();
      seen.add(pageIndex);
      pagesByShape.set(shape, seen);
    }
  });
  return new Set([...pagesByShape].filter(([, seen]) => seen.size >= MIN_PAGES_FOR_RUNNING_LINE).map(([shape]) => shape));
}

/** A page's body: furniture and blank lines peeled off its top and bottom, stopping at the first line of body. */
function pageBody(page: string[], running: Set<string>, afterBreak: boolean): string[] {
  const isFurniture = (line: string) => line.trim() === '' || isPageNumber(line) || running.has(lineShape(line));
  let start = 0;
  let end = page.length;
  while (start < end && page[start]!.trim() === '') start += 1;
  const top = page[start]?.trim() ?? '';
  if (afterBreak && THREE_PART_HEADER.test(top) && /\d/.test(top)) start += 1;
  while (start < end && isFurniture(page[start]!)) start += 1;
  while (end > start && isFurniture(page[end - 1]!)) end -= 1;
  return page.slice(start, end);
}

const indentOf = (line: string) => line.length - line.trimStart().length;

/**
 * Whether the text runs on across a page break. Wrapped lines of one paragraph share their margin, so the first
 * line after the break must sit where the last line before it sits (a table cell or a description ending a page
 * does not run into the prose of the next); then the text runs on when the next page opens in lower case, or when
 * the last line before the break neither ends a sentence nor stands alone and the first line after it does not
 * stand alone either (a heading or a one-line item, on either side, stays separate).
 */
function runsOn(before: string[], after: string[]): boolean {
  if (indentOf(before.at(-1)!) !== indentOf(after[0]!)) return false;
  if (/^\p{Ll}/u.test(after[0]!.trim())) return true;
  const last = before.at(-1)!.trim();
  const lastStandsAlone = before.length < 2 || before.at(-2)!.trim() === '';
  const firstStandsAlone = after.length < 2 || after[1]!.trim() === '';
  return !lastStandsAlone && !firstStandsAlone && !ENDS_SENTENCE.test(last);
}

/**
 * The document's lines with page furniture removed: tabs expanded, trailing white space dropped, form feeds gone,
 * running headers/footers and page numbers dropped where they sit at a page edge, and each page break closed up
 * (joined when the text runs on, one blank line when it does not).
 */
export function removePageFurniture(text: string): string[] {
  const pages = splitPages(text);
  if (pages.length === 1) return pages[0]!;
  const running = runningShapes(pages);
  const lines: string[] = [];
  for (const [index, page] of pages.entries()) {
    const body = pageBody(page, running, index > 0);
    if (body.length === 0) continue;
    if (lines.length > 0 && !runsOn(lines, body)) lines.push('');
    for (const line of body) lines.push(line);
  }
  return lines;
}
