import type { Document } from '../domain/document.js';
import { parseHtml } from './parse-html.js';

/** Why an AsciiDoc file could not be read, in words the ingest output shows beside the file's name. */
export class UnreadableAsciidocError extends Error {}

/**
 * Attributes set for every file, over what the file sets itself: its title as an `<h1>` (a section the HTML parser
 * sees), no generated table of contents (it repeats the headings), and `include::` left as the link secure mode makes
 * of it (removed below): the included file is a document of its own when it is in the folder, and reading it into
 * each includer would repeat its text and tie one document's index entry to another file's contents.
 */
const ATTRIBUTES = { showtitle: '', 'toc!': '', 'sectanchors!': '', 'sectlinks!': '' };

/** The link Asciidoctor writes, in secure mode, where an `include::` directive stood: a path, not the author's text. */
const INCLUDE_LINK = /<div class="paragraph">\s*<p><a href="[^"]*" class="bare include">[^<]*<\/a><\/p>\s*<\/div>/g;

/**
 * A link whose macro name comes from an attribute (`{link-prefix}:{link-page}#anchor[the text]`, as Antora sites write
 * cross-references with attributes their playbook sets): Asciidoctor turns it into a link only when the attributes are
 * defined, and leaves the whole macro as text otherwise. A link is read as its text either way, so it is reduced to its
 * text before conversion. (`${…}` is a shell or template variable in code, not an attribute.)
 */
const ATTRIBUTE_LINK_MACRO = /(?<![$\w])\{[\w-]+\}:(?:\{[\w-]+\}|[^\s[\]{}])*\[([^\]\n]*)\]/g;

/**
 * An AsciiDoc file (`.adoc`, `.asciidoc`, `.asc`) as a document: Asciidoctor (`@asciidoctor/core`, the reference
 * implementation in JavaScript) converts it to HTML in secure mode (no file read beyond it, nothing fetched; attribute
 * references resolved, conditionals applied, comments dropped), and the HTML parser reads that into the structured
 * model: `=` titles make sections, lists keep their lead-in, tables their header row, source blocks stay code,
 * admonitions are notes.
 */
export async function parseAsciidoc(input: { id: string; file: string; text: string; url?: string; title?: string }): Promise<Document> {
  const { load } = await import('@asciidoctor/core');
  let html: string;
  let docTitle: string | undefined;
  try {
    const document = await load(input.text.replace(ATTRIBUTE_LINK_MACRO, '$1'), { safe: 'secure', attributes: ATTRIBUTES });
    const title: unknown = document.getDocumentTitle({ sanitize: true });
    docTitle = typeof title === 'string' && title.trim() !== '' ? title.trim() : undefined;
    html = (await document.convert()).replace(INCLUDE_LINK, '');
  } catch (error) {
    throw new UnreadableAsciidocError(`not readable AsciiDoc (${(error as Error).message.split('\n')[0]})`);
  }
  const title = input.title ?? docTitle;
  // Braces left in the HTML are the author's (an attribute the file never defines stays "{name}", as Asciidoctor
  // shows it): no site generator's template syntax to reduce.
  return parseHtml({ id: input.id, file: input.file, html, ...(input.url ? { url: input.url } : {}), ...(title ? { title } : {}) }, { literal: true });
}
