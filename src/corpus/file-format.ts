import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import binaryExtensions from 'binary-extensions';
import { isBinaryFileSync } from 'isbinaryfile';
import * as linguist from 'linguist-languages';

/** The readers: which parser a document goes through. `text` is plain text (or a Wikipedia dump). */
export type DocumentFormat = 'markdown' | 'asciidoc' | 'restructuredText' | 'notebook' | 'html' | 'text' | 'manPage' | 'pdf' | 'docx' | 'epub';

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

/** A Unix manual page: section 1–9 with an optional suffix (`ls.1`, `tar.5`, `openssl.1ssl`, `Carp.3pm`), or `.man`. */
const MAN_PAGE_EXTENSION = /^\.(?:[1-9][a-z0-9]{0,4}|man)$/;

/** An ending a manual page has and nothing else claims: not a binary type's (`.7z`, `.3gp`) nor another language's
 * in Linguist's table (`.4th` is Forth); `libc.so.6` or `auth.log.1` are caught by their content. */
function isManPageExtension(extension: string): boolean {
  return MAN_PAGE_EXTENSION.test(extension) && !BINARY_EXTENSIONS.has(extension) && !OTHER_THAN_ROFF_EXTENSIONS.has(extension);
}

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
   * content is text, see {@link documentText}. */
  byContent: boolean;
  /** Read by content, and only when the content is mostly prose: a name not in capitals (`fstab`, `changelog`), or
   * one whose ending Linguist calls code (`PROTOCOL.krl`). A capitals name alone (`CREDITS`, `AUTHORS`: lists of
   * names) is read when it is text. */
  mustBeProse: boolean;
}

// GitHub Linguist's table of file names and extensions: a name it gives to a language that is not prose text
// (`Makefile`, `.c`, `.json`, `.tex`) is code, data or markup no reader here takes, so it is not
// read as plain text; what it calls Text (`NEWS`, `COPYING`, `INSTALL`, `README.fr`) is.
const NOT_PROSE_NAMES = new Set<string>();
const NOT_PROSE_EXTENSIONS = new Set<string>();
const PROSE_NAMES = new Set<string>();
/** Endings Linguist gives to a language other than roff (`.4th` Forth, `.8xp` a calculator program). */
const OTHER_THAN_ROFF_EXTENSIONS = new Set<string>();
for (const language of Object.values(linguist) as { name: string; filenames?: string[]; extensions?: string[] }[]) {
  const prose = language.name === 'Text';
  for (const name of language.filenames ?? []) (prose ? PROSE_NAMES : NOT_PROSE_NAMES).add(name.toLowerCase());
  if (!prose) for (const extension of language.extensions ?? []) NOT_PROSE_EXTENSIONS.add(extension.toLowerCase());
  if (!language.name.startsWith('Roff')) for (const extension of language.extensions ?? []) OTHER_THAN_ROFF_EXTENSIONS.add(extension.toLowerCase());
}
const BINARY_EXTENSIONS = new Set(binaryExtensions.map((extension) => `.${extension}`));

/**
 * The names of the files a package's documentation is in by convention (the GNU Coding Standards' README, NEWS,
 * INSTALL, ChangeLog, AUTHORS, THANKS, TODO, COPYING, BUGS; Debian's changelog and copyright; the common HISTORY,
 * CHANGES, LICENSE, NOTICE, CREDITS, CONTRIBUTORS, FAQ, HACKING): read when they are text, prose or not (a
 * changelog's one-line entries, a list of names), whatever follows their first dot (`README.Debian`).
 */
const DOCUMENTATION_NAMES = new Set(
  'readme news install changelog changes history authors thanks credits contributors maintainers todo copying copyright license licence notice bugs faq hacking'.split(' '),
);

/** An editor's backup or a patch's leftover (`guide.md~`, `NEWS.orig`, `README.rej`, `#notes#`): a stale copy. */
const LEFTOVER = /~$|\.(?:orig|rej|bak|swp)$|^#.*#$/i;

