import path from 'node:path';
import { findAll, findOne, getAttributeValue, getInnerHTML, textContent } from 'domutils';
import type { Element } from 'domhandler';
import { parseDocument as parseXml } from 'htmlparser2';
import type JSZip from 'jszip';
import type { Document } from '../domain/document.js';
import { parseHtml } from './parse-html.js';

/** Why an EPUB file could not be read, in words the ingest output shows beside the file's name. */
export class UnreadableEpubError extends Error {}

/**
 * The most an EPUB's chapters may hold once uncompressed: 32 MiB, as for an HTML file, since they are read as one
 * page. A book's text is a few MB (its pictures are not read); a file that inflates past this is a zip bomb or not a
 * book, and is named rather than risking the ingest's memory.
 */
export const MAX_EPUB_TEXT_BYTES = 32 * 1024 * 1024;

const xml = (text: string) => parseXml(text, { xmlMode: true });
/** A chapter as a browser reads it: XHTML in HTML mode, so the named entities of HTML (`&nbsp;`, `&mdash;`) decode. */
const xhtml = (text: string) => parseXml(text, { lowerCaseTags: true, recognizeSelfClosing: true });

/** An href as a file name: percent-encoding decoded, or left as written when it is not valid (`100%.xhtml`). */
function decodedHref(href: string): string {
  try {
    return decodeURIComponent(href);
  } catch {
    return href;
  }
}
/** An element by its local name, whatever namespace prefix the file gives it (`dc:title`, `opf:item`). */
const named = (name: string) => (element: Element) => element.name === name || element.name.endsWith(`:${name}`);

/** The book's chapters in reading order: the spine's items, less the navigation document (a table of contents). */
async function chapters(zip: JSZip): Promise<{ title: string | undefined; files: { name: string; html: string }[] }> {
  const container = await zip.file('META-INF/container.xml')?.async('string');
  if (container === undefined) throw new UnreadableEpubError('not an EPUB (no META-INF/container.xml)');
  const rootfile = findOne(named('rootfile'), xml(container).children);
  const packagePath = rootfile ? getAttributeValue(rootfile, 'full-path') : undefined;
  const packageText = packagePath ? await zip.file(packagePath)?.async('string') : undefined;
  if (!packagePath || packageText === undefined) throw new UnreadableEpubError('not an EPUB (its package document is missing)');
  const opf = xml(packageText).children;
  const title = findOne(named('title'), opf);
  const items = new Map(
    findAll(named('item'), opf).map((item) => [getAttributeValue(item, 'id') ?? '', item] as const),
  );
  const base = path.posix.dirname(packagePath);
  const files: { name: string; html: string }[] = [];
  let total = 0;
  // Items marked linear="no" (pop-up notes, answers) come after the reading order, as a reader reaches them.
  const references = findAll(named('itemref'), opf);
  const ordered = [...references.filter((each) => getAttributeValue(each, 'linear') !== 'no'), ...references.filter((each) => getAttributeValue(each, 'linear') === 'no')];
  for (const reference of ordered) {
    const item = items.get(getAttributeValue(reference, 'idref') ?? '');
    const href = item ? getAttributeValue(item, 'href') : undefined;
    if (!item || !href || /\bnav\b/.test(getAttributeValue(item, 'properties') ?? '')) continue;
    if (!/html/.test(getAttributeValue(item, 'media-type') ?? '')) continue;
    const name = path.posix.normalize(path.posix.join(base === '.' ? '' : base, decodedHref(href)));
    const entry = zip.file(name);
    if (!entry) continue;
    // The size the zip's directory declares, checked before inflating (jszip keeps it on the entry, undocumented): a
    // chapter that would inflate to gigabytes is refused without being inflated.
    const declared = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
    if (total + declared > MAX_EPUB_TEXT_BYTES) throw new UnreadableEpubError(`its chapters hold more than ${MAX_EPUB_TEXT_BYTES / (1024 * 1024)} MB of text`);
    let html: string;
    try {
      html = await entry.async('string');
    } catch (error) {
      throw new UnreadableEpubError(`a chapter cannot be unpacked (${(error as Error).message.split('\n')[0]})`);
    }
    total += html.length;
    if (total > MAX_EPUB_TEXT_BYTES) throw new UnreadableEpubError(`its chapters hold more than ${MAX_EPUB_TEXT_BYTES / (1024 * 1024)} MB of text`);
    files.push({ name, html });
  }
  return { title: title ? textContent(title).trim() || undefined : undefined, files };
}

/**
 * Elements a web page uses for its furniture but a book for its text: a chapter's <main> or <article> (its own main
 * content, not the book's: one chapter's marking would leave the others out), its <header> (the chapter's title), and
 * a note set as an <aside> (EPUB 3 footnotes and endnotes). Read as plain blocks.
 */
const isBookStructure = (element: Element) =>
  element.name === 'main' ||
  element.name === 'article' ||
  element.name === 'header' ||
  element.attribs.role === 'main' ||
  (element.name === 'aside' && /\b(?:foot|end|rear)?note\b/.test(`${element.attribs['epub:type'] ?? ''} ${element.attribs.role ?? ''}`));

/**
 * An EPUB book (`.epub`, EPUB 2 and 3) as a document: its chapters (the spine's XHTML files, in reading order; the
 * navigation document and pictures left out) are read as one HTML page, each chapter a section of it, by the HTML
 * parser: headings make sections, lists keep their lead-in, tables their header row, notes stay notes. The title is
 * the package's `dc:title`. A file protected by DRM (its chapters encrypted) or not an EPUB is named with the reason.
 */
export async function parseEpub(input: { id: string; file: string; data: Uint8Array; title?: string }): Promise<Document> {
  const { default: JSZipModule } = await import('jszip');
  let zip: JSZip;
  try {
    zip = await JSZipModule.loadAsync(input.data);
  } catch (error) {
    throw new UnreadableEpubError(`not an EPUB (${(error as Error).message.split('\n')[0]})`);
  }
  const encryption = await zip.file('META-INF/encryption.xml')?.async('string');
  // Font obfuscation also lists fonts here; encrypted chapters (DRM) are what make the text unreadable.
  if (encryption && /<(?:\w+:)?EncryptedData[\s\S]*?URI=["'][^"']*\.x?html?["']/i.test(encryption)) {
    throw new UnreadableEpubError('the EPUB is protected by DRM (its chapters are encrypted)');
  }
  const { title, files } = await chapters(zip);
  // Each chapter's body, as written (the chapters' own <title>s are the book's running title, not text). A chapter's
  // <main> or <article> marks its own main content, not the book's: it is read as any block, so that one chapter's
  // marking does not leave the others out.
  const bodies = files.map(({ html }) => {
    const body = findOne((element) => element.name === 'body', xhtml(html).children);
    if (!body) return '';
    for (const element of findAll(isBookStructure, body.children)) {
      element.name = 'div';
      delete element.attribs.role;
    }
    return `<section>${getInnerHTML(body)}</section>`;
  });
  const bookTitle = input.title ?? title;
  const document = parseHtml({ id: input.id, file: input.file, html: `<html><body>${bodies.join('\n')}</body></html>`, ...(bookTitle ? { title: bookTitle } : {}) });
  if (document.text.trim() === '') throw new UnreadableEpubError('the EPUB holds no text');
  return document;
}
