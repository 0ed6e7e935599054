import type { AnyNode, Element } from 'domhandler';
import { isTag, isText } from 'domhandler';
import { findAll, findOne, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { collapseWhitespace, type CleanTextBuilder } from '../clean-text-builder.js';
import { joinRuns, type TextRun } from '../template-syntax.js';
import { attribute, isFurniture, isLinkList } from './furniture.js';

const HEADING = /^h([1-6])$/;
const LISTS = new Set(['ul', 'ol', 'menu']);
/** Media: an image's alt text and a video's fallback text describe the medium, they are not prose of the page. */
const MEDIA = new Set(['img', 'picture', 'video', 'audio', 'source', 'track', 'map', 'area', 'embed']);
/** Elements that start and end a run of prose (a paragraph) in the clean text. */
const BLOCKS = new Set([
  'html', 'body', 'main', 'article', 'section', 'header', 'div', 'p', 'blockquote', 'figure', 'figcaption', 'address',
  'details', 'summary', 'center', 'fieldset', 'legend', 'hr', 'li', 'dt', 'dd', 'caption', 'tr', 'td', 'th', 'hgroup',
  'search', 'dialog',
]);
/** Classes that mark an admonition ("note", "warning", "tip"…): its first paragraph is labelled with the kind. */
const ADMONITION = /^(note|warning|caution|tip|important|notice|attention|danger|hint|seealso|callout|admonition|alert)$/;
/** Classes that mark an admonition without naming its kind: it reads "Note" unless another class names one. */
const GENERIC_ADMONITION = /^(callout|admonition|alert)$/;
/** A class naming an admonition's kind with a prefix: `admonition-note`, `theme-admonition-tip`, `alert-warning`. */
const KIND_CLASS = /^(?:theme-)?(?:admonition|alert|callout|note|notice)-(note|warning|caution|tip|important|notice|attention|danger|hint|info|success|error|secondary)$/;
/** A leading heading or title that only names the admonition ("Note", "Warning:"). */
const ADMONITION_LABEL = /^(note|warning|caution|tip|important|notice|attention|danger|hint)\s*:?$/i;

/** How prose is read. */
export interface RenderOptions {
  /** The prose is literal: no site generator ran over it, so `{{…}}` and `{%…%}` are the author's own text (a Word
   * template's `{{Agency Name}}` placeholder), not template syntax to clean. */
  literal?: boolean;
}

/**
 * Writes HTML into a clean-text builder: headings open sections, prose becomes paragraphs, `<ul>`/`<ol>` lists,
 * `<table>` tables read with their headers, `<dl>` definitions, `<pre>` code; furniture (see `furniture.ts`) and
 * media are dropped. Entities are decoded by the parser; template syntax left in the source is cleaned from prose
 * unless the prose is `literal`.
 */
export function renderHtml(nodes: AnyNode[], builder: CleanTextBuilder, options: RenderOptions = {}): void {
  reduceMarkdownLinks(nodes);
  const renderer = new HtmlRenderer(builder, options.literal === true);
  renderer.nodes(nodes);
  renderer.flush();
}

/** An HTML snippet (a raw-HTML block of a Markdown file) rendered into the builder. */
export function renderHtmlFragment(html: string, builder: CleanTextBuilder): void {
  renderHtml(parseDocument(html).children, builder);
}

/**
 * Markdown links left as text in HTML (`<em>… [posts](/docs/posts/) …</em>` in a Markdown file's raw HTML, which
 * kramdown renders and CommonMark does not; a generated page quoting a Markdown docstring) reduced to their text,
 * Markdown images dropped. Code keeps them as written.
 */
function reduceMarkdownLinks(nodes: AnyNode[]): void {
  for (const node of nodes) {
    if (isText(node)) {
      if (node.data.includes('](')) node.data = node.data.replace(/!\[[^\]\n]*\]\([^()\s]*\)/g, '').replace(/\[([^[\]\n]+)\]\((?:[^()\s]|\([^()\s]*\))+\)/g, '$1');
    } else if (isTag(node) && !['code', 'pre', 'kbd', 'samp', 'script', 'style'].includes(node.name)) reduceMarkdownLinks(node.children);
  }
}

