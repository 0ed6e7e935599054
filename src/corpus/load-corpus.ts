import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import type { Document } from '../domain/document.js';
import { projectAttributesReader, type ProjectAttributes } from './asciidoc-project.js';
import { parseAsciidoc } from './parse-asciidoc.js';
import { parseNotebook } from './parse-notebook.js';
import { parseRst } from './parse-rst.js';
import { parseDocx } from './parse-docx.js';
import { parseEpub } from './parse-epub.js';
import { parseHtml } from './parse-html.js';
import { parseMarkdown } from './parse-markdown.js';
import { parsePdf } from './parse-pdf.js';
import { parsePlainText } from './parse-plain-text.js';
import { parseRoff } from './parse-roff.js';
import { dropRepeatedBlocks } from './repeated-blocks.js';
import { contentFormat, decodeText, documentBytes, documentText, fileFormat, isByteFormat, type DocumentFormat, type FileFormat } from './file-format.js';
import { COMPANION_FILE, countUnread, type UnreadType } from './unread-files.js';
import { looksLikeWikipediaText, parseWikipediaText } from './parse-wikipedia-text.js';


/**
 * The largest file parsed, in bytes, by format. The Markdown parser holds far more than the file while it works (a
 * 5 MB single-line Markdown file peaked at 1.2 GB), so Markdown stops at 4 MiB, a dozen times the largest
 * documentation page seen (a 300 kB changelog). AsciiDoc's converter takes time that grows faster than the file (a
 * 1 MB file: 8.5 s in Asciidoctor, 15 s and about 600 MB with the HTML reading), so it stops at 1 MiB, five times the
 * longest page of an AsciiDoc manual seen (29 kB here; whole books split into chapters). reStructuredText's compiler
 * holds about 100 MB per MB of source (a 0.9 MB manual: 0.6 s, 100 MB), so it stops at 4 MiB, ten times the longest
 * page of a Sphinx manual seen (65 kB here). A Jupyter notebook is mostly the pictures its
 * cells drew (base64 in its JSON), of which only the text is read: it may be 128 MiB (parsing the JSON holds about
 * twice the file). HTML and plain text parse in
 * little more than their size and stop at 32 MiB (a whole manual on one page is a few MB). A PDF, Word or EPUB file is held
 * once as bytes while its pages are read one at a time, and carries images and fonts besides its text, so it may be as
 * large as 256 MiB (a long illustrated report is tens of MB). A larger file is skipped and named with the reason rather
 * than risking the whole ingest; `maxFileBytes` sets one limit for every format instead.
 */
export const DEFAULT_MAX_FILE_BYTES = {
  markdown: 4 * 1024 * 1024,
  asciidoc: 1024 * 1024,
  restructuredText: 4 * 1024 * 1024,
  notebook: 128 * 1024 * 1024,
  binary: 256 * 1024 * 1024,
  other: 32 * 1024 * 1024,
} as const;

/** The size limit for a file of `format` (see {@link DEFAULT_MAX_FILE_BYTES}); a compressed file's, once decompressed. */
function maxBytesFor(format: FileFormat, options: CorpusOptions): number {
  if (options.maxFileBytes !== undefined) return options.maxFileBytes;
  if (isByteFormat(format)) return DEFAULT_MAX_FILE_BYTES.binary;
  return LIMIT_BY_FORMAT[format.format] ?? DEFAULT_MAX_FILE_BYTES.other;
}

/** The formats with a limit of their own; the others are held to `other` (see {@link DEFAULT_MAX_FILE_BYTES}). */
const LIMIT_BY_FORMAT: Partial<Record<FileFormat['format'], number>> = {
  markdown: DEFAULT_MAX_FILE_BYTES.markdown,
  restructuredText: DEFAULT_MAX_FILE_BYTES.restructuredText,
  notebook: DEFAULT_MAX_FILE_BYTES.notebook,
  asciidoc: DEFAULT_MAX_FILE_BYTES.asciidoc,
};

export interface CorpusOptions {
  /** Files larger than this are skipped (named in `skipped`); default by format, {@link DEFAULT_MAX_FILE_BYTES}. */
  maxFileBytes?: number;
}

