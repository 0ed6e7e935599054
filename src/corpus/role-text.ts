/**
 * How Sphinx and MyST show a cross-reference or other role's text (`:ref:`, `{doc}`, `:func:`, an extension's
 * `:issue:`): an explicit title (`title <target>`) is shown; `~a.b.c` shows its last part; a leading `!` only
 * suppresses the link; a bare label reads as its words ("absolute-and-relative-paths"). The target itself lies in
 * another document, or in a build this folder does not have.
 */
export function roleText(body: string): string {
  const titled = /^([\s\S]*?)\s*<[^<>]*>$/.exec(body.trim());
  if (titled?.[1]) return titled[1];
  const target = body.trim().replace(/^!/, '');
  if (target.startsWith('~')) return target.slice(1).split('.').pop() ?? target;
  return /^[a-z0-9]+(?:[-_][a-z0-9]+)+$/.test(target) ? target.replace(/[-_]/g, ' ') : target;
}
