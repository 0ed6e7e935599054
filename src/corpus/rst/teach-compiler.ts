import { escapeText } from 'entities';
import type { RstCompiler, RstDirective, RstGeneratorState, RstInterpretedText, RstNode } from 'rst-compiler';
import { roleText } from '../role-text.js';

/**
 * Directives that show none of the page's text: `toctree` lists other documents (navigation), `include` and
 * `literalinclude` pull in another file (a file in the folder is a document of its own; nothing else is read), Sphinx's
 * `auto…` directives import code to document it, and the rest set context for what follows (the current module or
 * program, the highlight language, an index entry, an author, a table's LaTeX columns).
 */
const LEFT_OUT = new Set([
  'toctree',
  'include',
  'literalinclude',
  'index',
  'program',
  'module',
  'currentmodule',
  'highlight',
  'sectionauthor',
  'codeauthor',
  'moduleauthor',
  'default-role',
  'default-domain',
  'tabularcolumns',
]);
const isLeftOut = (name: string) => LEFT_OUT.has(name) || name.startsWith('auto');

/** Sphinx's words for its version notes: `.. versionadded:: 2.1` reads "New in version 2.1: …", as the built page
 * shows it (a question asks "in which version…"). */
const VERSION_NOTES: Record<string, string> = {
  versionadded: 'New in version',
  versionchanged: 'Changed in version',
  deprecated: 'Deprecated since version',
  versionremoved: 'Removed in version',
};

/** Directives whose body is verbatim: read as code (a formula is written in TeX either way). */
const VERBATIM = new Set(['sourcecode', 'math']);


function* walk(node: RstNode): Generator<RstNode> {
  yield node;
  for (const child of node.children) yield* walk(child);
}

/** The text of a paragraph's inline content, as HTML. */
const inlineHtml = (state: RstGeneratorState, paragraph: RstNode) => state.getChildrenText(() => state.visitNodes(paragraph.children));

/** A version note: the label, the version, and its first words in one paragraph; the rest of it as written. The
 * compiler reads the directive's argument as the first line of its first paragraph. */
function versionNote(state: RstGeneratorState, node: RstDirective): void {
  const label = VERSION_NOTES[node.directive] ?? '';
  let rest = node.children;
  let version = '';
  let lead = '';
  if (rest[0]?.nodeType === 'Paragraph') {
    const [argument = '', ...more] = inlineHtml(state, rest[0]).split('\n');
    const [first = '', ...words] = argument.trim().split(/\s+/);
    version = first;
    lead = [words.join(' '), ...more].join(' ').trim();
    rest = rest.slice(1);
  }
  if (lead === '' && rest[0]?.nodeType === 'Paragraph') {
    lead = inlineHtml(state, rest[0]);
    rest = rest.slice(1);
  }
  const end = lead !== '' ? `: ${lead}` : rest.length > 0 ? ':' : '.';
  state.writeLineHtmlTag('p', node, () => state.writeText(`${escapeText(`${label} ${version}`.trim())}${end}`));
  state.visitNodes(rest);
}

/** A directive read for its content only: the children (its argument first, as the compiler parses it). */
function contentOnly(state: RstGeneratorState, node: RstDirective): void {
  state.writeLineHtmlTag('div', node, () => state.visitNodes(node.children));
}

/**
 * Teaches the compiler what one document uses beyond it, as a reader of the built page sees it: cross-reference roles
 * and any role it does not know read as their text (`role-text.ts`); directives it does not know keep their
 * content; version notes, formulas, rubrics and footnotes read as Sphinx words them; directives that show none of
 * the page's text are left out. The compiler otherwise stops at the first name it does not know, which would cost the
 * user the whole file. `plain` reads every directive for its content and every link as its text: the second reading
 * of a file whose first reading stopped (a table directive it cannot lay out, a link without its target).
 */
export function teachCompiler(compiler: RstCompiler, root: RstNode, options: { plain?: boolean } = {}): void {
  const knownDirectives = new Set([...compiler.directiveGenerators.values()].flatMap((generator) => generator.directives));
  const knownRoles = new Set([...compiler.interpretedTextGenerators.values()].flatMap((generator) => generator.roles));
  const directives = new Set<string>();
  const roles = new Set<string>();
  for (const node of walk(root)) {
    if (node.nodeType === 'Directive') directives.add((node as RstDirective).directive);
    if (node.nodeType === 'InterpretedText') roles.add((node as RstInterpretedText).role);
  }
  const leftOut = [...directives].filter(isLeftOut);
  if (leftOut.length > 0) compiler.useDirectiveGenerator({ directives: leftOut, generate: () => undefined });
  compiler.useDirectiveGenerator({ directives: Object.keys(VERSION_NOTES), generate: versionNote });
  compiler.useDirectiveGenerator({
    directives: [...VERBATIM],
    generate: (state: RstGeneratorState, node: RstDirective) => state.writeLine(`<pre class="code">${escapeText(node.rawBodyText)}</pre>`),
  });
  // A rubric is a heading outside the section tree: a paragraph that opens a new section would misplace the rest.
  compiler.useDirectiveGenerator({
    directives: ['rubric'],
    generate: (state: RstGeneratorState, node: RstDirective) =>
      state.writeLineHtmlTag('p', node, () => node.children.forEach((child) => state.writeText(inlineHtml(state, child)))),
  });
  const readForContent = [...directives].filter(
    (name) => !isLeftOut(name) && !(name in VERSION_NOTES) && !VERBATIM.has(name) && name !== 'rubric' && (options.plain || !knownDirectives.has(name)),
  );
  if (readForContent.length > 0) compiler.useDirectiveGenerator({ directives: readForContent, generate: contentOnly });
  const asWritten = [...roles].filter((role) => role !== 'ref' && role !== 'math' && (role === 'doc' || !knownRoles.has(role)));
  compiler.useInterpretedTextGenerator({
    roles: ['ref'],
    generate: (state: RstGeneratorState, node: RstInterpretedText) => state.writeText(escapeText(roleText(node.textContent, { labelWords: true }))),
  });
  compiler.useInterpretedTextGenerator({
    roles: ['math'],
    generate: (state: RstGeneratorState, node: RstInterpretedText) => state.writeText(escapeText(node.rawTextContent)),
  });
  if (asWritten.length > 0) {
    compiler.useInterpretedTextGenerator({
      roles: asWritten,
      generate: (state: RstGeneratorState, node: RstInterpretedText) => state.writeText(escapeText(roleText(node.textContent))),
    });
  }
  // A footnote is a definition, its label and its text; the compiler's back-links ("[1] [2]") are navigation.
  compiler.useNodeGenerator({
    nodeType: 'FootnoteDef',
    generate: (state: RstGeneratorState, node: RstNode) => {
      state.writeLineHtmlTag('dt', node, () => state.writeLine(escapeText(state.resolveFootnoteDefLabel(node as never))));
      state.writeLineHtmlTag('dd', null, () => state.visitNodes(node.children));
    },
  } as never);
  if (options.plain) {
    compiler.useNodeGenerator({
      nodeType: 'HyperlinkRef',
      generate: (state: RstGeneratorState, node: RstNode) => state.writeText(escapeText(roleText(node.textContent))),
    } as never);
  }
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
          state.writeText(escapeText(unresolved(node.textContent)));
        }
      },
    });
  }
}
