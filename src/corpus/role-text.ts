/**
 * How Sphinx and MyST show a role's text (`:ref:`, `{doc}`, `:func:`, an extension's `:issue:`): an explicit title
 * (`title <target>`) is shown; `~a.b.c` shows its last part; a leading `!` only suppresses the link. A bare
 * cross-reference label (`labelWords`, for `:ref:`) reads as its words ("absolute-and-relative-paths" → "absolute and
 * relative paths"), as Sphinx shows the title of the section it names; any other role's text is an identifier, a
 * path or a term and is shown as written (`read_file`, `http_proxy`). The target itself lies in another document, or
 * in a build this folder does not have.
 */
export function roleText(body: string, options: { labelWords?: boolean } = {}): string {
  const titled = /^([\s\S]*?)\s*<[^<>]*>$/.exec(body.trim());
  if (titled?.[1]) return titled[1];
  const target = body.trim().replace(/^!/, '');
  if (target.startsWith('~')) return target.slice(1).split('.').pop() ?? target;
  return options.labelWords && /^[a-z0-9]+(?:[-_][a-z0-9]+)+$/.test(target) ? target.replace(/[-_]/g, ' ') : target;
}
