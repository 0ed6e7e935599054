import type { Document as DomDocument, Element } from 'domhandler';
import { isTag } from 'domhandler';
import { findAll, findOne, getAttributeValue, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { CleanTextBuilder, collapseWhitespace } from './clean-text-builder.js';
import type { Document } from '../domain/document.js';
import { attribute, mainContent } from './html/furniture.js';
import { elementText, renderHtml, type RenderOptions } from './html/render-html.js';
import { fileNameTitle } from './file-format.js';

/**
 * HTML to a structured document, parsed with htmlparser2 (entities decoded by the parser). Only the main content
 * is read (`<main>`, else the one `<article>`, else the body), page chrome dropped; headings `h1`-`h6` open sections
 * and the content becomes paragraph, list, table, definition and code blocks (see `html/render-html.ts`).
 * `Document.text` is the clean text every offset points into. Title: the sidecar's, else `<title>`, else the first
 * `<h1>`, else the id; url: the sidecar's, else `<link rel="canonical">`, else `og:url`; `<meta>` → metadata.
 */
export function parseHtml(input: { id: string; file: string; html: string; url?: string; title?: string }, options: RenderOptions = {}): Document {
  const dom = parseDocument(input.html);
  const builder = new CleanTextBuilder();
  renderHtml(mainContent(dom), builder, options);
  const { text, sections, blocks } = builder.finish('Introduction');
  const head = headData(dom);
  const firstH1 = sections.find((section) => section.level === 1)?.title ?? h1Anywhere(dom);
  const title = input.title ?? (head.title || firstH1 || fileNameTitle(input.file));
  const url = input.url ?? head.url;
  const hasMetadata = Object.keys(head.metadata).length > 0;
  return { id: input.id, title, ...(url ? { url } : {}), file: input.file, text, sections, references: [], blocks, ...(hasMetadata ? { metadata: head.metadata } : {}) };
}

/** `<title>`, the canonical url (`<link rel="canonical">`, else `og:url`) and `<meta name|property content>` pairs. */
function headData(dom: DomDocument): { title: string; url?: string; metadata: Record<string, string> } {
  // The document's <title>, not an SVG's <title> (a tooltip inside an inline drawing).
  const titleElement = findOne((element) => element.name === 'title' && !hasAncestor(element, 'svg'), dom.children);
  const title = titleElement ? collapseWhitespace(textContent(titleElement)) : '';
  const metadata: Record<string, string> = {};
  for (const meta of findAll((element) => element.name === 'meta', dom.children)) {
    const name = getAttributeValue(meta, 'name') ?? getAttributeValue(meta, 'property');
    const content = getAttributeValue(meta, 'content');
    if (name && content !== undefined) metadata[name.trim()] = content.trim();
  }
  const canonical = findOne((element) => element.name === 'link' && (attribute(element, 'rel') ?? '').split(/\s+/).includes('canonical'), dom.children);
  const url = (canonical && getAttributeValue(canonical, 'href')?.trim()) || metadata['og:url'];
  return { title, ...(url ? { url } : {}), metadata };
}

/** The first `<h1>` of the page when the main content has none (a title heading above `<main>`). */
function h1Anywhere(dom: DomDocument): string | undefined {
  const h1 = findOne((element) => element.name === 'h1', dom.children);
  return h1 ? elementText(h1) || undefined : undefined;
}

function hasAncestor(element: Element, name: string): boolean {
  for (let parent = element.parent; parent; parent = parent.parent) {
    if (isTag(parent) && parent.name === name) return true;
  }
  return false;
}
