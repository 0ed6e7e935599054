import { dominantSize } from './dominant-size.js';
import { isContentsTitle } from '../plain-text/headings.js';
import type { PdfLine } from './page-lines.js';

/** Lines looked at on each page's top and bottom edge: a running header or footer is one or two lines. */
const EDGE_LINES = 2;
/**
 * A line at a page's edge is furniture when it recurs (figures aside) on at least this share of the pages (and on
 * three): a report's landscape pages or front matter often carry their own running header, on a fraction of the pages.
 */
const RECURRING_SHARE = 0.25;
const MIN_RECURRING_PAGES = 3;

/** A page number on its own: "12", "- 12 -", "Page 12", "12 of 40", "xii". */
const PAGE_NUMBER = /^(?:page\s+)?[-–—(]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—)]?(?:\s*(?:of|\/)\s*\d{1,4})?$/i;

/** A table of contents entry: a title, a run of leader dots, a page number ("Scope ........ 3"). */
const CONTENTS_ENTRY = /(?:\.\s?){4,}\s*(?:\d{1,4}|[ivxlc]{1,7})$/i;

/**
 * A line's text with its figures blanked and a page number at either end left out, so "Chapter 2 · page 14",
 * "Chapter 2 · page 15" and "Chapter 2 · page xii" recur as one.
 */
const shape = (text: string) =>
  text
    .toLowerCase()
    .replace(/^\s*(?:\d{1,4}|[ivxlc]{1,7})\s+|\s+(?:\d{1,4}|[ivxlc]{1,7})\s*$/g, '')
    // "Page ii GAO-07-283" on the front matter is "Page 12 GAO-07-283" on the body's pages.
    .replace(/\bpage\s+(?:\d{1,4}|[ivxlc]{1,7})\b/g, 'page #')
    .replace(/\d+/g, '#')
    .replace(/\s+/g, ' ')
    .trim();

/** A line at a page's edge set no larger than the text, the same on this many consecutive pages at least, is a
 * running head of its part (an appendix's title over each of its pages), however few pages the part has. */
const CONSECUTIVE_PAGES = 3;

/**
 * Leaves out the running headers and footers (a line at the top or bottom edge of a page that recurs across the
 * pages, its figures aside), page numbers standing on a page's edge and table of contents entries with their title:
 * they interrupt the text or repeat it, and are not answer material.
 */
export function dropRunningFurniture(pages: PdfLine[][]): PdfLine[][] {
  // The lines on a page's top and bottom EDGE_LINES baselines: a running head read as pieces side by side ("REF: X" and
  // "System Rev A5.5" where the page's lines were split at a column gap) is one line of the edge, not two.
  const edgeBaselines = (lines: PdfLine[]): PdfLine[][] => {
    const byBaseline = new Map<number, PdfLine[]>();
    for (const line of lines) {
      const baseline = Math.round(line.y);
      const pieces = byBaseline.get(baseline);
      if (pieces) pieces.push(line);
      else byBaseline.set(baseline, [line]);
    }
    const baselines = [...byBaseline.keys()].sort((a, b) => b - a);
    return [...new Set([...baselines.slice(0, EDGE_LINES), ...baselines.slice(-EDGE_LINES)])].map((baseline) => byBaseline.get(baseline)!);
  };
  // Each edge line's shape, worked out once, from the whole of its baseline (its pieces in reading order): recurrence,
  // runs over consecutive pages and the filter all read it.
  const shapeOf = new Map<PdfLine, string>();
  const edges = pages.map((lines) => {
    const baselines = edgeBaselines(lines);
    for (const pieces of baselines) {
      const key = shape([...pieces].sort((a, b) => a.x - b.x).map((piece) => piece.text).join(' '));
      for (const piece of pieces) shapeOf.set(piece, key);
    }
    return new Set(baselines.flat());
  });
  const edgeShapes = edges.map((lines) => new Set([...lines].map((line) => shapeOf.get(line)!)));
  const recurrence = new Map<string, number>();
  for (const shapes of edgeShapes) for (const key of shapes) recurrence.set(key, (recurrence.get(key) ?? 0) + 1);
  const pagesWithText = pages.filter((lines) => lines.length > 0).length;
  const recurs = (key: string) =>
    pagesWithText >= 2 && (recurrence.get(key) ?? 0) >= Math.max(Math.min(MIN_RECURRING_PAGES, pagesWithText), pagesWithText * RECURRING_SHARE);
  // The edge shape recurs on the pages next to page `i`, on CONSECUTIVE_PAGES in a row with it.
  const runsOver = (i: number, key: string) => {
    let first = i;
    let last = i;
    while (first > 0 && edgeShapes[first - 1]!.has(key)) first -= 1;
    while (last + 1 < edgeShapes.length && edgeShapes[last + 1]!.has(key)) last += 1;
    return last - first + 1 >= CONSECUTIVE_PAGES;
  };
  const bodySize = dominantSize(pages.flat()) ?? 0;
  // Running heads and footers are set no larger than the text: a larger line at a page's edge is a heading, though its
  // words recur as the running head of the pages after it.
  const furniture = (line: PdfLine, i: number) => {
    if (PAGE_NUMBER.test(line.text.trim())) return true;
    const key = shapeOf.get(line)!;
    return line.size <= bodySize && (recurs(key) || runsOver(i, key));
  };
  // A contents list's own title ("Table of Contents", "List of Figures") goes with its entries, right above the first
  // of them. Left alone it would stand as an empty section that every later heading nests under. (A chapter's title
  // above the chapter's own contents is a title, and stays.)
  return pages.map((lines, i) => {
    const entry = lines.map((line) => CONTENTS_ENTRY.test(line.text));
    return lines.filter((line, j) => !entry[j] && !(entry[j + 1] && isContentsTitle(line.text)) && !(edges[i]!.has(line) && furniture(line, i)));
  });
}
