/**
 * Documentation generators extend Markdown with block syntax that CommonMark reads as prose: admonitions, content
 * tabs, MDX module lines and comments, template containers and code tags. Before the Markdown parser runs, each such
 * block is rewritten into the CommonMark a reader of the rendered page would see, by syntax family (never by one
 * site's names):
 * - container fences `:::note Title` / `:::tip[Title]` … `:::` (Docusaurus, VuePress, VitePress, remark-directive;
 *   more colons nest) and indented admonitions `!!! note "Title"`, `??? tip`, `???+ info` (Python-Markdown, MkDocs)
 *   and content tabs `=== "Tab"`: a callout blockquote `> [!note] Title` whose body is the block's body, so the
 *   renderer labels the body with the title (or the kind);
 * - template containers on lines of their own, GitBook / Liquid `{% hint style="info" %}` … `{% endhint %}`,
 *   `{% tab title="…" %}`, Hugo `{{% notice note %}}` … `{{% /notice %}}`, `{{< callout type="…" >}}`: the same
 *   callout; code containers `{% highlight ruby %}`, `{{< highlight go >}}`, `{{< code-toggle >}}`: a fenced code block;
 * - MDX: `import … from '…'` / `export …` blocks and `{/* comments *\/}` are dropped (JSX tags are HTML to the
 *   Markdown parser and reduced to their text by the HTML renderer);
 * - `{% raw %}` / `{% endraw %}` markers, Hugo's escaped shortcodes `{{</* x *\/>}}` (shown as `{{< x >}}`) and
 *   snippet includes (`--8<-- "file.md"` lines) are reduced to what the page shows.
 * Fenced code is left as written, apart from the raw markers and escaped shortcodes, which the page never shows.
 */
export function rewriteSiteSyntax(source: string): string {
  if (!SITE_SYNTAX_HINT.test(source)) return source;
  // YAML front matter is metadata, read as written.
  const frontMatter = /^---\n[\s\S]*?\n---[ \t]*(?:\n|$)/.exec(source)?.[0] ?? '';
  return frontMatter + rewriteLines(source.slice(frontMatter.length).split('\n')).join('\n');
}

