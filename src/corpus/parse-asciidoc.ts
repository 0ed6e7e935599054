import type { Document } from '../domain/document.js';
import { parseHtml } from './parse-html.js';

/** Why an AsciiDoc file could not be read, in words the ingest output shows beside the file's name. */
export class UnreadableAsciidocError extends Error {}

/**
 * Attributes set for every file, over what the file sets itself: its title as an `<h1>` (a section the HTML parser
 * sees), and no generated table of contents (it repeats the headings).
 */
const ATTRIBUTES = { showtitle: '', 'toc!': '', 'sectanchors!': '', 'sectlinks!': '' };

/**
 * An `include::` directive line (Asciidoctor's own rule: a target without leading space, then `[…]`; `\include::` is
 * the author's text). It is left out before conversion: an included file in the folder is a document of its own, and
 * reading it into each includer would repeat its text and tie one document's index entry to another file's contents.
 * (Secure mode would write a link to the target in its place, inside a paragraph or a listing.)
 */
const INCLUDE_DIRECTIVE = /^include::[^\s[][^\n]*\[[^\n]*\]$/gm;

/**
 * A link whose macro name comes from an attribute (`{link-prefix}:{link-page}#anchor[the text]`, as Antora sites write
 * cross-references with attributes their playbook sets): Asciidoctor turns it into a link only when the attributes are
 * defined, and leaves the whole macro as text otherwise. A link is read as its text either way, so it is reduced to its
 * text before conversion, outside verbatim blocks (code is quoted as written). (`${…}` is a shell or template variable.)
 */
const ATTRIBUTE_LINK_MACRO = /(?<![$\w])\{[\w-]+\}:(?:\{[\w-]+\}|[^\s[\]{}])*\[([^\]\n]*)\]/g;
/** The delimiter lines of AsciiDoc's verbatim blocks: listing `----`, literal `....`, passthrough `++++`, fenced code. */
const VERBATIM_DELIMITER = /^(?:-{4,}|\.{4,}|\+{4,}|`{3}.*)$/;

/** The file's source with include directives left out and attribute-named links reduced, verbatim blocks untouched. */
function prepared(text: string): string {
  let inside: string | undefined;
  return text
    .replace(INCLUDE_DIRECTIVE, '')
    .split('\n')
    .map((line) => {
      const delimiter = VERBATIM_DELIMITER.exec(line)?.[0];
      if (delimiter !== undefined) {
        // A block ends at the same delimiter it opened with (a fence at any closing ```).
        const kind = delimiter.startsWith('```') ? '```' : delimiter;
        if (inside === undefined) inside = kind;
        else if (inside === kind) inside = undefined;
        return line;
      }
      return inside === undefined ? line.replace(ATTRIBUTE_LINK_MACRO, '$1') : line;
    })
    .join('\n');
}

let asciidoctor: Promise<typeof import('@asciidoctor/core')> | undefined;

/** The converter, loaded on first use (a folder without AsciiDoc never loads it), its logger silenced once: its
 * warnings ("section title out of sequence") name no file and would interleave with ingest's output, and the document
 * is read as the converter reads it either way. */
function loadAsciidoctor(): Promise<typeof import('@asciidoctor/core')> {
  asciidoctor ??= import('@asciidoctor/core').then((module) => {
    module.LoggerManager.setLogger(module.NullLogger.create());
    return module;
  });
  return asciidoctor;
}

/**
 * An AsciiDoc file (`.adoc`, `.asciidoc`) as a document: Asciidoctor (`@asciidoctor/core`, the reference
 * implementation in JavaScript) converts it to HTML in secure mode (no file read beyond it, nothing fetched; attribute
 * references resolved, conditionals applied, comments dropped), and the HTML parser reads that into the structured
 * model: `=` titles make sections, lists keep their lead-in, tables their header row, source blocks stay code,
 * admonitions are notes.
 */
export async function parseAsciidoc(input: {
  id: string;
  file: string;
  text: string;
  url?: string;
  title?: string;
  /** Attributes the file's project sets outside it (`asciidoc-project.ts`); ours above win over them. */
  attributes?: Record<string, string | false>;
}): Promise<Document> {
  const { load } = await loadAsciidoctor();
  let html: string;
  let docTitle: string | undefined;
  try {
    const document = await load(prepared(input.text), { safe: 'secure', attributes: { ...input.attributes, ...ATTRIBUTES } });
    const title: unknown = document.getDocumentTitle({ sanitize: true });
    docTitle = typeof title === 'string' && title.trim() !== '' ? title.trim() : undefined;
    html = await document.convert();
  } catch (error) {
    throw new UnreadableAsciidocError(`not readable AsciiDoc (${(error as Error).message.split('\n')[0]})`);
  }
  const title = input.title ?? docTitle;
  // Braces left in the HTML are the author's (an attribute the file never defines stays "{name}", as Asciidoctor
  // shows it): no site generator's template syntax to reduce.
  const document = parseHtml({ id: input.id, file: input.file, html, ...(input.url ? { url: input.url } : {}), ...(title ? { title } : {}) }, { literal: true });
  if (document.text.trim() === '') throw new UnreadableAsciidocError('the AsciiDoc file holds no text');
  return document;
}
