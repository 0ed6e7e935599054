import type { Blockquote, List, ListItem, Nodes, PhrasingContent, RootContent, Table } from 'mdast';
import type { CleanTextBuilder } from '../clean-text-builder.js';
import { htmlFragmentText, renderHtmlFragment } from '../html/render-html.js';
import { joinRuns, type TextRun } from '../template-syntax.js';

/** A callout marker opening a blockquote: GitHub / MDN `> [!NOTE]`, Obsidian `> [!tip]- Title`. */
const CALLOUT = /^\s*\[!([\w-]+)\][+-]?[ \t]*/;
/** MDN's definition-list syntax: a nested item whose text starts with ": " is the description of its parent item. */
const DESCRIPTION = /^\s*:\s*/;

/** What a list turns into, in order: list items, definition entries, and blocks (code, tables, HTML) inside items. */
type ListPiece = { item: string } | { entry: { term: string; description: string } } | { block: RootContent };

/**
 * Writes a Markdown tree (mdast) into a clean-text builder: headings open sections; paragraphs, lists, tables, code
 * and blockquotes become blocks; raw HTML goes through the HTML renderer (comments dropped); inline markup is reduced
 * to its text (images and footnote references dropped) and template syntax cleaned from prose.
 */
export function renderMarkdown(nodes: RootContent[], builder: CleanTextBuilder): void {
  new MarkdownRenderer(builder).nodes(nodes);
}

/** The text of inline Markdown: emphasis, links and inline HTML reduced to text, inline code without backticks. */
export function phrasingText(nodes: PhrasingContent[]): string {
  const runs: TextRun[] = [];
  phrasingRuns(nodes, runs);
  return joinRuns(runs).replace(/\s+/g, ' ').trim();
}

class MarkdownRenderer {
  /** A callout's label ("Note") waiting for the next paragraph. */
  private label: string | undefined;

  constructor(private readonly builder: CleanTextBuilder) {}

  nodes(nodes: RootContent[]): void {
    for (const node of nodes) this.node(node);
  }

  private node(node: RootContent): void {
    switch (node.type) {
      case 'heading':
        this.builder.heading(phrasingText(node.children), node.depth);
        break;
      case 'paragraph':
        this.paragraph(phrasingText(node.children));
        break;
      case 'blockquote':
        this.blockquote(node);
        break;
      case 'list':
        this.list(node);
        break;
      case 'table':
        this.table(node);
        break;
      case 'code':
        this.builder.code(node.value);
        break;
      case 'html':
        renderHtmlFragment(node.value, this.builder);
        break;
      case 'footnoteDefinition':
        this.nodes(node.children);
        break;
      default:
        // Front matter, link definitions and thematic breaks are not prose.
        break;
    }
  }

  private paragraph(text: string): void {
    if (!text) return;
    const label = this.label;
    this.label = undefined;
    this.builder.paragraph(label && !text.toLowerCase().startsWith(label.toLowerCase()) ? `${label}: ${text}` : text);
  }

  /**
   * A blockquote's paragraphs. A callout marker (`[!NOTE]`, Obsidian's `[!tip]- Title`, or an admonition rewritten by
   * `site-syntax.ts`) labels the first paragraph of the body: with the title written on the marker's line when there
   * is one ("Before you start: …"), else with the kind ("Note: …"); a tab's title labels it the same way.
   */
  private blockquote(node: Blockquote): void {
    const [first, ...rest] = node.children;
    if (first?.type === 'paragraph') {
      const callout = splitCallout(first.children);
      if (callout) {
        const kind = callout.kind.toLowerCase();
        const label = callout.title || (kind === 'tab' ? undefined : kind.charAt(0).toUpperCase() + kind.slice(1));
        const body = phrasingText(callout.body);
        const hasBody = body !== '' || rest.some((child) => child.type !== 'html' && child.type !== 'definition');
        if (!hasBody) {
          if (callout.title) this.paragraph(callout.title);
          return;
        }
        this.label = label;
        this.paragraph(body);
        this.nodes(rest);
        this.label = undefined;
        return;
      }
    }
    this.nodes(node.children);
  }

  private table(node: Table): void {
    const [head, ...body] = node.children.map((row) => row.children.map((cell) => phrasingText(cell.children)));
    this.builder.table(head ?? [], body);
  }

