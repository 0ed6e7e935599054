import type { PdfLine } from './page-lines.js';
import type { PdfOutlineEntry } from './read-pdf-pages.js';

/** What a run of lines is: the PDF has no structure, only positioned text; this is read off the layout. */
export type LayoutBlock =
  | { kind: 'heading'; lines: PdfLine[]; level: number }
  | { kind: 'paragraph'; lines: PdfLine[] }
  | { kind: 'list'; items: PdfLine[][] }
  | { kind: 'table'; rows: PdfLine[] };

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

/** "• item", "– item", "1. item", "(a) item", "iv) item". */
const BULLET = /^(?:[•▪◦●○■□◆◇►▸‣⁃∙·*]|[-–—](?=\s)|\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)])\s+/i;

const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
const roundSize = (size: number) => Math.round(size * 2) / 2;

/**
 * Reads blocks off the lines of a whole document, in reading order: headings (from the outline where the file has
 * one, else from font size and weight), lists (bulleted or numbered lines with their hanging continuations),
 * tables (consecutive lines split into the same cells) and paragraphs (lines until a gap, an indent or a short
 * closing line; a paragraph continues over a column or page break unless its last line ended it).
 */
export function layoutBlocks(lines: PdfLine[], outline: PdfOutlineEntry[]): LayoutBlock[] {
  if (lines.length === 0) return [];
  const body = bodySize(lines);
  const spacing = lineSpacing(lines, body);
  const rightEdges = columnRightEdges(lines);
  const outlineLevels = new Map(outline.map((entry) => [normalise(entry.title), entry.level]));
  const headingLevel = headingLevels(lines, body, outlineLevels);
  const blocks: LayoutBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const level = headingLevel(line);
    if (level !== undefined) {
      const heading = [line];
      // A title wrapped over two lines: same size, right below.
      while (i + heading.length < lines.length) {
        const next = lines[i + heading.length]!;
        if (next.page !== line.page || headingLevel(next) !== level || roundSize(next.size) !== roundSize(line.size)) break;
        if (heading.at(-1)!.y - next.y > 2 * next.size) break;
        heading.push(next);
      }
      blocks.push({ kind: 'heading', lines: heading, level });
      i += heading.length;
      continue;
    }
    const rows = tableRowsFrom(lines, i, headingLevel);
    if (rows.length >= 2) {
      blocks.push({ kind: 'table', rows });
      i += rows.length;
      continue;
    }
    if (BULLET.test(line.text)) {
      const items: PdfLine[][] = [];
      while (i < lines.length && BULLET.test(lines[i]!.text) && headingLevel(lines[i]!) === undefined) {
        const item = [lines[i]!];
        i += 1;
        // Continuation lines hang under the item's text: indented past the bullet, no bullet of their own.
        while (i < lines.length) {
          const next = lines[i]!;
          if (BULLET.test(next.text) || headingLevel(next) !== undefined || breaksParagraph(item.at(-1)!, next, spacing, rightEdges)) break;
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
      if (headingLevel(next) !== undefined || BULLET.test(next.text) || breaksParagraph(paragraph.at(-1)!, next, spacing, rightEdges)) break;
      if (tableRowsFrom(lines, i, headingLevel).length >= 2) break;
      paragraph.push(next);
      i += 1;
    }
    blocks.push({ kind: 'paragraph', lines: paragraph });
  }
  return blocks;
}

/** The size most of the text is set in. */
function bodySize(lines: PdfLine[]): number {
  const chars = new Map<number, number>();
  for (const line of lines) chars.set(roundSize(line.size), (chars.get(roundSize(line.size)) ?? 0) + line.text.length);
  return [...chars.entries()].sort((a, b) => b[1] - a[1])[0]![0];
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
 * and a short bold line of body size standing alone is a heading below them.
 */
function headingLevels(lines: PdfLine[], body: number, outline: Map<string, number>): (line: PdfLine) => number | undefined {
  const looksLikeHeading = (line: PdfLine) => line.text.length <= MAX_HEADING_CHARS && !/[,;]$/.test(line.text) && /\p{L}/u.test(line.text);
  const large = (line: PdfLine) => roundSize(line.size) >= body * HEADING_SIZE_RATIO && looksLikeHeading(line);
  const sizes = [...new Set(lines.filter(large).map((line) => roundSize(line.size)))].sort((a, b) => b - a);
  const boldHeading = (line: PdfLine) =>
    line.bold && roundSize(line.size) === body && line.text.length <= MAX_BOLD_HEADING_CHARS && !/[.:,;]$/.test(line.text) && looksLikeHeading(line);
  const matched = lines.filter((line) => outline.has(normalise(line.text))).length;
  if (outline.size > 0 && matched >= Math.min(2, outline.size)) {
    const deepest = Math.max(...outline.values());
    return (line) => outline.get(normalise(line.text)) ?? (boldHeading(line) ? deepest + 1 : undefined);
  }
  return (line) => {
    if (large(line)) return sizes.indexOf(roundSize(line.size)) + 1;
    return boldHeading(line) ? sizes.length + 1 : undefined;
  };
}

/** The table rows starting at `start`: consecutive lines split into the same number of cells (two or more), with
 * their cells starting at the same places. */
function tableRowsFrom(lines: PdfLine[], start: number, headingLevel: (line: PdfLine) => number | undefined): PdfLine[] {
  const first = lines[start]!;
  if (first.cells.length < 2) return [];
  const rows = [first];
  for (let i = start + 1; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (line.cells.length !== first.cells.length || line.page !== first.page || headingLevel(line) !== undefined) break;
    const aligned = line.cellStarts.every((x, c) => Math.abs(x - first.cellStarts[c]!) <= 2 * line.size || c === 0);
    if (!aligned) break;
    rows.push(line);
  }
  return rows;
}