/** The visible text of an inline HTML snippet (`<br>` → a space, comments and tags → nothing). */
export function htmlFragmentText(html: string): string {
  const runs: TextRun[] = [];
  inlineRuns(parseDocument(html).children, runs);
  return joinRuns(runs);
}

/** The inline text of an element: its prose, template syntax cleaned (unless `literal`), inline code verbatim. */
export function elementText(element: Element, skip?: (child: Element) => boolean, literal = false): string {
  const runs: TextRun[] = [];
  inlineRuns(element.children, runs, skip, literal);
  return joinRuns(runs).replace(/\s+/g, ' ').trim();
}

class HtmlRenderer {
  private runs: TextRun[] = [];
  /** The admonition label ("Note") waiting for the next paragraph. */
  private label: string | undefined;

  constructor(
    private readonly builder: CleanTextBuilder,
    private readonly literal: boolean,
  ) {}

  nodes(nodes: AnyNode[]): void {
    for (const node of nodes) this.node(node);
  }

  flush(): void {
    let text = joinRuns(this.runs).replace(/\s+/g, ' ').trim();
    this.runs = [];
    if (!text) return;
    if (this.label) {
      if (!text.toLowerCase().startsWith(this.label.toLowerCase())) text = `${this.label}: ${text}`;
      this.label = undefined;
    }
    this.builder.paragraph(text);
  }

  private node(node: AnyNode): void {
    if (isText(node)) {
      this.runs.push({ text: node.data, verbatim: this.literal });
      return;
    }
    if (!isTag(node) || isFurniture(node) || MEDIA.has(node.name)) return;
    const name = node.name;
    const heading = HEADING.exec(name);
    if (heading) {
      this.flush();
      // A heading holds phrasing only; block content inside one comes from a mis-closed tag (`<h2>…</h3>`, which a
      // browser closes at the end tag). The heading ends where its first block starts, the rest is its section's body.
      const firstBlock = node.children.findIndex((child) => isTag(child) && isStructural(child));
      const phrasing = firstBlock === -1 ? node.children : node.children.slice(0, firstBlock);
      const runs: TextRun[] = [];
      // A note's reference mark ("Paperwork Reduction Act[8]") points to a note; it is not part of the section's title.
      inlineRuns(phrasing, runs, isNoteReference, this.literal);
      this.builder.heading(joinRuns(runs), Number(heading[1]));
      if (firstBlock !== -1) this.nodes(node.children.slice(firstBlock));
    } else if (name === 'pre') {
      this.flush();
      this.builder.code(codeText(node));
    } else if (LISTS.has(name)) {
      this.flush();
      if (!isLinkList(node)) this.list(node);
    } else if (name === 'dl') {
      this.flush();
      this.builder.definitions(definitionEntries(node, this.literal));
    } else if (name === 'table' && isCodeTable(node)) {
      // A highlighter's table of a line-number column and a code column: the code (the gutter is furniture).
      this.flush();
      for (const pre of findAll((element) => element.name === 'pre' && !hasFurnitureBetween(element, node), node.children)) this.builder.code(codeText(pre));
    } else if (name === 'table') {
      this.flush();
      const layout = admonitionLayout(node);
      if (layout) {
        // An admonition laid out as a table (as Asciidoctor writes it): its label cell names it, the other is its text.
        this.label ??= layout.label;
        this.nodes(layout.content.children);
        this.flush();
        return;
      }
      const { headers, rows } = tableRows(node, this.literal);
      this.builder.table(headers, rows);
    } else if (name === 'br') {
      this.runs.push({ text: ' ' });
    } else if (BLOCKS.has(name)) {
      this.flush();
      if (name === 'div' && isLinkList(node)) return;
      const label = admonitionLabel(node);
      if (label) this.label = label.text;
      this.nodes(label?.title ? node.children.filter((child) => child !== label.title) : node.children);
      this.flush();
      if (label) this.label = undefined;
    } else if (findOne(isStructural, node.children)) {
      // An inline or unknown (custom) element wrapping headings or paragraphs is a container, not a phrase.
      this.nodes(node.children);
    } else {
      inlineRuns([node], this.runs, undefined, this.literal);
    }
  }

