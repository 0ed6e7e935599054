import { dominantSize, roundTenth, weightedMode } from './dominant-size.js';
import type { PdfPage, TextRun } from './read-pdf-pages.js';

/** A line of text on a page, in reading order, with what layout analysis needs to know about it. */
export interface PdfLine {
  text: string;
  page: number;
  x: number;
  xEnd: number;
  /** The baseline (PDF points, from the bottom of the page). */
  y: number;
  size: number;
  bold: boolean;
  /** Where each cell starts, when the line has wide gaps (a table row): one entry for an ordinary line. */
  cellStarts: number[];
  cells: string[];
  /** The line spans the page's column gutter (a title above two columns), or the page has one column. */
  spanning: boolean;
  /**
   * The line's text in each column of a table whose cells wrap over several lines ('' where it has none there): set
   * on the lines of a table found by its aligned columns, which layout-blocks reads row by row.
   */
  grid?: string[];
  /** The baseline of the line's text in each column (where runs a little apart in height were read as one line). */
  gridY?: number[];
}

/**
 * A gap between two runs of one line wider than this many font sizes separates table cells; a word space is about
 * a quarter of the font size, and a tab stop or column of a table at least two.
 */
const CELL_GAP_SIZES = 1.5;
/** Runs whose baselines differ by less than this share of the font size are on one line (sub/superscripts aside). */
const SAME_LINE_SIZES = 0.5;
/** A gap narrower than this share of the font size joins two runs without a space (kerned pieces of one word). */
const WORD_GAP_SIZES = 0.15;
/** A run this much smaller than its line and raised above its baseline is a superscript (a footnote mark). */
const SUPERSCRIPT_SIZE_RATIO = 0.8;
const SUPERSCRIPT_RISE_SIZES = 0.2;
/** A column gutter is at least this wide (points): narrower white space is a word or cell gap. */
const MIN_GUTTER_POINTS = 10;
/** A gutter is crossed by at most this share of a page's runs (a title and byline over both columns)… */
const GUTTER_CROSSING_RUNS = 0.05;
/** …or by at most this share of its characters (a code listing's line numbers set in the gutter, each a run). */
const GUTTER_CROSSING_CHARS = 0.02;
/** Each side of a gutter holds at least this share of the page's characters, or it is a margin, not a gutter. */
const MIN_COLUMN_SHARE = 0.2;

/**
 * The page's text as lines in reading order: a page set in two columns is read down the left column, then down the
 * right one, between any lines that span both (a chapter title above them).
 */
export function pageLines(page: PdfPage): PdfLine[] {
  const runs = page.runs.filter((run) => run.text.trim() !== '');
  const table = tableLines(runs, page);
  if (table) return table;
  const gutter = findGutter(runs, page.width);
  if (gutter === undefined) return sideHeadsFirst(runGroups(runs)).map((group) => lineOf(group, page.number, true));
  // A line crossing the gutter (a title, a byline) takes the runs on its baseline from both columns with it: they are
  // the same line of print, and a run left in a column on the divider's very baseline would fall between two bands.
  const sides = runs.map((run) => sideOf(run, gutter));
  const spanningGroups = runGroups(runs.filter((_, i) => sides[i] === 'across'));
  const columns = { left: [] as TextRun[], right: [] as TextRun[] };
  for (const [i, run] of runs.entries()) {
    const side = sides[i]!;
    if (side === 'across') continue;
    const line = spanningGroups.find((group) => sameLine(group, run) && !overlapsAny(group, run));
    if (line) line.push(run);
    else columns[side].push(run);
  }
  const spanning = spanningGroups.map((group) => lineOf(group.sort((a, b) => a.x - b.x), page.number, true));
  const leftLines = toLines(columns.left, page.number, false);
  const rightLines = toLines(columns.right, page.number, false);
  // Bands between spanning lines, top to bottom: each band's left column, then its right column, then the line
  // that closes it.
  const ordered: PdfLine[] = [];
  let above = Number.POSITIVE_INFINITY;
  for (const divider of [...spanning, undefined]) {
    const below = divider?.y ?? Number.NEGATIVE_INFINITY;
    const inBand = (line: PdfLine) => line.y < above && line.y > below;
    ordered.push(...leftLines.filter(inBand), ...rightLines.filter(inBand));
    if (divider) ordered.push(divider);
    above = below;
  }
  return ordered;
}

