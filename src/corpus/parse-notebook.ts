import type { Document } from '../domain/document.js';
import { closeOpenFences, fenceFor } from './markdown/fences.js';
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

/** A terminal's colour and cursor codes (ANSI escape sequences), which a coloured log or a progress bar prints. */
// eslint-disable-next-line no-control-regex
const ANSI_ESCAPE = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** Printed text as a terminal shows it: escape codes removed, and a line rewritten in place with `\r` (a progress
 * bar) read as its last state. */
const asShown = (text: string) =>
  text
    .replace(ANSI_ESCAPE, '')
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.slice(line.lastIndexOf('\r') + 1))
    .join('\n');

/** The text a code cell printed or returned (streams, `text/plain` results, an error's name and message); pictures and
 * HTML are not text, nor is a traceback (the message says what went wrong). */
function outputText(outputs: unknown): string {
  if (!Array.isArray(outputs)) return '';
  const texts = outputs.map((output: unknown) => {
    if (!output || typeof output !== 'object') return '';
    const { output_type: type, text, data, ename, evalue } = output as { output_type?: unknown; text?: unknown; data?: unknown; ename?: unknown; evalue?: unknown };
    if (type === 'stream') return joined(text);
    if (type === 'error') return typeof ename === 'string' ? `${ename}: ${typeof evalue === 'string' ? evalue : ''}` : '';
    return data && typeof data === 'object' ? joined((data as Record<string, unknown>)['text/plain']) : '';
  });
  const text = asShown(texts.filter((each) => each.trim() !== '').join('\n'));
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
  for (const cell of notebook.cells as (NotebookCell | null)[]) {
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