/** A cheap test that a file uses any of the syntax below: most files use none and are returned as they are. */
const SITE_SYNTAX_HINT = /\]\(\s*\{[{%]|^\s*(?::::|!!!|\?\?\?|===\s*["']|import\s|export\s|\{%|\{\{[<%]|-{2,}8<-{2,})|\{\/\*|\{%-?\s*(?:end)?raw|\{\{[<%]\/\*/m;

/** Kinds of note a template container may name ("notice warning", `type="tip"`). */
const NOTE_KINDS = /^(note|notice|tip|hint|info|information|important|warning|warn|caution|danger|error|success|check|example|abstract|summary|quote|question|faq|bug|failure|attention|callout|admonition|alert|aside|tab)$/i;
/** Template containers that hold prose under a label. */
const CONTAINER_NAMES = /^(hint|callout|notice|admonition|alert|note|tip|info|warning|caution|danger|important|tab|details|expand|collapse|accordion|panel)$/i;
/** Template tags whose body is code. */
const CODE_NAMES = /^(highlight|code|codeblock|code-block|code-toggle|code-tabs|syntax|prism)$/i;

/** How deep containers nest before the rest is left as text (real pages nest two or three). */
const MAX_DEPTH = 8;
/** How far a template container's closing tag is looked for: an unclosed tag is then text, found in linear time. */
const MAX_CONTAINER_LINES = 500;

const FENCE = /^(\s*)(`{3,}|~{3,})/;
const COLON_FENCE = /^\s{0,3}(:{3,})\s*([A-Za-z][\w-]*)?\s*(?:\[([^\]]*)\])?\s*(.*?)\s*$/;
const INDENTED_ADMONITION = /^(\s*)(!!!|\?\?\?\+?)\s+([\w-]+)(?:\s+[\w-]+)*\s*(?:"([^"]*)"|'([^']*)')?\s*$/;
const CONTENT_TAB = /^(\s*)===\+?\s+(?:"([^"]*)"|'([^']*)')\s*$/;
/** A Liquid / GitBook tag `{% name args %}` or a Hugo shortcode `{{< name args >}}` / `{{% name args %}}` alone on its line. */
const TEMPLATE_OPEN = /^\s*(?:\{%-?\s*([\w-]+)\b(.*?)-?%\}|\{\{([<%])\s*([\w-]+)\b(.*?)\s*[>%]\}\})\s*$/;
const MDX_ESM = /^(?:import\s+(?:['"]|[\w*{][\s\S]*?\bfrom\s+['"])|export\s+(?:const|let|var|default|function|async|class|\{|\*))/;
const STANDALONE_TAG = /^\s*(?:\{%[^%]*%\}|\{\{[<%][\s\S]*?[>%]\}\})\s*$/;
const SNIPPET = /^\s*;?-{2,}8<-{2,}(?:\s+("[^"]*"|'[^']*'|\S+))?\s*$/;

function rewriteLines(lines: string[], depth = 0): string[] {
  const out: string[] = [];
  let i = 0;
  let previousBlank = true;
  while (i < lines.length) {
    const line = lines[i]!;
    // Fenced code: copied through (raw markers and escaped shortcodes reduced), never rewritten.
    const fence = FENCE.exec(line);
    if (fence) {
      const close = new RegExp(`^\\s*${fence[2]![0] === '`' ? '`' : '~'}{${fence[2]!.length},}\\s*$`);
      out.push(line);
      i += 1;
      while (i < lines.length && !close.test(lines[i]!)) out.push(codeLine(lines[i++]!));
      if (i < lines.length) out.push(lines[i++]!);
      previousBlank = false;
      continue;
    }
    const block = rewriteBlock(lines, i, previousBlank, depth);
    if (block) {
      out.push(...block.lines);
      i = block.next;
      previousBlank = true;
      continue;
    }
    // A template tag alone on its line (`{% tabs %}`, `{{< /tabs >}}`, `{% include x.html %}`) renders no prose and
    // separates blocks like a blank line.
    const cleaned = STANDALONE_TAG.test(line) ? '' : inlineLine(line);
    if (cleaned !== undefined) out.push(cleaned);
    previousBlank = line.trim() === '' || cleaned === '';
    i += 1;
  }
  return out;
}

/** A block that starts at line `i` (after a blank line or at the start), rewritten, and the line after it. */
function rewriteBlock(lines: string[], i: number, afterBlank: boolean, depth: number): { lines: string[]; next: number } | undefined {
  const line = lines[i]!;
  // MDX module lines: the statement runs to the next blank line.
  if (afterBlank && MDX_ESM.test(line)) {
    let end = i;
    while (end < lines.length && lines[end]!.trim() !== '') end += 1;
    return { lines: [], next: end };
  }
  // `{/* … */}` may span lines.
  if (/^\s*\{\/\*/.test(line)) {
    let end = i;
    while (end < lines.length && !/\*\/\s*\}/.test(lines[end]!)) end += 1;
    const rest = (lines[end] ?? '').replace(/^[\s\S]*?\*\/\s*\}/, '');
    return { lines: rest.trim() ? [rest] : [], next: end + 1 };
  }
  // Containers nest at most MAX_DEPTH deep: deeper ones are left as text rather than recursing without bound.
  if (depth >= MAX_DEPTH) return undefined;
  const colon = COLON_FENCE.exec(line);
  if (colon && colon[2]) {
    const colons = colon[1]!.length;
    const close = new RegExp(`^\\s{0,3}:{${colons}}\\s*$`);
    let end = i + 1;
    let inFence: RegExp | undefined;
    let nested = 0;
    while (end < lines.length) {
      const fence = FENCE.exec(lines[end]!);
      const inner = COLON_FENCE.exec(lines[end]!);
      if (inFence) {
        if (inFence.test(lines[end]!)) inFence = undefined;
      } else if (fence) inFence = new RegExp(`^\\s*${fence[2]![0] === '`' ? '`' : '~'}{${fence[2]!.length},}\\s*$`);
      else if (inner?.[2] && inner[1]!.length === colons) nested += 1;
      else if (close.test(lines[end]!)) {
        if (nested === 0) break;
        nested -= 1;
      }
      end += 1;
    }
    const title = (colon[3] ?? colon[4] ?? '').replace(/\{[^}]*\}\s*$/, '').trim();
    return { lines: callout(colon[2], title, lines.slice(i + 1, end), depth), next: Math.min(end + 1, lines.length) };
  }
  const indented = INDENTED_ADMONITION.exec(line) ?? CONTENT_TAB.exec(line);
  if (indented) {
    const indent = indented[1]!.length;
    const isTab = indented[2] === undefined || !/^(!!!|\?\?\?\+?)$/.test(indented[2]);
    const kind = isTab ? 'tab' : indented[3]!;
    const title = isTab ? (indented[2] ?? indented[3] ?? '') : (indented[4] ?? indented[5] ?? '');
    let end = i + 1;
    const body: string[] = [];
    while (end < lines.length) {
      const next = lines[end]!;
      if (next.trim() === '') body.push('');
      else if (leadingColumns(next) >= indent + 4) body.push(dedent(next, indent + 4));
      else break;
      end += 1;
    }
    while (body.length > 0 && body.at(-1) === '') {
      body.pop();
      end -= 1;
    }
    // An empty title ("") hides the title bar: the body is then unlabelled.
    const hidden = !isTab && (indented[4] === '' || indented[5] === '');
    return { lines: hidden ? [...rewriteLines(body, depth + 1), ''] : callout(kind, title, body, depth), next: end };
  }
  const open = TEMPLATE_OPEN.exec(line);
  if (open) {
    const liquid = open[1] !== undefined;
    const name = (open[1] ?? open[4])!;
    const args = (open[2] ?? open[5] ?? '').trim();
    const closing = liquid ? new RegExp(`^\\s*\\{%-?\\s*end${escape(name)}\\s*-?%\\}\\s*$`) : new RegExp(`^\\s*\\{\\{[<%]\\s*/${escape(name)}\\s*[>%]\\}\\}\\s*$`);
    const isCode = CODE_NAMES.test(name);
    // A self-closing shortcode (`{{< code-toggle config=build />}}`) holds nothing.
    if ((!isCode && !CONTAINER_NAMES.test(name)) || args.endsWith('/')) return undefined;
    let end = i + 1;
    while (end < lines.length && end - i <= MAX_CONTAINER_LINES && !closing.test(lines[end]!)) {
      // Another opening of the same tag before a closing one: this one is not a container.
      const again = TEMPLATE_OPEN.exec(lines[end]!);
      if (again && (again[1] ?? again[4]) === name && !(again[2] ?? again[5] ?? '').trim().endsWith('/')) return undefined;
      end += 1;
    }
    if (end >= lines.length || end - i > MAX_CONTAINER_LINES) return undefined;
    const body = lines.slice(i + 1, end);
    if (isCode) {
      // A code tag around a fenced block (GitBook `{% code title="…" %}`) only wraps it.
      if (body.some((each) => FENCE.test(each))) return { lines: rewriteLines(body, depth + 1), next: end + 1 };
      const language = /^[\w+-]+$/.test(args.split(/\s+/)[0] ?? '') && !args.includes('=') ? args.split(/\s+/)[0]! : '';
      return { lines: ['````' + language, ...body.map(codeLine), '````', ''], next: end + 1 };
    }
    return { lines: callout(name, containerLabel(name, args), body, depth), next: end + 1 };
  }
  // A shortcode or tag opened on its own line and closed lines later (`{{< datatable\n  "a" "b"\n>}}`).
  if (afterBlank && /^\s*(?:\{\{[<%]|\{%)/.test(line) && !/(?:[>%]\}\}|%\})/.test(line)) {
    let end = i + 1;
    while (end < lines.length && end - i < 50 && !/(?:[>%]\}\}|%\})/.test(lines[end]!)) end += 1;
    if (end < lines.length && end - i < 50) {
      const rest = lines[end]!.replace(/^[\s\S]*?(?:[>%]\}\}|%\})/, '');
      return { lines: rest.trim() ? [rest] : [], next: end + 1 };
    }
  }
  return undefined;
}

/** A blockquote callout `> [!kind] title` holding the (rewritten) body. */
function callout(kind: string, title: string, body: string[], depth: number): string[] {
  const inner = rewriteLines(body, depth + 1);
  const marker = `> [!${kind}]${title ? ` ${title.replace(/\s+/g, ' ')}` : ''}`;
  return [marker, '>', ...inner.map((each) => (each.trim() === '' ? '>' : `> ${each}`)), ''];
}

/** What labels a template container: a `title`, else its kind (`style`, `type`…), else a kind-like first argument. */
function containerLabel(name: string, args: string): string {
  const attribute = (key: string) => new RegExp(`\\b${key}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|(\\S+))`).exec(args);
  const title = attribute('title') ?? attribute('summary') ?? attribute('label') ?? attribute('header');
  if (title) return (title[1] ?? title[2] ?? title[3] ?? '').trim();
  const kind = attribute('style') ?? attribute('type') ?? attribute('kind') ?? attribute('level') ?? attribute('color');
  const value = kind ? (kind[1] ?? kind[2] ?? kind[3] ?? '') : '';
  if (value && NOTE_KINDS.test(value)) return capitalise(value);
  const positional = /^(?:"([^"]*)"|'([^']*)'|([\w-]+))(?:\s+(?:"([^"]*)"|'([^']*)'))?/.exec(args);
  if (positional) {
    const first = positional[1] ?? positional[2] ?? positional[3] ?? '';
    const second = positional[4] ?? positional[5];
    if (second) return second;
    if (NOTE_KINDS.test(first)) return capitalise(first);
    if (positional[1] ?? positional[2]) return first;
  }
  return NOTE_KINDS.test(name) && !/^(callout|admonition|alert|tab)$/i.test(name) ? capitalise(name) : '';
}

/**
 * A line of prose: snippet includes dropped (undefined), raw markers and JSX comments removed, and a link whose
 * destination is a template tag (`[text]({{ site.repository }}/blob/x.rb)`, `[text]({% link a.md %})`), which
 * CommonMark does not read as a link, given a plain destination so that it is one.
 */
function inlineLine(line: string): string | undefined {
  if (SNIPPET.test(line)) return undefined;
  return codeLine(line)
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, '')
    .replace(/\]\(\s*(?:\{\{[^{}]*\}\}|\{%[^%]*%\})([^()\s]*)\s*\)/g, (_whole, rest: string) => `](${rest || '#'})`);
}

/** A line of code as the page shows it: without Liquid raw markers, Hugo's escaped shortcodes unescaped. */
function codeLine(line: string): string {
  if (!line.includes('{')) return line;
  return line
    .replace(/\{%-?\s*(?:end)?raw\s*-?%\}/g, '')
    .replace(/\{\{([<%])\/\*\s*/g, '{{$1 ')
    .replace(/\s*\*\/([>%])\}\}/g, ' $1}}');
}

function leadingColumns(line: string): number {
  let columns = 0;
  for (const char of line) {
    if (char === ' ') columns += 1;
    else if (char === '\t') columns += 4 - (columns % 4);
    else break;
  }
  return columns;
}

function dedent(line: string, columns: number): string {
  let removed = 0;
  let at = 0;
  while (at < line.length && removed < columns && (line[at] === ' ' || line[at] === '\t')) {
    removed += line[at] === '\t' ? 4 - (removed % 4) : 1;
    at += 1;
  }
  return line.slice(at);
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
