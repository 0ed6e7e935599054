/**
 * Template and macro syntax that documentation sites leave in their source files, reduced to what a reader of the
 * rendered page sees. The rules are about the syntax families, never about one site's macro names:
 * - KumaScript-style macro calls `{{Name}}`, `{{Name("a")}}`, `{{Name("a", "b")}}`: a call without arguments
 *   renders chrome (a sidebar, a banner) and is removed; with one argument it renders that argument; when its second
 *   argument is display text (a string with a letter in it) the page shows that text instead of the first.
 * - Liquid / Jinja / Nunjucks tags `{% … %}` (a `{% comment %}…{% endcomment %}` with what it holds) and output tags
 *   `{{ variable }}` / `{{ page.title | filter }}` / Hugo shortcodes `{{< … >}}`: removed; they render site data,
 *   not prose the file states.
 * - kramdown inline attribute lists `{: .class}`, `{:#id}`, `{::options …}` and a trailing `{#id .class}` on a
 *   heading: removed.
 * - respec bibliography references `[[ISO-9241-3]]` / `[[!RFC2119]]`: reduced to the name.
 * - a Markdown link whose target is a template tag (`[the docs]({{ '/docs/' | relative_url }})`, `[x]({% link a.md %})`),
 *   which CommonMark does not read as a link: reduced to its text.
 * - attribute lists `{ .class }`, `{ #id .class key="value" }`, `{target=_blank}` (Python-Markdown, Pandoc): removed.
 * - icon shortcodes `:octicons-heart-fill-24:`, `:material-bug:`, `:fontawesome-brands-github:`: removed.
 */
export function cleanTemplateSyntax(text: string): string {
  if (!/[{[:]/.test(text)) return text;
  const cleaned = text
    .replace(/\[([^[\]]*)\]\(\s*\{[{%][^()\n]*?[%}]\}[^()\s]*\s*\)/g, '$1')
    .replace(ICON, '')
    .replace(/\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}/g, '')
    .replace(/\{%[\s\S]*?%\}/g, '')
    .replace(/\{\{([\s\S]*?)\}\}/g, (_whole, inner: string) => renderMacro(inner))
    .replace(/\{:[^{}\n]*\}/g, '')
    .replace(ATTRIBUTE_LIST, '')
    .replace(/\[\[!?([\w][\w.:-]*)\]\]/g, '$1');
  // A trailing heading id, found from its brace: a pattern opening with \s* rescanned every space of a long run.
  const id = /\{#[\w:.-]+(?:\s+[^{}\n]*)?\}\s*$/.exec(cleaned);
  return id ? cleaned.slice(0, id.index).trimEnd() : cleaned;
}

/** An icon or emoji shortcode of an icon set: a family and a name joined by hyphens between colons. */
const ICON = /(?<![\w:]):[a-z][a-z0-9]*(?:-[a-z0-9]+)+:(?![\w:])/g;
/** One attribute of an attribute list: `.class`, `#id` or `key=value`. */
const ATTRIBUTE = String.raw`(?:[.#][\w-]+|[\w-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s}]+))`;
/** An attribute list `{ .class #id key=value }`: only attributes between the braces. */
const ATTRIBUTE_LIST = new RegExp(String.raw`\s?\{\s*${ATTRIBUTE}(?:\s+${ATTRIBUTE})*\s*\}`, 'g');

/** What a macro call renders: see {@link cleanTemplateSyntax}. Anything that is not a call is an output tag. */
function renderMacro(inner: string): string {
  const call = /^\s*[A-Za-z_][\w.-]*\s*(?:\(([\s\S]*)\))?\s*$/.exec(inner);
  // `{{ page.title }}` is a variable, `{{Sidebar}}` a macro without arguments: neither renders prose of the file.
  if (!call || call[1] === undefined) return '';
  const args = macroArguments(call[1]);
  // A short name with one bare number cites a numbered document of a series (`{{rfc(7617)}}` → "RFC 7617").
  const series = /^\s*([A-Za-z]{2,3})\s*\(/.exec(inner)?.[1];
  if (series && args.length === 1 && !args[0]!.quoted && /^\d+$/.test(args[0]!.value)) return `${series.toUpperCase()} ${args[0]!.value}`;
  const display = args[1];
  if (display !== undefined && display.quoted && /\p{L}/u.test(display.value)) return display.value;
  return args[0]?.value ?? '';
}

/** Comma-separated arguments: quoted strings (either quote), numbers or bare words. */
function macroArguments(list: string): { value: string; quoted: boolean }[] {
  const args: { value: string; quoted: boolean }[] = [];
  const argument = /\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^,]*?))\s*(?:,|$)/gy;
  let match: RegExpExecArray | null;
  while (argument.lastIndex < list.length && (match = argument.exec(list)) !== null) {
    const quotedValue = match[1] ?? match[2];
    args.push(quotedValue !== undefined ? { value: quotedValue.replace(/\\(.)/g, '$1'), quoted: true } : { value: match[3]?.trim() ?? '', quoted: false });
    if (match[0] === '') break;
  }
  return args;
}

/** A piece of inline text; `verbatim` pieces (inline code) are shown as written, template syntax included. */
export interface TextRun {
  text: string;
  verbatim?: boolean;
}

/**
 * Joins the inline pieces of one paragraph, cell or item. Template syntax is cleaned over each stretch of prose as
 * a whole (a macro may straddle an emphasis or a link), but never inside inline code, which shows syntax as written.
 */
export function joinRuns(runs: TextRun[]): string {
  let text = '';
  let prose = '';
  for (const run of runs) {
    if (!run.verbatim) {
      prose += run.text;
      continue;
    }
    text += cleanTemplateSyntax(prose) + run.text;
    prose = '';
  }
  return text + cleanTemplateSyntax(prose);
}
