/**
 * Markup that must never reach a user inside a quote: an HTML tag, template syntax (`{% %}`, `{{ }}`, kramdown
 * `{: }`), a Markdown link target, a code fence, or a heading mark at the start of a line.
 */
const MARKUP = /<\/?[a-z][a-z0-9-]*(?:\s|>|\/)|\{%|\{\{|\{:|\]\(|```|^\s{0,3}#{1,6}\s/im;

export function holdsMarkup(text: string): boolean {
  return MARKUP.test(text);
}
