import type { Document } from '../domain/document.js';
import { parseHtml } from './parse-html.js';

/** Why a Word file could not be read, in words the ingest output shows beside the file's name. */
export class UnreadableDocxError extends Error {}

/**
 * A Word (.docx) file as a document: mammoth turns its built-in styles into HTML (Heading 1–6 → `<h1>`–`<h6>`, Title
 * → `<h1>`, lists → `<ul>`/`<ol>`, tables → `<table>`), and the HTML parser reads that into the structured model, so
 * headings make sections, list lead-ins stay with their items and table rows are read with their headers.
 */
export async function parseDocx(input: { id: string; file: string; data: Uint8Array; title?: string }): Promise<Document> {
  const mammoth = await import('mammoth');
  let html: string;
  try {
    ({ value: html } = await mammoth.convertToHtml(
      { buffer: Buffer.from(input.data.buffer, input.data.byteOffset, input.data.byteLength) },
      // A document's Title paragraph is its title: an <h1> above the Heading 1 sections. A table of contents (Word's
      // built-in "TOC Heading" and "toc 1"–"toc 9" styles) repeats the headings with page numbers: not prose.
      { styleMap: ["p[style-name='Title'] => h1:fresh", "p[style-name^='toc '] => !"] },
    ));
  } catch (error) {
    throw new UnreadableDocxError(`not a readable Word document (${(error as Error).message.split('\n')[0]})`);
  }
  // No site generator ran over a Word file: its braces are the author's ("{{Agency Name}}" in a template).
  const document = parseHtml({ id: input.id, file: input.file, html, ...(input.title ? { title: input.title } : {}) }, { literal: true });
  if (document.text.trim() === '') throw new UnreadableDocxError('the Word document holds no text');
  return document;
}
