/**
 * A reStructuredText file made ready for the compiler, read as docutils reads it: line endings normalised, tabs
 * expanded to the next multiple of eight columns (docutils' tab stops: an item or a block indented with a tab is
 * indented), and an explicit target name defined twice (`.. _setup:` in two places, which docutils only warns about)
 * renamed after its first definition, where the compiler would stop. A target's name is never text of the page.
 */
export function prepareRstSource(text: string): string {
  const seen = new Set<string>();
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => {
      const expanded = line.includes('\t') ? expandTabs(line) : line;
      const target = EXPLICIT_TARGET.exec(expanded);
      if (!target) return expanded;
      const name = normalisedName(target[2]!);
      if (!seen.has(name)) {
        seen.add(name);
        return expanded;
      }
      let copy = 2;
      while (seen.has(`${name}-${copy}`)) copy += 1;
      seen.add(`${name}-${copy}`);
      return `${target[1]}.. _${name}-${copy}:${target[3]}`;
    })
    .join('\n');
}

/** `.. _name:` or `` .. _`name with: colon`: `` with what follows (a URL for an external target). An anonymous
 * target (`.. __:`) has no name. */
const EXPLICIT_TARGET = /^(\s*)\.\. _(`[^`]+`|[^_:`\s][^:`]*):(.*)$/;

/** docutils' reference names: case and whitespace do not matter, backquotes are quoting. */
const normalisedName = (name: string) => name.replace(/^`|`$/g, '').trim().replace(/\s+/g, ' ').toLowerCase();

function expandTabs(line: string): string {
  let out = '';
  for (const char of line) out += char === '\t' ? ' '.repeat(8 - (out.length % 8)) : char;
  return out;
}
