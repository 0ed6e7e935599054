/** A fence line of CommonMark code (``` or ~~~) or of a container (:::, as MyST and Docusaurus write them), indented
 * at most three columns as CommonMark allows: its marks and what follows them. */
export const FENCE_LINE = /^\s{0,3}(`{3,}|~{3,}|:{3,})(.*)$/;

/** A fence longer than any run of backticks in `text`, so the text cannot close it. */
export function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  return '`'.repeat(longest + 1);
}

/**
 * A piece of Markdown (a notebook cell) with every fence and HTML comment it opens closed at its end: Jupyter renders
 * each cell on its own, so a fence the author left open (a MyST `{admonition}` never closed) or an unclosed `<!--`
 * ends with its cell, where in the joined notebook it would swallow every cell after it.
 */
export function closeOpenFences(source: string): string {
  const open: { marks: string; code: boolean }[] = [];
  let inComment = false;
  for (const line of source.split('\n')) {
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    const fence = FENCE_LINE.exec(line);
    if (!fence) {
      // An HTML comment opened outside code and not closed on its line.
      if (!open.at(-1)?.code && line.lastIndexOf('<!--') > line.lastIndexOf('-->')) inComment = true;
      continue;
    }
    const [, marks, rest] = fence as unknown as [string, string, string];
    const top = open.at(-1);
    if (top && marks[0] === top.marks[0] && marks.length >= top.marks.length && rest.trim() === '') open.pop();
    // Inside code a fence line is code; a directive (```{note}) or a container (:::) may hold other fences.
    else if (!top?.code) open.push({ marks, code: marks[0] !== ':' && !/^\s*\{/.test(rest) });
  }
  const closers = [...(inComment ? ['-->'] : []), ...open.map((each) => each.marks).reverse()];
  return closers.length === 0 ? source : `${source}\n${closers.join('\n')}`;
}