/** How `file` is read, or undefined when no reader takes it (a picture, code, a spreadsheet). */
export function fileFormat(file: string): FileFormat | undefined {
  const base = path.basename(file);
  const compressed = /\.gz$/i.test(base);
  const inner = compressed ? base.slice(0, -3) : base;
  if (!inner) return undefined;
  const extension = path.extname(inner).toLowerCase();
  const format = FORMAT_BY_EXTENSION[extension] ?? (isManPageExtension(extension) ? 'manPage' : undefined);
  if (format) return { format, compressed, suffix: base.slice(inner.length - extension.length), byContent: false, mustBeProse: false };
  const name = inner.toLowerCase();
  if (LEFTOVER.test(inner) || (NOT_PROSE_NAMES.has(name) && !PROSE_NAMES.has(name))) return undefined;
  const byContent = (mustBeProse: boolean): FileFormat => ({ format: 'text', compressed, suffix: compressed ? base.slice(inner.length) : '', byContent: true, mustBeProse });
  const capitals = /^[A-Z][A-Z0-9_-]*(?:\.[a-z0-9]+)?$/.test(inner);
  const documentation = DOCUMENTATION_NAMES.has(name.split('.')[0]!);
  if (PROSE_NAMES.has(name) || !(NOT_PROSE_EXTENSIONS.has(extension) || BINARY_EXTENSIONS.has(extension))) return byContent(!capitals && !documentation);
  // A name in capitals with a lower-case ending (`PROTOCOL.krl`, `README.key`) follows the Unix convention for a
  // document to read first, whatever Linguist calls the ending: its content decides (MAIN.C, SETUP.PY stay code).
  return capitals ? byContent(true) : undefined;
}

/** A document's title when it states none: its path as written, without the format's suffix (`INSTALL`,
 * `PROTOCOL.agent`, `docs/getting-started`): two `index.md` in different folders keep different titles. */
export function fileNameTitle(file: string): string {
  const suffix = fileFormat(file)?.suffix ?? path.extname(file);
  return (suffix ? file.slice(0, -suffix.length) : file) || file;
}

/** A PDF, Word or EPUB file: read as bytes, its text is its words (no markup syntax in it). */
export const isByteFormat = (format: FileFormat | undefined) => format !== undefined && BYTE_FORMATS.has(format.format);

/**
 * Whether a file's source has none of the markup a quote is checked for (HTML tags, template syntax, Markdown links,
 * fences and heading marks): a PDF's, Word's or EPUB's text is its words, and roff has none of those forms (`](` in a
 * manual page is the author's text: "Block size [4-7](default: 7)"); its own requests and escapes are read away by
 * its reader and tested there.
 */
export const hasNoWebMarkup = (file: string) => {
  const format = fileFormat(file);
  return isByteFormat(format) || format?.format === 'manPage';
};

/** `#!`: a script, run rather than read. */
const SHEBANG = '#!';
/** A private key (`-----BEGIN OPENSSH PRIVATE KEY-----`): never a document to index and serve. */
const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
/** A line of prose: four or more words of letters. Code, configuration and data lines seldom have them. */
const PROSE_LINE = /(?:^|\s)[\p{L}][\p{L}'’-]*(?:[,.;:!?)]*)(?:\s+[(\p{L}][\p{L}'’-]*[,.;:!?)]*){3,}/u;
/**
 * At least this share of a file's non-blank lines must be prose lines for a file named without a format to be read as
 * a document. Measured on real files: READMEs 0.51–0.77, changelogs 0.75, licences 0.69–0.91, protocol notes
 * 0.42–0.59; `ssh_config` and `sshd_config` (commented configuration) 0.24–0.25, Makefiles 0.02–0.10, a table of
 * numbers 0.
 */
const MIN_PROSE_LINE_SHARE = 0.3;