/** The x of a vertical gutter that almost no text crosses, with enough text on both sides, or undefined (one column). */
function findGutter(runs: TextRun[], width: number): number | undefined {
  if (runs.length < 8 || width <= 0) return undefined;
  const bins = Math.ceil(width);
  // What crosses each point: how many runs, and how many characters. A gutter is where almost nothing does by either
  // count: a few runs (a title and its byline over both columns), or runs of a few characters (a code listing's line
  // numbers "1", "2", … set in the gutter).
  const runsCrossing = new Uint16Array(bins + 1);
  const charsCrossing = new Float64Array(bins + 1);
  for (const run of runs) {
    const chars = run.text.trim().length;
    for (let x = Math.max(0, Math.floor(run.x)); x <= Math.min(bins, Math.ceil(run.x + run.width)); x += 1) {
      runsCrossing[x]! += 1;
      charsCrossing[x]! += chars;
    }
  }
  const total = charsOf(runs);
  const runsAllowed = Math.max(1, Math.floor(runs.length * GUTTER_CROSSING_RUNS));
  const charsAllowed = total * GUTTER_CROSSING_CHARS;
  const open = (x: number) => runsCrossing[x]! <= runsAllowed || charsCrossing[x]! <= charsAllowed;
  let best: { start: number; width: number } | undefined;
  let start = -1;
  for (let x = Math.floor(width * 0.25); x <= Math.ceil(width * 0.75); x += 1) {
    if (open(x)) {
      if (start < 0) start = x;
      continue;
    }
    if (start >= 0 && x - start >= MIN_GUTTER_POINTS && (!best || x - start > best.width)) best = { start, width: x - start };
    start = -1;
  }
  if (!best) return undefined;
  // The split is the middle of the gutter's leftmost emptiest stretch: what little text sits in a gutter hangs left of
  // the column it belongs to (a listing's line numbers, a list's markers), so it falls to the right-hand column.
  let emptiest = { middle: best.start + best.width / 2, coverage: Number.POSITIVE_INFINITY };
  for (let x = best.start; x < best.start + best.width; ) {
    let end = x;
    while (end < best.start + best.width && charsCrossing[end] === charsCrossing[x]) end += 1;
    if (charsCrossing[x]! < emptiest.coverage) emptiest = { middle: (x + end) / 2, coverage: charsCrossing[x]! };
    x = end;
  }
  const gutter = emptiest.middle;
  const leftRuns = runs.filter((run) => sideOf(run, gutter) === 'left');
  // A margin column of headings set larger than the text beside it is side heads (`sideHeadsFirst`), not a column.
  const rightRuns = runs.filter((run) => sideOf(run, gutter) === 'right');
  const smallestHead = Math.min(...leftRuns.map((run) => run.size));
  if (leftRuns.length > 0 && rightRuns.length > 0 && smallestHead >= SIDE_HEAD_SIZE_RATIO * Math.max(...rightRuns.map((run) => run.size))) return undefined;
  return charsOf(leftRuns) >= total * MIN_COLUMN_SHARE && charsOf(rightRuns) >= total * MIN_COLUMN_SHARE ? gutter : undefined;
}

/** A side head is set this much larger than the body at least. (Bold at body size is a glossary's or a table's first
 * column as often: those stay rows.) */
const SIDE_HEAD_SIZE_RATIO = 1.1;
/** Side heads and the body text are this far apart at least (points). */
const SIDE_HEAD_GAP_POINTS = 6;

/**
 * Headings set in a margin column beside the body ("side heads", as reports often have): a side head shares its
 * baselines with the body lines beside it, so a line's runs left of the body's left edge are split off when they are
 * a heading's (larger than the body, ending before that edge), and the side head's lines are read before the body lines
 * beside them (a wrapped head stays in one piece). A figure's axis labels or a caption running into the body are
 * left as they are.
 */
