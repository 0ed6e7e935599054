import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import binaryExtensions from 'binary-extensions';
import { isBinaryFileSync } from 'isbinaryfile';
import * as linguist from 'linguist-languages';

/** The readers: which parser a document goes through. `text` is plain text (or a Wikipedia dump). */
export type DocumentFormat = 'markdown' | 'asciidoc' | 'restructuredText' | 'notebook' | 'html' | 'text' | 'pdf' | 'docx' | 'epub';

/** `.mdx` is Markdown with JSX (Docusaurus, Nextra, Astro): read as Markdown, its module lines and JSX reduced.
 * AsciiDoc is `.adoc` or `.asciidoc` (not `.asc`, which is as often a PGP signature). */
const FORMAT_BY_EXTENSION: Record<string, DocumentFormat> = {
  '.txt': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.mdx': 'markdown',
  '.adoc': 'asciidoc',
  '.asciidoc': 'asciidoc',
  '.rst': 'restructuredText',
  '.rest': 'restructuredText',
  '.ipynb': 'notebook',
  '.html': 'html',
  '.htm': 'html',
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.epub': 'epub',
};

export const SUPPORTED_EXTENSIONS = Object.keys(FORMAT_BY_EXTENSION);

/** Formats read as bytes, not text: parsed from the file when the corpus is loaded, never held as a string. */
const BYTE_FORMATS = new Set<DocumentFormat>(['pdf', 'docx', 'epub']);

/** How a file is read. */
export interface FileFormat {
  format: DocumentFormat;
  /** gzip-compressed (`README.gz`, `guide.md.gz`), as a package's doc folder ships its larger files. */
  compressed: boolean;
  /** The end of the name that says how it is read (`.md`, `.txt.gz`; `` or `.gz` for a file read as text by its
   * content), left out of the document's id. */
  suffix: string;
  /** No extension says the format (`README`, `NEWS`, `PROTOCOL.agent`, `README.Debian`): read as plain text when its
   * content is text, see {@link isPlainTextContent}. */
  byContent: boolean;
}

// GitHub Linguist's table of file names and extensions: a name it gives to a language that is not prose text
// (`Makefile`, `.c`, `.json`, `.1` manual pages, `.tex`) is code, data or markup no reader here takes, so it is not
// read as plain text; what it calls Text (`NEWS`, `COPYING`, `INSTALL`, `README.fr`) is.
const NOT_PROSE_NAMES = new Set<string>();
const NOT_PROSE_EXTENSIONS = new Set<string>();
const PROSE_NAMES = new Set<string>();
for (const language of Object.values(linguist) as { name: string; filenames?: string[]; extensions?: string[] }[]) {
  const prose = language.name === 'Text';
  for (const name of language.filenames ?? []) (prose ? PROSE_NAMES : NOT_PROSE_NAMES).add(name.toLowerCase());
  if (!prose) for (const extension of language.extensions ?? []) NOT_PROSE_EXTENSIONS.add(extension.toLowerCase());
}
const BINARY_EXTENSIONS = new Set(binaryExtensions.map((extension) => `.${extension}`));

/** How `file` is read, or undefined when no reader takes it (a picture, code, a spreadsheet, a manual page). */
export function fileFormat(file: string): FileFormat | undefined {
  const base = path.basename(file);
  const compressed = /\.gz$/i.test(base);
  const inner = compressed ? base.slice(0, -3) : base;
  if (!inner) return undefined;
  const extension = path.extname(inner).toLowerCase();
  const format = FORMAT_BY_EXTENSION[extension];
  if (format) return { format, compressed, suffix: base.slice(inner.length - extension.length), byContent: false };
  const name = inner.toLowerCase();
  // A name in capitals (`README`, `INSTALL`, `PROTOCOL.key`, `README.platform`) is the Unix convention for a document
  // to read first, whatever follows its dot: its content decides, not the extension lists.
  const readFirst = /^[A-Z][A-Z0-9_-]*(?:\.|$)/.test(inner);
  const notProse = NOT_PROSE_NAMES.has(name) || NOT_PROSE_EXTENSIONS.has(extension) || BINARY_EXTENSIONS.has(extension);
  if (!PROSE_NAMES.has(name) && !readFirst && notProse) return undefined;
  return { format: 'text', compressed, suffix: compressed ? base.slice(inner.length) : '', byContent: true };
}

/** A document's title when it states none: its file name as written, without the format's suffix (`INSTALL`,
 * `PROTOCOL.agent`, `getting-started`). */
export function fileNameTitle(file: string): string {
  const base = path.basename(file);
  const suffix = fileFormat(file)?.suffix ?? path.extname(base);
  return (suffix ? base.slice(0, -suffix.length) : base) || base;
}

/** A PDF, Word or EPUB file: read as bytes, its text is its words (no markup syntax in it). */
export const isByteFormat = (format: FileFormat | undefined) => format !== undefined && BYTE_FORMATS.has(format.format);

/**
 * A file read by its content is a document when it is text and not a script: binary data (a program, a picture
 * without an extension) and a file starting with `#!` (a maintainer script, `configure`) are not prose.
 */
export function isPlainTextContent(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  if (bytes[0] === 0x23 && bytes[1] === 0x21) return false;
  return !isBinaryFileSync(bytes, bytes.length);
}

/** The file's bytes as its reader takes them: decompressed when it is gzip-compressed, at most `limit` bytes (a
 * larger result throws a RangeError, so a small archive cannot expand without bound). */
export function documentBytes(bytes: Buffer, format: FileFormat, limit: number): Buffer {
  return format.compressed ? gunzipSync(bytes, { maxOutputLength: limit }) : bytes;
}

/**
 * Text bytes as a string: UTF-8 when they are valid UTF-8, else Windows-1252 (the superset of Latin-1 that older
 * READMEs, copyright files and web pages were written in), so no character turns into U+FFFD. Line endings are
 * normalised and a byte-order mark dropped so offsets are the same on every platform.
 */
export function decodeText(bytes: Buffer): string {
  let text: string;
  // A byte-order mark says UTF-16 (Windows editors save "Unicode" text so).
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes);
  else
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder('windows-1252').decode(bytes);
    }
  return text.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
}
