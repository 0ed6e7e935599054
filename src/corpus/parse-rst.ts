import type { Document } from '../domain/document.js';
import { parseHtml } from './parse-html.js';
import { densestParagraphMarks, MAX_INLINE_MARKS_PER_PARAGRAPH } from './rst/inline-marks.js';
import { prepareRstSource } from './rst/prepare-source.js';
import { teachCompiler } from './rst/teach-compiler.js';

/** Why a reStructuredText file could not be read, in words the ingest output shows beside the file's name. */
export class UnreadableRstError extends Error {}

/**
 * Sphinx builds for HTML: `.. only:: html` content is the page's (as are its `builder_html` and `format_html` tags),
 * `.. only:: latex` is not (`outputEnv` of the compiler's `only` directive).
 */
const OUTPUT_ENVIRONMENT = { html: true, builder_html: true, format_html: true };

/** The compiler's warnings name no file and would interleave with ingest's output; what it cannot read, it says by
 * throwing, and the file is named with that reason. */
const QUIET = { disableWarnings: true, disableErrors: true };

let compilerModule: Promise<typeof import('rst-compiler')> | undefined;

/** The file as HTML: read as written, or `plain` (every directive for its content, every link as its text). */
async function toHtml(text: string, plain: boolean): Promise<string> {
  const { RstToHtmlCompiler } = await (compilerModule ??= import('rst-compiler'));
  const compiler = new RstToHtmlCompiler();
  const parsed = compiler.parse(text, QUIET);
  teachCompiler(compiler, parsed.root, { plain });
  const docPath = 'document';
  return compiler.generate({ basePath: '/', currentDocPath: docPath, docs: [{ docPath, parserOutput: parsed }] }, { ...QUIET, outputEnv: OUTPUT_ENVIRONMENT }).body;
}

/**
 * A reStructuredText file (`.rst`, `.rest`) as a document: `rst-compiler` (docutils' syntax in TypeScript, with
 * Sphinx's common directives) parses it and writes HTML, and the HTML parser reads that into the structured model:
 * section titles make sections, lists keep their lead-in, tables their header row, literal blocks stay code,
 * admonitions are notes, comments and the leading metadata field list are dropped. A file the compiler cannot lay out
 * as written (a list table with a missing cell, a link without its target) is read a second time plainly, every
 * directive for its content; only a file that fails that too is named and left out.
 */
export async function parseRst(input: { id: string; file: string; text: string; url?: string; title?: string }): Promise<Document> {
  const source = prepareRstSource(input.text);
  const marks = densestParagraphMarks(source);
  if (marks > MAX_INLINE_MARKS_PER_PARAGRAPH) {
    throw new UnreadableRstError(
      `a paragraph holds ${marks} inline markup characters (more than ${MAX_INLINE_MARKS_PER_PARAGRAPH}): the reader's time grows with the square of their number`,
    );
  }
  let html: string;
  try {
    html = await toHtml(source, false);
  } catch {
    try {
      html = await toHtml(source, true);
    } catch (error) {
      throw new UnreadableRstError(`not readable reStructuredText (${(error as Error).message.split('\n')[0]})`);
    }
  }
  // Braces left in the HTML are the author's: reStructuredText has no template syntax to reduce.
  const document = parseHtml({ id: input.id, file: input.file, html, ...(input.url ? { url: input.url } : {}), ...(input.title ? { title: input.title } : {}) }, { literal: true });
  if (document.text.trim() === '') throw new UnreadableRstError('the reStructuredText file holds no text');
  return document;
}