function sideHeadsFirst(groups: TextRun[][]): TextRun[][] {
  const body = dominantSize(groups.flat());
  if (body === undefined) return groups;
  // The body's left edge: where most body text starts.
  const left = weightedMode(
    groups.flatMap((group) => {
      const first = group.find((run) => roundTenth(run.size) === body);
      return first ? [[Math.round(first.x), charsOf(group)] as const] : [];
    }),
  );
  if (left === undefined) return groups;
  const isHeadRun = (run: TextRun) => run.x + run.width <= left - SIDE_HEAD_GAP_POINTS && run.size >= body * SIDE_HEAD_SIZE_RATIO;
  const split: { runs: TextRun[]; side: boolean }[] = [];
  for (const group of groups) {
    const head = group.filter((run) => run.x + run.width <= left - SIDE_HEAD_GAP_POINTS);
    const rest = group.filter((run) => run.x + run.width > left - SIDE_HEAD_GAP_POINTS);
    if (head.length > 0 && head.every(isHeadRun) && rest.every((run) => run.x >= left - SIDE_HEAD_GAP_POINTS)) {
      split.push({ runs: head, side: true });
      if (rest.length > 0) split.push({ runs: rest, side: false });
    } else split.push({ runs: group, side: false });
  }
  if (!split.some((entry) => entry.side) || !split.some((entry) => !entry.side)) return groups;
  // A wrapped side head: its next line (close below) is pulled up to it, ahead of the body lines read in between.
  const ordered: TextRun[][] = [];
  const used = new Set<number>();
  for (let i = 0; i < split.length; i += 1) {
    if (used.has(i)) continue;
    ordered.push(split[i]!.runs);
    if (!split[i]!.side) continue;
    let last = split[i]!.runs[0]!;
    for (let j = i + 1; j < split.length; j += 1) {
      const candidate = split[j]!;
      if (used.has(j) || !candidate.side) continue;
      if (last.y - candidate.runs[0]!.y > 2 * last.size) break;
      ordered.push(candidate.runs);
      used.add(j);
      last = candidate.runs[0]!;
    }
  }
  return ordered;
}

/** Runs grouped into lines (top to bottom, each left to right), pieces of one word joined, cells split at wide gaps. */
function toLines(runs: TextRun[], page: number, spanning: boolean): PdfLine[] {
  return runGroups(runs).map((group) => lineOf(group, page, spanning));
}

/** How many characters `runs` hold: what a page's, a column's or a line's share of the text is measured in. */
const charsOf = (runs: readonly TextRun[]) => runs.reduce((sum, run) => sum + run.text.length, 0);

/** Where a run lies against a column gutter: wholly left of it, wholly right of it, or across it. */
function sideOf(run: TextRun, gutter: number): 'left' | 'right' | 'across' {
  if (run.x + run.width <= gutter) return 'left';
  return run.x >= gutter ? 'right' : 'across';
}

/** Whether `run` sits on the baseline of the line `group` starts (a sub- or superscript's rise aside). */
const sameLine = (group: TextRun[], run: TextRun) => Math.abs(group[0]!.y - run.y) <= SAME_LINE_SIZES * Math.max(group[0]!.size, run.size);
/** Whether `run` overlaps a run of `group` across the page. */
const overlapsAny = (group: TextRun[], run: TextRun) => group.some((other) => run.x < other.x + other.width - 1 && other.x < run.x + run.width - 1);

/** Runs grouped into lines: top to bottom, each group left to right. Runs of one line never overlap: a small line
 * set close to a large one (a running head's second line beside a chapter title) is a line of its own. */
function runGroups(runs: TextRun[]): TextRun[][] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: TextRun[][] = [];
  for (const run of sorted) {
    const group = groups.find((candidate) => sameLine(candidate, run) && !overlapsAny(candidate, run));
    if (group) group.push(run);
    else groups.push([run]);
  }
  return groups.sort((a, b) => b[0]!.y - a[0]!.y).map((group) => group.sort((a, b) => a.x - b.x));
}

/** A table is read by its columns when it has at least this many. */
const MIN_TABLE_COLUMNS = 3;
/** ... and at least this many lines below its header (or in all, without one). */
const MIN_TABLE_LINES = 4;
/** A column gutter of a table is at least this wide (points). */
const MIN_TABLE_GUTTER_POINTS = 6;
/** Runs that may cross a table's gutter and still leave it a gutter: a running header or footer, a caption. */
const TABLE_GUTTER_CROSSINGS = 2;
/** A vertical gap of more than this many font sizes ends a table. */
const TABLE_END_GAP_SIZES = 3;

/** A line's pieces: runs split at wide gaps, each with where it starts and ends. */
function piecesOf(group: TextRun[]): { x: number; end: number }[] {
  const pieces: { x: number; end: number }[] = [];
  for (const run of group) {
    const last = pieces.at(-1);
    if (last && run.x - last.end <= CELL_GAP_SIZES * run.size) last.end = Math.max(last.end, run.x + run.width);
    else pieces.push({ x: run.x, end: run.x + run.width });
  }
  return pieces;
}

/** How many runs cover each x (whole points) of the page. */
function coverage(runs: TextRun[], width: number): Uint16Array {
  const bins = Math.ceil(width);
  const covered = new Uint16Array(bins + 1);
  for (const run of runs) {
    for (let x = Math.max(0, Math.floor(run.x)); x <= Math.min(bins, Math.ceil(run.x + run.width)); x += 1) covered[x]! += 1;
  }
  return covered;
}

