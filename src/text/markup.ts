import htmlTags from 'html-tags';

/** An HTML element's opening or closing tag (`<div class="…">`, `</p>`, `<br/>`). A plain-text document's `<SP>` or
 * `<pathname>` is not one: only the standard element names count. */
const TAG = new RegExp(`</?(?:${[...htmlTags].sort((a, b) => b.length - a.length).join('|')})(?=[\\s/>])`, 'gi');
/** Template syntax (`{% %}`, `{{ }}`, kramdown `{: }`), a Markdown link target, a code fence, a heading mark. */
const SYNTAX = /\{%|\{\{|\{:|\]\(|```|^\s{0,3}#{1,6}\s/m;

/**
 * Markup that must never reach a user inside a quote. With the document's source, markup the source shows as text
 * (a tag written `&lt;meta&gt;` in HTML, or anything inside a `code span` in Markdown: "the `<meta>` element", "field
 * names in double curly brackets, like `{{French}}`") is the document's words, not leaked markup.
 */
export function holdsMarkup(quote: string, source?: string): boolean {
  const found = [...quote.matchAll(TAG), ...quote.matchAll(new RegExp(SYNTAX.source, 'gm'))].map((match) => match[0].trim());
  return found.some((markup) => !source || !shownAsText(markup, source));
}

function shownAsText(markup: string, source: string): boolean {
  if (markup.startsWith('<') && source.includes(`&lt;${markup.slice(1)}`)) return true;
  // Inside a Markdown code span: a backtick before it on its line with no closing backtick between them.
  for (let at = source.indexOf(markup); at !== -1; at = source.indexOf(markup, at + 1)) {
    const lineStart = source.lastIndexOf('\n', at) + 1;
    if ((source.slice(lineStart, at).match(/`/g)?.length ?? 0) % 2 === 1) return true;
  }
  return false;
}