export interface CorpusFile {
  /** Path relative to the corpus folder, with forward slashes. */
  file: string;
  /** Where the file is on disk. */
  absolutePath: string;
  /** The file's text; empty for a PDF, Word or EPUB file, which is read as bytes when it is parsed. */
  text: string;
  /** From a sidecar `name.meta.json`: `{ "title"?, "url"? }`. */
  meta: { title?: string; url?: string };
  /** sha256 of the text and the sidecar (of the size and modification time when the file is too large to read). */
  hash: string;
  /** Set when the file is larger than the limit: its size in bytes. It is not read (`text` is empty) nor parsed. */
  tooLarge?: number;
  /** For an AsciiDoc file: the attributes its project sets outside it (`asciidoc-project.ts`). */
  project?: ProjectAttributes;
  /** The reader its content chose, where its name does not say (`README` written in Markdown). */
  readAs?: DocumentFormat;
  /** The most bytes it may hold once decompressed (its format's limit), for the parser of a PDF, Word or EPUB file. */
  maxBytes?: number;
  /** Set when the file (or, ending in `/`, a subfolder) could not be read: why. It is not parsed. */
  unreadable?: string;
}

/** Stable, URL-safe document id from the file path: `docs/Intro Guide.md` → `docs-intro-guide`. */
export function documentId(file: string): string {
  // The part of the name that says the format (`.md`, `.txt.gz`) is left out; a name read by its content keeps its
  // dotted parts (`PROTOCOL.agent` → `protocol-agent`, beside `PROTOCOL.mux`).
  const suffix = fileFormat(file)?.suffix ?? path.extname(file);
  const withoutExtension = suffix ? file.slice(0, -suffix.length) : file;
  return withoutExtension
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'document';
}

/** Documents under `dir` (sorted, dotfiles and a top-level README.md aside), subfolders that could not be listed, with
 * the reason (one unreadable folder never costs the user the rest), and the files no reader takes, counted by type. */
async function listFiles(
  dir: string,
  prefix = '',
  found: { files: string[]; unlisted: { file: string; reason: string }[]; unread: Map<string, number> } = { files: [], unlisted: [], unread: new Map() },
): Promise<typeof found> {
  let entries;
  try {
    entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  } catch (error) {
    if (prefix === '') throw error;
    found.unlisted.push({ file: `${prefix}/`, reason: `the folder cannot be read (${errorCode(error)})` });
    return found;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) await listFiles(dir, relative, found);
    else if (COMPANION_FILE.test(relative) || /^readme\.md$/i.test(relative)) continue;
    else if (fileFormat(entry.name)) found.files.push(relative);
    else countUnread(found.unread, entry.name);
  }
  return found;
}

/**
 * Reads every document under `dir` (a top-level README.md describes the folder and is skipped); `unread` counts the
 * files no reader takes, by type. A file larger than its limit is listed but not read: `tooLarge` holds its size.
 */
