import type { RstCompiler, RstDirective, RstGeneratorState, RstInterpretedText, RstNode } from 'rst-compiler';
import type { Document } from '../domain/document.js';
import { parseHtml } from './parse-html.js';
import { roleText } from './role-text.js';

/** Why a reStructuredText file could not be read, in words the ingest output shows beside the file's name. */
export class UnreadableRstError extends Error {}

/**
 * Directives whose content is not the page's text: `toctree` lists other documents (navigation), `include` and
 * `literalinclude` pull in another file (a file in the folder is a document of its own; nothing else is read), and
 * Sphinx's `auto…` directives import code to document it. They are left out.
 */
const LEFT_OUT_DIRECTIVES = ['toctree', 'include', 'literalinclude', 'automodule', 'autoclass', 'autofunction', 'autodata', 'automethod'];

/**
 * Sphinx builds for HTML: `.. only:: html` content is the page's, `.. only:: latex` is not (`outputEnv` of the
 * compiler's `only` directive).
 */
const OUTPUT_ENVIRONMENT = { html: true };

/** The compiler's warnings name no file and would interleave with ingest's output; what it cannot read, it says by
 * throwing, and the file is named with that reason. */
const QUIET = { disableWarnings: true, disableErrors: true };

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Sphinx's words for its version notes: `.. versionadded:: 2.1` reads "New in version 2.1: …", as the built page
 * shows it (a question asks "in which version…"). */
const VERSION_NOTES: Record<string, string> = {
  versionadded: 'New in version',
  versionchanged: 'Changed in version',
  deprecated: 'Deprecated since version',
  versionremoved: 'Removed in version',
};

function* walk(node: RstNode): Generator<RstNode> {
  yield node;
  for (const child of node.children) yield* walk(child);
}

/**
 * Teaches the compiler what one document uses beyond it: its cross-reference roles and any role or directive it does
 * not know (Sphinx's and extensions': `versionadded`, `seealso`, `:issue:`…) are read for their text and content,
 * as a reader of the built page sees them; navigation and includes are left out. The compiler otherwise stops at
 * the first unknown name, which would cost the user the whole file.
 */
function teach(compiler: RstCompiler, root: RstNode): void {
  const knownDirectives = new Set([...compiler.directiveGenerators.values()].flatMap((generator) => generator.directives));
  const knownRoles = new Set([...compiler.interpretedTextGenerators.values()].flatMap((generator) => generator.roles));
  const directives = new Set<string>();
  const roles = new Set<string>();
  for (const node of walk(root)) {
    if (node.nodeType === 'Directive') directives.add((node as RstDirective).directive);
    if (node.nodeType === 'InterpretedText') roles.add((node as RstInterpretedText).role);
  }
  compiler.useDirectiveGenerator({ directives: LEFT_OUT_DIRECTIVES, generate: () => undefined });
  compiler.useDirectiveGenerator({
    directives: Object.keys(VERSION_NOTES),
    generate: (state: RstGeneratorState, node: RstDirective) => {
      // The compiler reads the directive's argument (the version) as the first line of its first paragraph: the label,
      // the version and the note's first words make one paragraph, the rest follows as written.
      const paragraphs = node.children.filter((child) => child.nodeType === 'Paragraph');
      if (paragraphs.length !== node.children.length || paragraphs.length === 0) {
        state.writeLineHtmlTag('div', node, () => state.visitNodes(node.children));
        return;
      }
      const html = (paragraph: RstNode) => state.getChildrenText(() => state.visitNodes(paragraph.children));
      const [version = '', ...words] = html(paragraphs[0]!).split('\n');
      let rest = paragraphs.slice(1);
      let note = words.join(' ');
      if (note.trim() === '' && rest.length > 0) [note, rest] = [html(rest[0]!), rest.slice(1)];
      state.writeLineHtmlTag('p', node, () => state.writeText(`${VERSION_NOTES[node.directive] ?? ''} ${version.trim()}: ${note}`));
      state.visitNodes(rest);
    },
  });
  const unknownDirectives = [...directives].filter((name) => !knownDirectives.has(name) && !LEFT_OUT_DIRECTIVES.includes(name) && !(name in VERSION_NOTES));
  if (unknownDirectives.length > 0) {
    compiler.useDirectiveGenerator({
      directives: unknownDirectives,
      generate: (state: RstGeneratorState, node: RstDirective) => state.writeLineHtmlTag('div', node, () => state.visitNodes(node.children)),
    });
  }
  const referenceRoles = ['ref', 'doc', ...[...roles].filter((role) => !knownRoles.has(role))];
  compiler.useInterpretedTextGenerator({
    roles: referenceRoles,
    generate: (state: RstGeneratorState, node: RstInterpretedText) => state.writeText(escapeHtml(roleText(node.textContent))),
  });
  // A substitution the file does not define (Sphinx's |version|, or one from the build's prolog) reads as written, as
  // docutils shows it, and a footnote or citation mark without its note is left out, where the compiler would stop.
  for (const [nodeType, unresolved] of [
    ['SubstitutionRef', (text: string) => `|${text}|`],
    ['FootnoteRef', () => ''],
    ['CitationRef', () => ''],
  ] as const) {
    const generator = compiler.nodeGenerators.get(nodeType);
    if (!generator) continue;
    compiler.useNodeGenerator({
      nodeType,
      generate: (state: RstGeneratorState, node: RstNode) => {
        // Each of these generators resolves its target before it writes anything.
        try {
          generator.generate(state, node as never);
        } catch {
          state.writeText(escapeHtml(unresolved(node.textContent)));
        }
      },
    });
  }
}