/** The middle of the longest stretch of [from, to] that the fewest runs cover, with that count. */
function clearestStretch(covered: Uint16Array, from: number, to: number): { middle: number; crossings: number; width: number } | undefined {
  const a = Math.max(0, Math.ceil(from));
  const b = Math.min(covered.length - 1, Math.floor(to));
  if (b <= a) return undefined;
  let fewest = Number.POSITIVE_INFINITY;
  for (let x = a; x <= b; x += 1) fewest = Math.min(fewest, covered[x]!);
  let best: { middle: number; crossings: number; width: number } | undefined;
  let start = -1;
  for (let x = a; x <= b + 1; x += 1) {
    if (x <= b && covered[x] === fewest) {
      if (start < 0) start = x;
      continue;
    }
    if (start >= 0 && (!best || x - start > best.width)) best = { middle: (start + x - 1) / 2, crossings: fewest, width: x - start };
    start = -1;
  }
  return best;
}

/**
 * The page's lines when it holds a table whose columns are read one row at a time (a cell wraps over several lines
 * beside its neighbours, so the page must not be read column by column): found by a bold header line of three pieces
 * or more with clear gutters below between them, or else by three columns or more with gutters no text crosses.
 * The lines from the header (or the first line with text in two columns) down to the first line running across a
 * gutter carry `grid`, their text in each column; the others are ordinary lines.
 */
function tableLines(runs: TextRun[], page: PdfPage): PdfLine[] | undefined {
  if (runs.length < 8 || page.width <= 0) return undefined;
  const groups = runGroups(runs);
  let boundaries: number[] | undefined;
  let first = -1;
  const headerAt = groups.findIndex((group, i) => group.every((run) => run.bold) && piecesOf(group).length >= MIN_TABLE_COLUMNS && groups.length - i > MIN_TABLE_LINES);
  if (headerAt >= 0) {
    const pieces = piecesOf(groups[headerAt]!);
    const covered = coverage(groups.slice(headerAt + 1).flat(), page.width);
    const stretches = pieces.slice(1).map((piece, i) => clearestStretch(covered, pieces[i]!.end, piece.x));
    if (stretches.every((stretch) => stretch && stretch.crossings <= TABLE_GUTTER_CROSSINGS && stretch.width >= MIN_TABLE_GUTTER_POINTS)) {
      boundaries = stretches.map((stretch) => stretch!.middle);
      first = headerAt;
    }
  }
  if (!boundaries) {
    const covered = coverage(runs, page.width);
    const left = Math.min(...runs.map((run) => run.x));
    const right = Math.max(...runs.map((run) => run.x + run.width));
    const crossingAllowed = Math.max(1, Math.floor(runs.length * 0.05));
    const gutters: number[] = [];
    let start = -1;
    for (let x = Math.ceil(left) + 1; x <= Math.floor(right); x += 1) {
      if (covered[x]! <= crossingAllowed && x < Math.floor(right)) {
        if (start < 0) start = x;
        continue;
      }
      if (start >= 0 && x - start >= MIN_GUTTER_POINTS) gutters.push((start + x) / 2);
      start = -1;
    }
    if (gutters.length < MIN_TABLE_COLUMNS - 1) return undefined;
    boundaries = gutters;
  }
  const columnOf = (x: number) => boundaries.filter((boundary) => x > boundary).length;
  const crosses = (group: TextRun[]) => group.some((run) => boundaries.some((boundary) => run.x < boundary - 1 && run.x + run.width > boundary + 1));
  if (first < 0) first = groups.findIndex((group) => !crosses(group) && new Set(group.map((run) => columnOf(run.x))).size >= 2);
  if (first < 0) return undefined;
  // The table ends at a line running across a gutter, or after a wide gap (a page number at the foot).
  let end = first + 1;
  while (end < groups.length && !crosses(groups[end]!) && groups[end - 1]![0]!.y - groups[end]![0]!.y <= TABLE_END_GAP_SIZES * groups[end]![0]!.size) end += 1;
  const inTable = groups.slice(first, end);
  // Every column holds text on a few lines: else the gutters are the margins of a figure or a few labels.
  const linesPerColumn = boundaries.map(() => 0).concat(0);
  for (const group of inTable) for (const column of new Set(group.map((run) => columnOf(run.x)))) linesPerColumn[column]! += 1;
  // Under a header a page may hold text in fewer columns (a row running on from the page before).
  const filled = linesPerColumn.filter((count) => count >= 2).length;
  if (inTable.length < MIN_TABLE_LINES || filled < (first === headerAt ? 2 : MIN_TABLE_COLUMNS)) return undefined;
  return groups.map((group, i) => {
    const line = lineOf(group, page.number, true);
    if (i < first || i >= end) return line;
    const grid = linesPerColumn.map((_, column) => {
      const own = group.filter((run) => columnOf(run.x) === column);
      return own.length ? lineOf(own, page.number, true).text : '';
    });
    const cells = grid.filter((text) => text !== '');
    const cellStarts = grid.flatMap((text, column) => (text === '' ? [] : [group.find((run) => columnOf(run.x) === column)!.x]));
    const gridY = grid.map((_, column) => group.find((run) => columnOf(run.x) === column)?.y ?? line.y);
    return { ...line, cells, cellStarts, grid, gridY };
  });
}