export async function readCorpusFiles(dir: string, options: CorpusOptions = {}): Promise<{ files: CorpusFile[]; unread: UnreadType[] }> {
  let listed: Awaited<ReturnType<typeof listFiles>>;
  try {
    listed = await listFiles(dir);
  } catch (error) {
    throw new AppError('corpus_invalid', `Cannot read the corpus folder ${dir}: ${(error as Error).message}`, { cause: error });
  }
  const unreadable = (file: string, reason: string): CorpusFile => ({
    file,
    absolutePath: path.join(dir, file),
    text: '',
    meta: {},
    hash: createHash('sha256').update(`unreadable\0${reason}`).digest('hex'),
    unreadable: reason,
  });
  const files: CorpusFile[] = listed.unlisted.map(({ file, reason }) => unreadable(file, reason));
  const projectAttributes = projectAttributesReader(dir);
  for (const file of listed.files) {
    const absolutePath = path.join(dir, file);
    const format = fileFormat(file)!;
    const limit = maxBytesFor(format, options);
    let info;
    try {
      info = await stat(absolutePath);
    } catch (error) {
      // A link to nothing, a file removed while the folder was listed: named, the rest read.
      files.push(unreadable(file, `the file cannot be read (${errorCode(error)})`));
      continue;
    }
    // A link to a folder is not followed (a loop would never end); a pipe or a device is never read (a pipe would
    // wait for a writer forever).
    if (!info.isFile()) {
      files.push(unreadable(file, info.isDirectory() ? 'a link to a folder, not followed' : 'not a regular file'));
      continue;
    }
    if (info.size > limit) {
      const hash = createHash('sha256').update(`too large\0${info.size}\0${info.mtimeMs}`).digest('hex');
      files.push({ file, absolutePath, text: '', meta: {}, hash, tooLarge: info.size });
      continue;
    }
    let bytes: Buffer | undefined;
    let text = '';
    let readAs: DocumentFormat | undefined;
    try {
      const raw = await readFile(absolutePath);
      // Decompressed here whatever the format, so a compressed PDF past the limit is named, never parsed.
      const content = documentBytes(raw, format, limit);
      if (isByteFormat(format)) bytes = raw;
      else if (format.byContent || format.format === 'manPage') {
        const checked = documentText(content, format);
        if (checked === undefined) {
          // Binary data, a script or configuration under a name that does not say so: not a document, counted with the
          // unread types.
          countUnread(listed.unread, path.basename(file));
          continue;
        }
        text = checked;
      } else text = decodeText(content);
      // Markdown named without an extension (a README) is read as Markdown, within Markdown's size limit.
      if (format.byContent && text.length <= maxBytesFor({ ...format, format: 'markdown' }, options) && contentFormat(text) === 'markdown') readAs = 'markdown';
    } catch (error) {
      const reason =
        error instanceof RangeError
          ? `decompressed, it is larger than the ${megabytes(limit)} limit per file (maxFileBytes)`
          : /^Z_/.test(String((error as NodeJS.ErrnoException).code))
            ? `the file cannot be decompressed (${(error as Error).message})`
            : `the file cannot be read (${errorCode(error)})`;
      files.push(unreadable(file, reason));
      continue;
    }
    const metaPath = path.join(dir, `${format.suffix ? file.slice(0, -format.suffix.length) : file}.meta.json`);
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
    const project = format.format === 'asciidoc' ? await projectAttributes(file) : undefined;
    const hash = createHash('sha256')
      .update(bytes ?? text)
      .update('\0')
      .update(metaText);
    // The project's configuration is part of what the page reads as: a changed attribute re-reads it.
    for (const source of project?.sources ?? []) hash.update('\0').update(source.file).update('\0').update(source.text);
    files.push({ file, absolutePath, text, meta, hash: hash.digest('hex'), maxBytes: limit, ...(readAs ? { readAs } : {}), ...(project ? { project } : {}) });
  }
  return { files, unread: [...listed.unread].map(([extension, count]) => ({ extension, count })).sort((a, b) => b.count - a.count || (a.extension < b.extension ? -1 : 1)) };
}