/** Whether most of a text's non-blank lines are prose lines (see {@link MIN_PROSE_LINE_SHARE}). */
function isMostlyProse(text: string): boolean {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines.filter((line) => PROSE_LINE.test(line)).length >= MIN_PROSE_LINE_SHARE * lines.length;
}

/** Signs of Markdown: an ATX heading, a fence, an inline link, a code span, strong emphasis. */
const MARKDOWN_SIGNS = [/^#{1,6}[ \t]+\S/m, /^ {0,3}(?:```|~~~)/m, /\[[^\]\n]+\]\([^)\s]+\)/, /`[^`\n]+`/, /\*\*[^*\n]+\*\*/];
/** How many different signs make a file named without an extension Markdown: two, since one alone (a `#` line, a
 * pair of backticks) also turns up in plain text. */
const MIN_MARKDOWN_SIGNS = 2;

/**
 * The reader for a file read by its content: Markdown when it shows Markdown's signs (a `README` written in
 * Markdown, as many projects' are, would otherwise quote its `](…)` links and `#` marks), else plain text.
 */
export function contentFormat(text: string): 'markdown' | 'text' {
  return MARKDOWN_SIGNS.filter((sign) => sign.test(text)).length >= MIN_MARKDOWN_SIGNS ? 'markdown' : 'text';
}

/** A roff source line near the top: a comment (`.\\"`), a page header (`.TH`, `.Dd`, `.Dt`), a section or an include. */
const ROFF_SIGN = /^[.'][ \t]*(?:\\"|TH\b|Dd\b|Dt\b|SH\b|Sh\b|so\b)/m;

/**
 * The text of a file whose name does not settle that it is a document (one read by its content, or named as a manual
 * page), or undefined when it is not one: binary data (a program, a picture without an extension), a script (`#!`
 * first, a byte-order mark aside), a private key; a file read by its content must also be mostly prose when
 * `mustBeProse` (configuration such as `fstab`, code named without an extension), a manual page roff or else prose
 * (`notes.2`; not a rotated log, `auth.log.1`). The bytes are decoded once, and only once they are known to be text.
 */
export function documentText(bytes: Buffer, format: FileFormat): string | undefined {
  if (bytes.length === 0 || isBinaryFileSync(bytes, bytes.length)) return undefined;
  const text = decodeText(bytes);
  if (text.startsWith(SHEBANG) || PRIVATE_KEY.test(text)) return undefined;
  const isDocument = format.format === 'manPage' ? ROFF_SIGN.test(text.slice(0, 8192)) || isMostlyProse(text) : !format.mustBeProse || isMostlyProse(text);
  return isDocument ? text : undefined;
}

/** The file's bytes as its reader takes them: decompressed when it is gzip-compressed, at most `limit` bytes (a
 * larger result throws a RangeError, so a small archive cannot expand without bound). */
export function documentBytes(bytes: Buffer, format: FileFormat, limit: number): Buffer {
  return format.compressed ? gunzipSync(bytes, { maxOutputLength: limit }) : bytes;
}

/**
 * Text bytes as a string: UTF-8, unless no character in them decodes as UTF-8 beyond ASCII while some byte does not
 * (a file written in Windows-1252, the superset of Latin-1 that older READMEs, copyright files and web pages use): then
 * Windows-1252, so "Renée" does not turn into U+FFFD. A file mostly UTF-8 with a stray byte stays UTF-8, that byte
 * U+FFFD. UTF-16 is read by its byte-order mark. Line endings are normalised and a byte-order mark dropped so offsets
 * are the same on every platform.
 */
export function decodeText(bytes: Buffer): string {
  let text: string;
  // A byte-order mark says UTF-16 (Windows editors save "Unicode" text so).
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes);
  else {
    text = new TextDecoder('utf-8').decode(bytes);
    // Any character beyond ASCII other than U+FFFD is a valid UTF-8 sequence: the file is UTF-8.
    if (text.includes('\uFFFD') && ![...text].some((character) => character > '\x7F' && character !== '\uFFFD')) text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
}
