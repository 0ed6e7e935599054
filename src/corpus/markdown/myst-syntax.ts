import { roleText } from '../role-text.js';
import { fenceFor } from './fences.js';

/**
 * MyST Markdown (Jupyter Book, MyST-NB, Sphinx with myst-parser) extends CommonMark with directives, roles, targets
 * and comments that CommonMark reads as code or prose. Before the Markdown parser runs they are rewritten into the
 * CommonMark a reader of the built page sees:
 * - directive fences ```` ```{name} argument ```` or `:::{name} argument` … (their `:option: value` lines or
 *   `---` option block left out): an admonition (`{note}`, `{warning}`, `{admonition} Title`, `{dropdown} Title`, …) is
 *   a callout `> [!note] Title`; a code directive (`{code-cell} python`, `{code-block}`) is fenced code; a directive
 *   that shows no text of the file (`{image}`, `{toctree}`, `{include}`, `{bibliography}`, …) is left out; a
 *   directive that holds prose (`{figure}`'s caption, `{tab-item}`, `{list-table}`) keeps its content as text; any other
 *   backtick fence (R Markdown's and Quarto's ```` ```{r} ````, `{mermaid}`, `{eval-rst}`) is code, as written;
 * - roles `` {name}`content` `` outside inline code: the text the built page shows (`roleText`), `{math}` its formula;
 * - target lines `(label)=`, and comment lines `% …` after a blank line in a file that uses MyST (elsewhere a line
 *   starting with "%" is prose: "… grew by 12\n% a year", a Pandoc title block): left out.
 * Ordinary fenced code is copied through as written.
 */
export function rewriteMystSyntax(source: string): string {
  if (!MYST_SIGNS.test(source)) return source;
  return rewrite(source.split('\n'), 0).join('\n');
}

/** What only MyST writes: a directive fence, a role, a target. A file without one is returned as it is (most Markdown
 * files), so its `%` lines and braces stay prose. */
const MYST_SIGNS = /^\s{0,3}(?:`{3,}|~{3,}|:{3,})\s*\{[A-Za-z]|(?<!`)\{[A-Za-z][\w:.+-]*\}`[^`\n]|^\s{0,3}\([\w:.-]+\)=\s*$/m;

/** A directive's opening fence: its indent, fence, name (options inside the braces, as mystmd allows, aside) and
 * argument. */