export async function parseDocument(file: CorpusFile): Promise<Document> {
  const id = documentId(file.file);
  // What a sidecar says of the file, for the parsers that take it as given.
  const url = file.meta.url ? { url: file.meta.url } : {};
  const title = file.meta.title ? { title: file.meta.title } : {};
  const base = { id, file: file.file, text: file.text, ...url };
  const named = fileFormat(file.file)!;
  const format = { ...named, format: file.readAs ?? named.format };
  if (isByteFormat(format)) {
    const data = new Uint8Array(documentBytes(await readFile(file.absolutePath), format, file.maxBytes ?? DEFAULT_MAX_FILE_BYTES.binary));
    const parse = format.format === 'pdf' ? parsePdf : format.format === 'epub' ? parseEpub : parseDocx;
    const document = await parse({ id, file: file.file, data, ...title });
    return { ...document, ...url };
  }
  if (format.format === 'html') return parseHtml({ id, file: file.file, html: file.text, ...url, ...title });
  if (format.format === 'restructuredText') return parseRst({ ...base, ...title });
  if (format.format === 'notebook') return parseNotebook({ ...base, ...title });
  if (format.format === 'asciidoc') return parseAsciidoc({ ...base, ...title, attributes: file.project?.values ?? {} });
  if (format.format === 'text' && looksLikeWikipediaText(file.text)) return { ...parseWikipediaText(base), ...title };
  if (format.format === 'text') return parsePlainText({ ...base, ...title });
  if (format.format === 'manPage') return parseRoff({ ...base, ...title });
  return parseMarkdown({ ...base, ...title });
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
 * Reads and parses every document under `dir`. A file that cannot be parsed, or is larger than the limit, is left out and named in `skipped` with
 * the reason, and the rest of the corpus is indexed: one odd file never costs a user the whole folder. The corpus
 * hash still covers it, so the next ingest tries it again once it changes.
 */
export async function loadCorpus(
  dir: string,
  options: CorpusOptions = {},
): Promise<{ files: CorpusFile[]; documents: Document[]; hash: string; skipped: SkippedFile[]; unread: UnreadType[] }> {
  const { files: all, unread } = await readCorpusFiles(dir, options);
  if (all.length === 0) {
    throw new AppError(
      'corpus_invalid',
      `No documents found in ${dir}: .txt, .md, .adoc, .rst, .ipynb, .html, .pdf, .docx, .epub, or plain text named without an extension (README, NEWS), each also gzip-compressed (.gz). Add documents, then run npm run ingest.`,
    );
  }
  const files: CorpusFile[] = [];
  const parsed: Document[] = [];
  const skipped: SkippedFile[] = [];
  for (const file of all) {
    if (file.unreadable !== undefined) {
      skipped.push({ file: file.file, reason: file.unreadable });
      continue;
    }
    if (file.tooLarge !== undefined) {
      const limit = maxBytesFor(fileFormat(file.file)!, options);
      skipped.push({ file: file.file, reason: `${megabytes(file.tooLarge)} is larger than the ${megabytes(limit)} limit per file (maxFileBytes)` });
      continue;
    }
    try {
      parsed.push(await parseDocument(file));
      files.push(file);
    } catch (error) {
      skipped.push({ file: file.file, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  // A project configuration that cannot be read is named once; its pages are read without its attributes.
  const problems = new Map(all.flatMap((file) => file.project?.problems ?? []).map((problem) => [problem.file, problem.reason]));
  for (const [file, reason] of problems) skipped.push({ file, reason });
  if (parsed.length === 0) {
    throw new AppError('corpus_invalid', `No document in ${dir} could be read: ${skipped.map((entry) => `${entry.file} (${entry.reason})`).join('; ')}.`);
  }
  const kept = oneDocumentPerId(parsed, skipped);
  const documents = dropRepeatedBlocks(kept.map((index) => parsed[index]!));
  return { files: kept.map((index) => files[index]!), documents, hash: corpusHash(all), skipped, unread };
}

/**
 * Which of `parsed` to keep (indexes, in order) when two files map to one document id (`NEWS.gz` and `NEWS.html`,
 * `manual.html` and `manual.pdf.gz`: a package often ships one text in two forms): the one named with its format
 * over one read by its content, uncompressed over compressed, else the first in path order. The other is named in
 * `skipped`, so the ingest goes on and the user knows why.
 */
function oneDocumentPerId(parsed: Document[], skipped: SkippedFile[]): number[] {
  const rank = (file: string) => {
    const format = fileFormat(file)!;
    return (format.byContent ? 2 : 0) + (format.compressed ? 1 : 0);
  };
  const byId = new Map<string, number>();
  parsed.forEach((document, index) => {
    const other = byId.get(document.id);
    if (other === undefined || rank(document.file) < rank(parsed[other]!.file)) byId.set(document.id, index);
  });
  const kept = new Set(byId.values());
  for (const [index, document] of parsed.entries()) {
    if (kept.has(index)) continue;
    const keeper = parsed[byId.get(document.id)!]!;
    skipped.push({ file: document.file, reason: `the same document id "${document.id}" as ${keeper.file}, which is read instead (rename one to read both)` });
  }
  return [...kept].sort((a, b) => a - b);
}

/** A file-system error as the ingest output names it: its code (`ENOENT`, `EACCES`), else its message. */
const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
