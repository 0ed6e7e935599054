import type { PdfLine } from './page-lines.js';

/** Lines looked at on each page's top and bottom edge: a running header or footer is one or two lines. */
const EDGE_LINES = 2;
/** A line at a page's edge is furniture when it recurs (figures aside) on at least this share of the pages. */
const RECURRING_SHARE = 0.4;

/** A page number on its own: "12", "- 12 -", "Page 12", "12 of 40", "xii". */
const PAGE_NUMBER = /^(?:page\s+)?[-–—(]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—)]?(?:\s*(?:of|\/)\s*\d{1,4})?$/i;

/** A line's text with its figures blanked, so "Chapter 2 · page 14" and "Chapter 2 · page 15" recur as one. */
const shape = (text: string) => text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

/**
 * Leaves out the running headers and footers (a line at the top or bottom edge of a page that recurs across the
 * pages, its figures aside) and page numbers standing on a page's edge: they interrupt the text, not belong to it.
 */
export function dropRunningFurniture(pages: PdfLine[][]): PdfLine[][] {
  const edgeLines = (lines: PdfLine[]) => {
    const byHeight = [...lines].sort((a, b) => b.y - a.y);
    return new Set([...byHeight.slice(0, EDGE_LINES), ...byHeight.slice(-EDGE_LINES)]);
  };
  const edges = pages.map(edgeLines);
  const recurrence = new Map<string, number>();
  for (const lines of edges) {
    for (const key of new Set([...lines].map((line) => shape(line.text)))) recurrence.set(key, (recurrence.get(key) ?? 0) + 1);
  }
  const pagesWithText = pages.filter((lines) => lines.length > 0).length;
  const recurring = (line: PdfLine) => pagesWithText >= 2 && (recurrence.get(shape(line.text)) ?? 0) >= Math.max(2, pagesWithText * RECURRING_SHARE);
  return pages.map((lines, i) => lines.filter((line) => !(edges[i]!.has(line) && (PAGE_NUMBER.test(line.text.trim()) || recurring(line)))));
}