  /** Items: each `<li>`'s own text, nested lists flattened as further items; code or tables in items follow the list. */
  private list(element: Element): void {
    const items: string[] = [];
    const after: Element[] = [];
    collectItems(element, items, after, this.literal);
    const ordered = element.name === 'ol';
    const start = Number.parseInt(attribute(element, 'start') ?? '', 10);
    this.builder.list(items, ordered, Number.isFinite(start) ? start : 1);
    this.nodes(after);
  }
}

function collectItems(list: Element, items: string[], after: Element[], literal: boolean): void {
  for (const item of list.children) {
    if (!isTag(item) || isFurniture(item)) continue;
    const nested = item.children.filter((child): child is Element => isTag(child) && (LISTS.has(child.name) || child.name === 'pre' || child.name === 'table'));
    const text = elementText(item, (child) => nested.includes(child), literal);
    if (text) items.push(text);
    for (const child of nested) {
      if (LISTS.has(child.name)) collectItems(child, items, after, literal);
      else after.push(child);
    }
  }
}

/** `<dt>` terms joined with their `<dd>` descriptions (several terms share one description; HTML allows `<div>` groups). */
function definitionEntries(list: Element, literal: boolean): { term: string; description: string }[] {
  const entries: { term: string; description: string }[] = [];
  let terms: string[] = [];
  let descriptions: string[] = [];
  const close = () => {
    if (terms.length > 0 || descriptions.length > 0) entries.push({ term: terms.join(', '), description: descriptions.join(' ') });
    terms = [];
    descriptions = [];
  };
  const visit = (children: AnyNode[]) => {
    for (const child of children) {
      if (!isTag(child) || isFurniture(child)) continue;
      if (child.name === 'dt') {
        if (descriptions.length > 0) close();
        terms.push(elementText(child, undefined, literal));
      } else if (child.name === 'dd') {
        descriptions.push(elementText(child, undefined, literal));
      } else if (child.name === 'div') {
        visit(child.children);
      }
    }
  };
  visit(list.children);
  close();
  return entries;
}

/**
 * A table's header and body rows, nested tables left out. The header is the first `<thead>` row (or a first row of
 * `<th>` cells) and the rows under it that sub-divide its spanning cells, joined column by column ("Costs" over "2023"
 * reads "Costs 2023"); a table of header rows only (a Word table whose every row repeats as a header, a layout box)
 * has no header, its rows are its body. A cell spanning rows is read in each row it spans, as a reader sees it beside
 * each ("Volume 2" beside both of its rows); a header cell spanning columns heads each of them.
 */
function tableRows(table: Element, literal: boolean): { headers: string[]; rows: string[][] } {
  const rows: { cells: Element[]; inHead: boolean }[] = [];
  const visit = (children: AnyNode[], inHead: boolean) => {
    for (const child of children) {
      if (!isTag(child) || isFurniture(child)) continue;
      if (child.name === 'tr') rows.push({ cells: child.children.filter((cell): cell is Element => isTag(cell) && (cell.name === 'td' || cell.name === 'th')), inHead });
      else if (['thead', 'tbody', 'tfoot'].includes(child.name)) visit(child.children, child.name === 'thead');
    }
  };
  visit(table.children, false);
  // `<thead>` rows come first in the grid whatever their place in the markup, as a browser lays them out.
  const head = rows.filter((row) => row.inHead);
  const ordered = [...head, ...rows.filter((row) => !row.inHead)];
  const inHead = head.length;
  let headRows = inHead > 0 ? 1 : ordered[0] && ordered[0].cells.length > 0 && ordered[0].cells.every((cell) => cell.name === 'th') ? 1 : 0;
  // A further header row sub-divides the columns a spanning cell above it groups ("Costs" over "2023" and "2024");
  // under a header of single columns it is a row of data marked as a header (a Word table repeating its first rows).
  while (headRows < inHead && ordered[headRows - 1]!.cells.some((cell) => span(cell, 'colspan', MAX_COLUMN_SPAN) > 1)) headRows += 1;
  if (headRows === ordered.length) headRows = 0;
  const grid = layOut(ordered, headRows, literal);
  const headers: string[] = [];
  for (const line of grid.slice(0, headRows)) {
    line.forEach((text, column) => {
      if (text && !(headers[column] ?? '').endsWith(text)) headers[column] = headers[column] ? `${headers[column]} ${text}` : text;
    });
  }
  return { headers: Array.from(headers, (text) => text ?? ''), rows: grid.slice(headRows) };
}

