import type { Document } from '../domain/document.js';
import { parseMarkdown } from './parse-markdown.js';

/** Why a notebook could not be read, in words the ingest output shows beside the file's name. */
export class UnreadableNotebookError extends Error {}

/**
 * A cell's text output (a printed table, a log) is read up to this many characters: the start shows what the cell
 * printed, and a long log or a wide data frame beyond it is noise that would crowd the notebook's prose out of its
 * chunks.
 */
export const MAX_OUTPUT_CHARS = 2000;

interface NotebookCell {
  cell_type?: unknown;
  source?: unknown;
  outputs?: unknown;
}

/** A cell's source or an output's text: nbformat stores either one string or a list of lines. */
function joined(value: unknown): string {
  if (typeof value === 'string') return value;
  return Array.isArray(value) ? value.filter((line): line is string => typeof line === 'string').join('') : '';
}

/** A longer fence than any run of backticks in `text`, so the text cannot close it. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  return '`'.repeat(longest + 1);
}

const FENCE_LINE = /^\s{0,3}(`{3,}|~{3,}|:{3,})(.*)$/;

/**
 * A Markdown cell with every fence it opens closed at its end: Jupyter renders each cell on its own, so a fence the
 * author left open (a MyST `{admonition}` never closed) ends with its cell, where in the joined notebook it would
 * swallow every cell after it.
 */
export function closeOpenFences(source: string): string {
  const open: { marks: string; code: boolean }[] = [];
  for (const line of source.split('\n')) {
    const fence = FENCE_LINE.exec(line);
    if (!fence) continue;
    const [, marks, rest] = fence as unknown as [string, string, string];
    const top = open.at(-1);
    if (top && marks[0] === top.marks[0] && marks.length >= top.marks.length && rest.trim() === '') open.pop();
    // Inside code a fence line is code; a directive (```{note}) or a container (:::) may hold other fences.
    else if (!top?.code) open.push({ marks, code: marks[0] !== ':' && !/^\s*\{/.test(rest) });
  }
  return open.length === 0 ? source : `${source}\n${open.map((each) => each.marks).reverse().join('\n')}`;
}

/** The text a code cell printed or returned (streams, `text/plain` results); pictures, HTML and errors are not text. */
function outputText(outputs: unknown): string {
  if (!Array.isArray(outputs)) return '';
  const texts = outputs.map((output: { output_type?: unknown; text?: unknown; data?: Record<string, unknown> }) =>
    output.output_type === 'stream' ? joined(output.text) : output.data ? joined(output.data['text/plain']) : '',
  );
  const text = texts.filter((each) => each.trim() !== '').join('\n');
  return text.length > MAX_OUTPUT_CHARS ? `${text.slice(0, MAX_OUTPUT_CHARS)}\n…` : text;
}

/**
 * A Jupyter notebook (`.ipynb`, nbformat 4) as a document: its Markdown cells are the prose (MyST included), its code
 * cells fenced code in the kernel's language, followed by the text they printed, read through the Markdown parser in
 * cell order. Raw cells (material for a converter, not the notebook's reader) and attachments are left out.
 */
export function parseNotebook(input: { id: string; file: string; text: string; url?: string; title?: string }): Document {
  let notebook: { cells?: unknown; metadata?: { kernelspec?: { language?: unknown }; language_info?: { name?: unknown } } };
  try {
    notebook = JSON.parse(input.text) as typeof notebook;
  } catch (error) {
    throw new UnreadableNotebookError(`not a Jupyter notebook (${(error as Error).message.split('\n')[0]})`);
  }
  if (!notebook || typeof notebook !== 'object' || !Array.isArray(notebook.cells)) {
    throw new UnreadableNotebookError('not a Jupyter notebook (no list of cells; nbformat 4 is read)');
  }
  const language = notebook.metadata?.language_info?.name ?? notebook.metadata?.kernelspec?.language;
  const codeLanguage = typeof language === 'string' && /^[\w+.-]+$/.test(language) ? language : '';
  const parts: string[] = [];
  for (const cell of notebook.cells as NotebookCell[]) {
    const source = joined(cell?.source).replace(/\r\n?/g, '\n');
    if (cell?.cell_type === 'markdown') parts.push(closeOpenFences(source));
    if (cell?.cell_type !== 'code') continue;
    if (source.trim() !== '') parts.push(`${fenceFor(source)}${codeLanguage}\n${source}\n${fenceFor(source)}`);
    const printed = outputText(cell.outputs);
    if (printed !== '') parts.push(`${fenceFor(printed)}text\n${printed}\n${fenceFor(printed)}`);
  }
  const document = parseMarkdown({ ...input, text: parts.join('\n\n') });
  if (document.text.trim() === '') throw new UnreadableNotebookError('the notebook holds no text');
  return document;
}