  /**
   * Items in order; an item's text is its paragraphs, its nested lists flattened as further items; code, tables
   * and HTML inside an item break the list there and follow it, the list resuming after them. A list whose items
   * all use MDN's `- term` / `  - : description` form is a definition list.
   */
  private list(node: List): void {
    const pieces: ListPiece[] = [];
    for (const item of node.children) listItemPieces(item, pieces);
    let number = node.start ?? 1;
    let run: Exclude<ListPiece, { block: RootContent }>[] = [];
    const flushRun = () => {
      if (run.every((piece) => 'entry' in piece)) {
        this.builder.definitions(run.map((piece) => piece.entry));
      } else {
        // Items mixed with definitions: each definition reads as the item "term: description".
        const items = run.map((piece) => ('item' in piece ? piece.item : `${piece.entry.term}: ${piece.entry.description}`));
        this.builder.list(items, node.ordered ?? false, number);
        number += items.length;
      }
      run = [];
    };
    for (const piece of pieces) {
      if (!('block' in piece)) {
        run.push(piece);
        continue;
      }
      if (run.length > 0) flushRun();
      this.node(piece.block);
    }
    if (run.length > 0) flushRun();
  }
}

function listItemPieces(item: ListItem, pieces: ListPiece[]): void {
  const texts: string[] = [];
  const rest: ListPiece[] = [];
  let description: string | undefined;
  for (const child of item.children) {
    if (child.type === 'paragraph') texts.push(phrasingText(child.children));
    else if (child.type === 'blockquote') texts.push(...paragraphsOf(child.children));
    else if (child.type === 'list') {
      const only = child.children.length === 1 ? child.children[0] : undefined;
      const firstParagraph = only?.children[0]?.type === 'paragraph' ? phrasingText(only.children[0].children) : undefined;
      if (only && firstParagraph !== undefined && DESCRIPTION.test(firstParagraph) && description === undefined && rest.length === 0) {
        const nested: ListPiece[] = [];
        listItemPieces(only, nested);
        description = nested
          .flatMap((piece) => ('item' in piece ? [piece.item] : []))
          .join(' ')
          .replace(DESCRIPTION, '');
        rest.push(...nested.filter((piece) => 'block' in piece));
      } else {
        for (const nested of child.children) listItemPieces(nested, rest);
      }
    } else rest.push({ block: child });
  }
  const text = texts.filter((each) => each !== '').join(' ');
  if (description !== undefined) pieces.push({ entry: { term: text, description } });
  else if (text) pieces.push({ item: text });
  pieces.push(...rest);
}

function paragraphsOf(nodes: RootContent[]): string[] {
  return nodes.flatMap((node) => (node.type === 'paragraph' ? [phrasingText(node.children)] : []));
}

function phrasingRuns(nodes: Nodes[], runs: TextRun[]): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        runs.push({ text: node.value });
        break;
      case 'inlineCode':
        runs.push({ text: node.value, verbatim: true });
        break;
      case 'break':
        runs.push({ text: ' ' });
        break;
      case 'html':
        // A tag (`<kbd>`, `</span>`, `<br>`) or a comment: the text between tags is in the text nodes around it.
        runs.push({ text: htmlFragmentText(node.value) });
        break;
      case 'emphasis':
      case 'strong':
      case 'delete':
      case 'link':
      case 'linkReference':
        phrasingRuns(node.children, runs);
        break;
      default:
        // Images (alt text describes a picture, it is not prose) and footnote references.
        break;
    }
  }
}

/**
 * A callout paragraph split at its marker: the kind, the title (the rest of the marker's line, which GitHub leaves
 * empty and Obsidian and rewritten admonitions fill) and the body's inline nodes (the lines after it).
 */
function splitCallout(nodes: PhrasingContent[]): { kind: string; title: string; body: PhrasingContent[] } | undefined {
  const [head, ...others] = nodes;
  if (head?.type !== 'text') return undefined;
  const marker = CALLOUT.exec(head.value);
  if (!marker) return undefined;
  const rest: PhrasingContent[] = [{ type: 'text', value: head.value.slice(marker[0].length) }, ...others];
  const titleNodes: PhrasingContent[] = [];
  for (let i = 0; i < rest.length; i += 1) {
    const node = rest[i]!;
    if (node.type === 'break' || (node.type === 'text' && node.value.includes('\n'))) {
      const lineEnd = node.type === 'text' ? node.value.indexOf('\n') : -1;
      if (node.type === 'text') titleNodes.push({ type: 'text', value: node.value.slice(0, lineEnd) });
      const after: PhrasingContent[] = node.type === 'text' ? [{ type: 'text', value: node.value.slice(lineEnd + 1) }] : [];
      return { kind: marker[1]!, title: phrasingText(titleNodes), body: [...after, ...rest.slice(i + 1)] };
    }
    titleNodes.push(node);
  }
  return { kind: marker[1]!, title: phrasingText(titleNodes), body: [] };
}
