import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import type { Document } from '../domain/document.js';
import { parseDocx } from './parse-docx.js';
import { parseHtml } from './parse-html.js';
import { parseMarkdown } from './parse-markdown.js';
import { parsePdf } from './parse-pdf.js';
import { parsePlainText } from './parse-plain-text.js';
import { dropRepeatedBlocks } from './repeated-blocks.js';
import { looksLikeWikipediaText, parseWikipediaText } from './parse-wikipedia-text.js';

export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm', '.pdf', '.docx'];

/** Formats read as bytes, not text: parsed from the file when the corpus is loaded, never held as a string. */
const BINARY_EXTENSIONS = new Set(['.pdf', '.docx']);

const isBinary = (file: string) => BINARY_EXTENSIONS.has(path.extname(file).toLowerCase());

export interface CorpusFile {
  /** Path relative to the corpus folder, with forward slashes. */
  file: string;
  /** Where the file is on disk. */
  absolutePath: string;
  /** The file's text; empty for a PDF or Word file, which is read as bytes when it is parsed. */
  text: string;
  /** From a sidecar `name.meta.json`: `{ "title"?, "url"? }`. */
  meta: { title?: string; url?: string };
  /** sha256 of the text and the sidecar. */
  hash: string;
}

/** Stable, URL-safe document id from the file path: `docs/Intro Guide.md` → `docs-intro-guide`. */
export function documentId(file: string): string {
  const withoutExtension = file.replace(/\.[^./]+$/, '');
  return withoutExtension
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'document';
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(dir, relative)));
    else if (SUPPORTED_EXTENSIONS.includes(path.extname(entry.name).toLowerCase()) && !/^readme\.md$/i.test(relative)) files.push(relative);
  }
  return files;
}

/** Reads every supported file under `dir` (a top-level README.md describes the folder and is skipped). */
export async function readCorpusFiles(dir: string): Promise<CorpusFile[]> {
  let names: string[];
  try {
    names = await listFiles(dir);
  } catch (error) {
    throw new AppError('corpus_invalid', `Cannot read the corpus folder ${dir}: ${(error as Error).message}`, { cause: error });
  }
  const files: CorpusFile[] = [];
  for (const file of names) {
    const absolutePath = path.join(dir, file);
    const bytes = isBinary(file) ? await readFile(absolutePath) : undefined;
    // Normalise line endings once so offsets are the same on every platform.
    const text = bytes ? '' : (await readFile(absolutePath, 'utf8')).replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
    const metaPath = path.join(dir, file.replace(/\.[^./]+$/, '.meta.json'));
    let meta: CorpusFile['meta'] = {};
    let metaText = '';
    try {
      metaText = await readFile(metaPath, 'utf8');
      const parsed = JSON.parse(metaText) as Record<string, unknown>;
      meta = {
        ...(typeof parsed.title === 'string' ? { title: parsed.title } : {}),
        ...(typeof parsed.url === 'string' ? { url: parsed.url } : {}),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new AppError('corpus_invalid', `Invalid sidecar ${metaPath}: ${(error as Error).message}`, { cause: error });
      }
    }
    const hash = createHash('sha256')
      .update(bytes ?? text)
      .update('\0')
      .update(metaText)
      .digest('hex');
    files.push({ file, absolutePath, text, meta, hash });
  }
  return files;
}

export async function parseDocument(file: CorpusFile): Promise<Document> {
  const id = documentId(file.file);
  const base = { id, file: file.file, text: file.text, ...(file.meta.url ? { url: file.meta.url } : {}) };
  const extension = path.extname(file.file).toLowerCase();
  if (isBinary(file.file)) {
    const data = new Uint8Array(await readFile(file.absolutePath));
    const parse = extension === '.pdf' ? parsePdf : parseDocx;
    const document = await parse({ id, file: file.file, data, ...(file.meta.title ? { title: file.meta.title } : {}) });
    return file.meta.url ? { ...document, url: file.meta.url } : document;
  }
  if (extension === '.html' || extension === '.htm') {
    return parseHtml({ id, file: file.file, html: file.text, ...(file.meta.url ? { url: file.meta.url } : {}), ...(file.meta.title ? { title: file.meta.title } : {}) });
  }
  if (extension === '.txt' && looksLikeWikipediaText(file.text)) {
    const document = parseWikipediaText(base);
    return file.meta.title ? { ...document, title: file.meta.title } : document;
  }
  if (extension === '.txt') return parsePlainText({ ...base, ...(file.meta.title ? { title: file.meta.title } : {}) });
  return parseMarkdown({ ...base, ...(file.meta.title ? { title: file.meta.title } : {}) });
}

/** Hash over every file's hash, in path order: changes when any document or sidecar changes. */
export function corpusHash(files: CorpusFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(file.file).update('\0').update(file.hash).update('\0');
  return hash.digest('hex');
}

/** A file left out of the index, and why. */
export interface SkippedFile {
  file: string;
  reason: string;
}

/**
 * Reads and parses every document under `dir`. A file that cannot be parsed is left out and named in `skipped` with
 * the reason, and the rest of the corpus is indexed: one odd file never costs a user the whole folder. The corpus
 * hash still covers it, so the next ingest tries it again once it changes.
 */
export async function loadCorpus(dir: string): Promise<{ files: CorpusFile[]; documents: Document[]; hash: string; skipped: SkippedFile[] }> {
  const all = await readCorpusFiles(dir);
  if (all.length === 0) {
    throw new AppError('corpus_invalid', `No .txt, .md, .html, .pdf or .docx documents found in ${dir}. Add documents, then run npm run ingest.`);
  }
  const files: CorpusFile[] = [];
  const parsed: Document[] = [];
  const skipped: SkippedFile[] = [];
  for (const file of all) {
    try {
      parsed.push(await parseDocument(file));
      files.push(file);
    } catch (error) {
      skipped.push({ file: file.file, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  if (parsed.length === 0) {
    throw new AppError('corpus_invalid', `No document in ${dir} could be read: ${skipped.map((entry) => `${entry.file} (${entry.reason})`).join('; ')}.`);
  }
  const documents = dropRepeatedBlocks(parsed);
  const seen = new Map<string, string>();
  for (const document of documents) {
    const other = seen.get(document.id);
    if (other) throw new AppError('corpus_invalid', `Two files map to the same document id "${document.id}": ${other} and ${document.file}. Rename one.`);
    seen.set(document.id, document.file);
  }
  return { files, documents, hash: corpusHash(all), skipped };
}