const DIRECTIVE = /^(\s{0,3})(`{3,}|~{3,}|:{3,})\s*\{([A-Za-z][\w:.+-]*)(?:\s[^{}\n]*)?\}[ \t]*(.*?)\s*$/;
const FENCE = /^(\s{0,3})(`{3,}|~{3,})/;
const TARGET = /^\s{0,3}\([\w:.-]+\)=\s*$/;
/** A comment line: `%` at the start of the line, as MyST reads it (only after a blank line: see above). */
const COMMENT = /^%/;
/** A role, or an inline code span, which shows a role's syntax as written (`` `{note}` ``) and is skipped. */
const ROLE_OR_CODE = /\{([A-Za-z][\w:.+-]*)\}`([^`\n]+)`|(`+)[^`\n]*?\3/g;
const OPTION = /^\s*:[\w-]+:(?:\s.*)?$/;

/** Directives that render a note box: their body is a callout, labelled with the argument where it is a title. */
const ADMONITION = /^(note|tip|hint|important|warning|caution|attention|danger|error|seealso|admonition|dropdown|margin|sidebar|aside|tab-item|card)$/;
/** Admonitions whose argument is the box's title rather than part of its body. */
const TITLED = /^(admonition|dropdown|margin|sidebar|aside|tab-item|card)$/;
/** Directives whose body is code: fenced code, the argument its language. */
const CODE = /^(code|code-block|code-cell|sourcecode|ipython|jupyter-execute|math)$/;
/** Directives that hold prose: a figure's caption, a tab or card, a table written as a list, a glossary, a proof. */
const CONTENT =
  /^(figure|table|list-table|csv-table|glossary|topic|epigraph|pull-quote|highlights|div|container|tab-set|grid|grid-item|grid-item-card|only|rubric|versionadded|versionchanged|deprecated|exercise|solution|proof|theorem|lemma|definition|example|prf:[\w-]+)$/;
/** Directives that show no text of the file: a picture, navigation, another file, a generated list. */
const LEFT_OUT = /^(image|toctree|include|literalinclude|bibliography|tableofcontents|contents|raw|iframe|video|glossary-index|index)$/;

/** How deep directives nest before the rest is left as written (real pages nest two or three). */
const MAX_DEPTH = 8;

function rewrite(lines: string[], depth: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const directive = depth < MAX_DEPTH ? DIRECTIVE.exec(line) : null;
    if (directive) {
      const [, , fence, name, argument] = directive as unknown as [string, string, string, string, string];
      const close = new RegExp(`^\\s{0,3}${fence[0] === ':' ? ':' : fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
      let end = i + 1;
      while (end < lines.length && !close.test(lines[end]!)) end += 1;
      out.push(...directiveLines(name.toLowerCase(), argument, withoutOptions(lines.slice(i + 1, end)), depth, fence[0] !== ':'), '');
      i = end + 1;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const close = new RegExp(`^\\s{0,3}${fence[2]![0] === '`' ? '`' : '~'}{${fence[2]!.length},}\\s*$`);
      out.push(line);
      i += 1;
      while (i < lines.length && !close.test(lines[i]!)) out.push(lines[i++]!);
      if (i < lines.length) out.push(lines[i++]!);
      continue;
    }
    if (TARGET.test(line) || (COMMENT.test(line) && (i === 0 || lines[i - 1]!.trim() === ''))) {
      i += 1;
      continue;
    }
    out.push(line.includes('}`') ? line.replace(ROLE_OR_CODE, (whole, role?: string, content?: string) => (role === undefined ? whole : role === 'math' ? content! : roleText(content!, { labelWords: role === 'ref' }))) : line);
    i += 1;
  }
  return out;
}

/** A directive's body without its options: leading `:key: value` lines, or a leading `---` … `---` block. */
function withoutOptions(body: string[]): string[] {
  if (body[0]?.trim() === '---') {
    const end = body.findIndex((line, index) => index > 0 && line.trim() === '---');
    if (end > 0) return body.slice(end + 1);
  }
  let start = 0;
  while (start < body.length && OPTION.test(body[start]!)) start += 1;
  return body.slice(start);
}

function directiveLines(name: string, argument: string, body: string[], depth: number, backtickFence: boolean): string[] {
  if (LEFT_OUT.test(name)) return [];
  const isAdmonition = ADMONITION.test(name);
  // A backtick fence naming no directive that holds prose is code: MyST's code directives, a language (R Markdown,
  // Quarto), a diagram or another markup's source.
  if (CODE.test(name) || (backtickFence && !isAdmonition && !CONTENT.test(name))) {
    const language = /^[\w+.-]+$/.test(argument) ? argument : CODE.test(name) ? (name === 'math' ? 'math' : '') : name;
    const fence = `${fenceFor(body.join('\n'))}\``;
    return [fence + language, ...body, fence];
  }
  const inner = rewrite(body, depth + 1);
  if (isAdmonition) {
    const kind = TITLED.test(name) || name === 'seealso' ? 'note' : name;
    const title = TITLED.test(name) ? argument : name === 'seealso' ? 'See also' : '';
    // An admonition's argument that is not a title is the first words of its body (`{note} Keep a copy.`).
    const lines = !TITLED.test(name) && argument ? [argument, ...inner] : inner;
    return [`> [!${kind}]${title ? ` ${title}` : ''}`, '>', ...lines.map((each) => (each.trim() === '' ? '>' : `> ${each}`))];
  }
  // A directive holding prose keeps it: a figure's caption (its argument, a picture's path, is not text), a tab's body.
  return argument && !IMAGE_PATH.test(argument) ? ['', argument, '', ...inner] : inner;
}

/** A picture's path, a figure directive's argument: not text of the page. */
const IMAGE_PATH = /^[\w./-]+\.(?:png|jpe?g|gif|svg|webp)$/i;