/** Upper bounds on a cell's spans: a malformed `rowspan="100000"` must not make a table of empty rows. */
const MAX_ROW_SPAN = 1000;
const MAX_COLUMN_SPAN = 100;

/** The rows' cells on a grid of columns: a `rowspan` cell repeated down the rows it spans, a `colspan` cell of the
 * first `headRows` rows across its columns (a body cell's text is read once, its other columns left empty). */
function layOut(rows: { cells: Element[] }[], headRows: number, literal: boolean): string[][] {
  const grid: string[][] = [];
  // Per column: the text a cell above carries down, and for how many more rows.
  const carried: { text: string; rows: number }[] = [];
  for (const [index, row] of rows.entries()) {
    const line: string[] = [];
    let column = 0;
    const takeCarried = () => {
      while ((carried[column]?.rows ?? 0) > 0) {
        line[column] = carried[column]!.text;
        carried[column]!.rows -= 1;
        column += 1;
      }
    };
    for (const cell of row.cells) {
      takeCarried();
      const text = elementText(cell, undefined, literal);
      const columns = span(cell, 'colspan', MAX_COLUMN_SPAN);
      const rowsDown = span(cell, 'rowspan', MAX_ROW_SPAN) - 1;
      for (let k = 0; k < columns; k += 1) {
        const shown = k === 0 || index < headRows ? text : '';
        line[column + k] = shown;
        carried[column + k] = { text: shown, rows: rowsDown };
      }
      column += columns;
    }
    takeCarried();
    grid.push(Array.from(line, (text) => text ?? ''));
  }
  return grid;
}

function span(cell: Element, name: 'colspan' | 'rowspan', max: number): number {
  const value = Number.parseInt(attribute(cell, name) ?? '', 10);
  return Number.isFinite(value) && value > 1 ? Math.min(value, max) : 1;
}

/** A note's reference mark: a superscript holding only a same-page link with a number ("[8]", "8", "*"). */
function isNoteReference(element: Element): boolean {
  if (element.name !== 'sup') return false;
  const link = element.children.find((child) => isTag(child) || (isText(child) && child.data.trim() !== ''));
  return !!link && isTag(link) && link.name === 'a' && (attribute(link, 'href') ?? '').startsWith('#') && /^\s*\[?(?:\d{1,3}|[*†‡§])\]?\s*$/.test(textContent(link));
}

/**
 * An admonition's label: from a leading heading or title that only names it ("Warning"), or from an admonition's own
 * title element whatever it says (Sphinx/MkDocs `<p class="admonition-title">Before you start</p>`, Docusaurus'
 * heading), which is then not repeated as a paragraph or section of its own; else from its class
 * (`<div class="note">`, `admonition-tip`, `theme-admonition-warning`, `alert-info` → "Note", "Tip", "Warning", "Info").
 */
function admonitionLabel(element: Element): { text: string; title?: Element } | undefined {
  const tokens = (attribute(element, 'class') ?? '').split(/\s+/);
  const classKind = tokens.map((token) => KIND_CLASS.exec(token)?.[1]).find((kind) => kind !== undefined);
  const isAdmonition = classKind !== undefined || tokens.some((token) => ADMONITION.test(token));
  const first = element.children.find((child) => isTag(child) || (isText(child) && child.data.trim() !== ''));
  if (first && isTag(first) && (HEADING.test(first.name) || /title|label|marker|heading/.test(attribute(first, 'class') ?? ''))) {
    const text = elementText(first).replace(/\s*:$/, '');
    if (ADMONITION_LABEL.test(text)) return { text: capitalise(text), title: first };
    if (isAdmonition && text && /title|heading/.test(attribute(first, 'class') ?? '') && text.length <= 200) return { text, title: first };
  }
  // `class="admonition warning"` (docutils, Sphinx) names its kind beside the generic class: the kind labels it.
  const kind = classKind ?? tokens.find((token) => ADMONITION.test(token) && !GENERIC_ADMONITION.test(token)) ?? tokens.find((token) => ADMONITION.test(token));
  if (!kind) return undefined;
  return { text: GENERIC_ADMONITION.test(kind) ? 'Note' : kind === 'seealso' ? 'See also' : capitalise(kind) };
}

