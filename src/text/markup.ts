import htmlTags from 'html-tags';

/** An HTML element's opening or closing tag (`<div class="…">`, `</p>`, `<br/>`). A plain-text document's `<SP>` or
 * `<pathname>` is not one: only the standard element names count. */
const TAG = new RegExp(`</?(?:${[...htmlTags].sort((a, b) => b.length - a.length).join('|')})(?=[\\s/>])`, 'gi');
/** Template syntax (`{% %}`, `{{ }}`, kramdown `{: }`), a Markdown link target, a code fence, a heading mark. */
const SYNTAX = /\{%|\{\{|\{:|\]\(|```|^\s{0,3}#{1,6}\s/m;

/**
 * Markup that must never reach a user inside a quote. With the document's source, a tag the source shows as text
 * (written `&lt;meta&gt;` in HTML, or inside a `code span` in Markdown: "the `<meta>` element") is the document's
 * words, not leaked markup.
 */
export function holdsMarkup(quote: string, source?: string): boolean {
  if (SYNTAX.test(quote)) return true;
  for (const [tag] of quote.matchAll(TAG)) {
    if (!source || !shownAsText(tag, source)) return true;
  }
  return false;
}

function shownAsText(tag: string, source: string): boolean {
  const escaped = `&lt;${tag.slice(1)}`;
  if (source.includes(escaped)) return true;
  // Inside a Markdown code span: a backtick before the tag on its line with no closing backtick between them.
  for (let at = source.indexOf(tag); at !== -1; at = source.indexOf(tag, at + 1)) {
    const lineStart = source.lastIndexOf('\n', at) + 1;
    const before = source.slice(lineStart, at);
    if ((before.match(/`/g)?.length ?? 0) % 2 === 1) return true;
  }
  return false;
}