/** A word drawn glyph by glyph with a space between each ("c o u n t e r", "a n d"), as text in a Type 3 font reads. */
const LETTER_SPACED = /^\S(?: \S)+$/u;
const spacedWord = (run: TextRun) => LETTER_SPACED.test(run.text.trim()) && /\p{L}.*\p{L}/u.test(run.text);

/**
 * The runs with letter-spaced words closed up ("c o u n t e r" → "counter") when most of the line's words are letter-
 * spaced (a code listing in a Type 3 font, a heading set with wide tracking): a line of ordinary text with one such
 * run ("the points a b c") is left as it is.
 */
function closedUp(runs: TextRun[]): TextRun[] {
  // Words are runs with letters; a line number or an operator counts neither way.
  const words = runs.filter((run) => run.text.trim().length > 1 && /\p{L}/u.test(run.text));
  const spaced = words.filter(spacedWord);
  if (spaced.length === 0 || spaced.length * 2 < words.length) return runs;
  return runs.map((run) => (spacedWord(run) ? { ...run, text: run.text.replace(/(\S) (?=\S)/gu, '$1') } : run));
}

function lineOf(allRuns: TextRun[], page: number, spanning: boolean): PdfLine {
  const runs = closedUp(allRuns);
  const cells: string[] = [];
  const cellStarts: number[] = [];
  let text = '';
  let cell = '';
  let previous: TextRun | undefined;
  let previousWasMark = false;
  const chars = charsOf(runs);
  // The line's size is that of most of its characters (a superscript does not make a heading).
  const size = dominantSize(runs)!;
  const baseline = runs.find((run) => roundTenth(run.size) === size)?.y ?? runs[0]!.y;
  for (const original of runs) {
    // A footnote mark set as a superscript ("Act of 2014²") is written as the marker "[2]", which quotes leave out,
    // so it never glues onto the number before it ("20142").
    const superscript =
      original.size <= SUPERSCRIPT_SIZE_RATIO * size && original.y - baseline >= SUPERSCRIPT_RISE_SIZES * size && /^\s*(?:\d{1,3}|[*†‡§])\s*$/.test(original.text);
    const run = superscript ? { ...original, text: `[${original.text.trim()}]` } : original;
    const gap = previous ? run.x - (previous.x + previous.width) : 0;
    if (previous && gap > CELL_GAP_SIZES * size) {
      cells.push(cell.trim());
      cellStarts.push(run.x);
      text = `${text.trimEnd()} ${run.text.trimStart()}`;
      cell = run.text;
    } else {
      // A footnote mark ends its word: the next word is apart from it ("in 2005.[1] EIA also…"), set tight or not.
      const afterMark = previousWasMark && /^[\p{L}\p{N}]/u.test(run.text);
      const joiner = previous && (gap > WORD_GAP_SIZES * size || afterMark) && !/\s$/.test(text) && !/^\s/.test(run.text) ? ' ' : '';
      if (!previous) cellStarts.push(run.x);
      text += joiner + run.text;
      cell += joiner + run.text;
    }
    previous = run;
    previousWasMark = superscript;
  }
  cells.push(cell.trim());
  const boldChars = charsOf(runs.filter((run) => run.bold));
  const last = runs.at(-1)!;
  return {
    text: text.replace(/\s+/g, ' ').trim(),
    page,
    x: runs[0]!.x,
    xEnd: last.x + last.width,
    y: runs[0]!.y,
    size,
    // Bold when (nearly) all of it is: a bold run-in lead ("Step 6: Determine…") does not make its line a heading.
    bold: boldChars >= chars * 0.9,
    cellStarts,
    cells,
    spanning,
  };
}