/**
 * A one-row table of two cells whose first cell only names an admonition ("Note", "Warning", or an icon with no text)
 * is the admonition's layout, not data: the label and the cell holding its text. (A one-row data table whose first
 * cell says just "Note" reads "Note: …" too, which is what it says.)
 */
function admonitionLayout(table: Element): { label: string | undefined; content: Element } | undefined {
  const rows = findAll((element) => element.name === 'tr', table.children);
  if (rows.length !== 1) return undefined;
  const cells = rows[0]!.children.filter((child): child is Element => isTag(child) && (child.name === 'td' || child.name === 'th'));
  if (cells.length !== 2) return undefined;
  const labelText = collapseWhitespace(textContent(cells[0]!));
  const iconOnly = labelText === '' && /\bicon\b/.test(attribute(cells[0]!, 'class') ?? '');
  if (!ADMONITION_LABEL.test(labelText) && !iconOnly) return undefined;
  return { label: labelText ? capitalise(labelText.replace(/\s*:$/, '')) : undefined, content: cells[1]! };
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/**
 * The inline pieces of some nodes: text as written (whitespace collapsed later), inline `<code>`/`<kbd>`/`<samp>`
 * verbatim, `<q>` in quotation marks as a browser shows it, block children set apart by a space; media and
 * furniture dropped.
 */
function inlineRuns(nodes: AnyNode[], runs: TextRun[], skip?: (child: Element) => boolean, literal = false): void {
  for (const node of nodes) {
    if (isText(node)) {
      runs.push({ text: node.data, verbatim: literal });
      continue;
    }
    if (!isTag(node) || isFurniture(node) || MEDIA.has(node.name) || skip?.(node)) continue;
    if (node.name === 'br') {
      runs.push({ text: ' ' });
    } else if (node.name === 'code' || node.name === 'kbd' || node.name === 'samp') {
      runs.push({ text: textContent(node), verbatim: true });
    } else if (node.name === 'q') {
      runs.push({ text: '“' });
      inlineRuns(node.children, runs, skip, literal);
      runs.push({ text: '”' });
    } else if (isStructural(node)) {
      runs.push({ text: ' ' });
      inlineRuns(node.children, runs, skip, literal);
      runs.push({ text: ' ' });
    } else {
      inlineRuns(node.children, runs, skip, literal);
    }
  }
}

/** Elements that are not phrases: blocks, lists, headings, code blocks, tables and definition lists. */
function isStructural(element: Element): boolean {
  return BLOCKS.has(element.name) || LISTS.has(element.name) || HEADING.test(element.name) || ['pre', 'table', 'dl'].includes(element.name);
}

/** A `<pre>`'s text as the page shows it: line breaks for `<br>`, gutters, buttons and other furniture left out. */
function codeText(element: Element): string {
  let text = '';
  for (const node of element.children) {
    if (isText(node)) text += node.data;
    else if (isTag(node) && node.name === 'br') text += '\n';
    else if (isTag(node) && !isFurniture(node)) text += codeText(node);
  }
  return text;
}

/** A table laid out by a code highlighter: it holds code, and nothing but line numbers besides. */
function isCodeTable(table: Element): boolean {
  if (!findOne((element) => element.name === 'pre', table.children)) return false;
  const outside = (nodes: AnyNode[]): string =>
    nodes.map((node) => (isText(node) ? node.data : isTag(node) && node.name !== 'pre' && !isFurniture(node) ? outside(node.children) : '')).join('');
  return /^[\s\d]*$/.test(outside(table.children));
}

/** Whether furniture lies between `element` and its ancestor `top` (a `<pre>` inside a gutter cell). */
function hasFurnitureBetween(element: Element, top: Element): boolean {
  for (let parent = element.parent; parent && parent !== top; parent = parent.parent) if (isTag(parent) && isFurniture(parent)) return true;
  return isFurniture(element);
}