/**
 * The most inline-markup openers (`*`, a backquote, `|`, `[`) one paragraph may hold. The compiler's time and memory
 * grow with the square of their number in a paragraph (10,000: 3 s and 370 MB; 50,000: out of memory after two
 * minutes), while prose holds a few dozen; 2,000 costs about 0.3 s. A file beyond it is named and skipped, not
 * allowed to stall or crash the ingest.
 */
export const MAX_INLINE_MARKS_PER_PARAGRAPH = 2000;

/** The number of inline-markup openers in the file's densest paragraph (lines between blank lines). */
function densestParagraphMarks(text: string): number {
  let densest = 0;
  for (const paragraph of text.split(/\n[ \t]*\n/)) {
    let marks = 0;
    for (const char of paragraph) if (char === '*' || char === '`' || char === '|' || char === '[') marks += 1;
    densest = Math.max(densest, marks);
  }
  return densest;
}

let compilerModule: Promise<typeof import('rst-compiler')> | undefined;

/**
 * A reStructuredText file (`.rst`, `.rest`) as a document: `rst-compiler` (docutils' syntax in TypeScript, with
 * Sphinx's common directives) parses it and writes HTML, and the HTML parser reads that into the structured model:
 * section titles make sections, lists keep their lead-in, tables their header row, literal blocks stay code,
 * admonitions are notes, comments are dropped.
 */
export async function parseRst(input: { id: string; file: string; text: string; url?: string; title?: string }): Promise<Document> {
  const { RstToHtmlCompiler } = await (compilerModule ??= import('rst-compiler'));
  const marks = densestParagraphMarks(input.text);
  if (marks > MAX_INLINE_MARKS_PER_PARAGRAPH) {
    throw new UnreadableRstError(`a paragraph holds ${marks} inline markup characters (more than ${MAX_INLINE_MARKS_PER_PARAGRAPH}): the reader's time grows with the square of their number`);
  }
  let html: string;
  try {
    const compiler = new RstToHtmlCompiler();
    const parsed = compiler.parse(input.text, QUIET);
    teach(compiler, parsed.root);
    const docPath = 'document';
    html = compiler.generate(
      { basePath: '/', currentDocPath: docPath, docs: [{ docPath, parserOutput: parsed }] },
      { ...QUIET, outputEnv: OUTPUT_ENVIRONMENT },
    ).body;
  } catch (error) {
    throw new UnreadableRstError(`not readable reStructuredText (${(error as Error).message.split('\n')[0]})`);
  }
  // Braces left in the HTML are the author's: reStructuredText has no template syntax to reduce.
  const document = parseHtml({ id: input.id, file: input.file, html, ...(input.url ? { url: input.url } : {}), ...(input.title ? { title: input.title } : {}) }, { literal: true });
  if (document.text.trim() === '') throw new UnreadableRstError('the reStructuredText file holds no text');
  return document;
}
