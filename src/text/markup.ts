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
  // Escaped in the source: `\<title>` in Markdown, `{&#37; raw &#37;}` or `&#123;&#123;` in HTML.
  if (source.includes(`\\${markup}`) || [...source.matchAll(entityEscaped(markup))].some((match) => match[0].includes('&'))) return true;
  // Inside a Markdown code span (a backtick before it on its line with no closing backtick between them), or inside
  // an HTML `<code>`, `<kbd>`, `<samp>` or `<tt>` element opened before it on its line.
  for (let at = source.indexOf(markup); at !== -1; at = source.indexOf(markup, at + 1)) {
    const lineStart = source.lastIndexOf('\n', at) + 1;
    const before = source.slice(lineStart, at);
    if ((before.match(/`/g)?.length ?? 0) % 2 === 1) return true;
    const opened = Math.max(...['<code', '<kbd', '<samp', '<tt'].map((tag) => before.lastIndexOf(tag)));
    if (opened !== -1 && !/<\/(?:code|kbd|samp|tt)>/.test(before.slice(opened))) return true;
  }
  return false;
}

/** The markup with at least one character written as an HTML character reference (`&#37;`, `&#x7B;`, `&lbrace;`). */
function entityEscaped(markup: string): RegExp {
  const names: Record<string, string> = {
    '{': 'lbrace|lcub',
    '}': 'rbrace|rcub',
    '%': 'percnt',
    '<': 'lt',
    '[': 'lsqb|lbrack',
    ']': 'rsqb|rbrack',
    '(': 'lpar',
    '#': 'num',
    '`': 'grave',
  };
  const pieces = [...markup].map((char) => {
    const code = char.codePointAt(0)!;
    const escaped = char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return `(?:${escaped}|&#0*${code};|&#x0*${code.toString(16)};${names[char] ? `|&(?:${names[char]});` : ''})`;
  });
  return new RegExp(pieces.join(''), 'gi');
}
