import type { Block, Document, Section } from './document.js';
import { closeSections } from './clean-text-builder.js';

/** Elements whose content is never answer material: code, styling, navigation and site chrome, forms. */
const DROPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'canvas', 'nav', 'aside', 'footer', 'form', 'button', 'select', 'textarea', 'head']);
/** Elements that end the current paragraph when they open or close. */
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'blockquote', 'pre', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table',
  'thead', 'tbody', 'tfoot', 'tr', 'caption', 'figure', 'figcaption', 'hr', 'address', 'details', 'summary', 'body', 'html',
]);
/** Elements that never have a closing tag. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param']);
const HEADING = /^h([1-6])$/;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…', lsquo: '‘',
  rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', copy: '©', reg: '®', trade: '™', deg: '°', middot: '·',
  bull: '•', euro: '€', pound: '£', yen: '¥', cent: '¢', sect: '§', times: '×', divide: '÷', shy: '',
};

/** Decodes character references: numeric ones and the named ones common in prose. Unknown names stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(attributes);
  if (!match) return undefined;
  return decodeEntities(match[1] ?? match[2] ?? match[3] ?? '');
}

// A comment, a doctype or processing instruction, CDATA, a tag with its attributes, or a run of text.
const TOKEN = /<!--[\s\S]*?(?:-->|$)|<![^>]*>|<\?[^>]*>|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|[^<]+|</g;

/**
 * HTML to a readable document without dependencies. `Document.text` is the extracted text: one heading or paragraph
 * per line group, separated by blank lines, so every offset (sections, blocks, citations) points into what is
 * stored and shown, never into markup. Headings `h1`-`h6` become sections of the same level; scripts, styles,
 * navigation, asides, footers and forms are dropped. Title: the sidecar's, else `<title>`, else the first `h1`;
 * url: the sidecar's, else `<link rel="canonical">` or `og:url`.
 */
export function parseHtml(input: { id: string; file: string; html: string; url?: string; title?: string }): Document {
  let text = '';
  const sections: Section[] = [];
  const blocks: Block[] = [];
  let inline = '';
  let preDepth = 0;
  let skipDepth = 0;
  let skipTag = '';
  let inTitle = false;
  let htmlTitle = '';
  let canonicalUrl: string | undefined;
  let firstH1: string | undefined;
  let heading: number | undefined;

  const append = (content: string): { start: number; end: number } => {
    if (text.length > 0) text += '\n\n';
    const start = text.length;
    text += content;
    return { start, end: text.length };
  };

  const flush = () => {
    const content = (preDepth > 0 ? inline.replace(/^\n+|\s+$/g, '') : inline.replace(/ +/g, ' ').replace(/ ?\n ?/g, '\n').trim());
    inline = '';
    if (!content) return;
    if (heading !== undefined) {
      const { start, end } = append(content.replace(/\s+/g, ' '));
      sections.push({ title: text.slice(start, end), level: heading, start, bodyStart: end, end });
      if (heading === 1) firstH1 ??= text.slice(start, end);
      return;
    }
    const { start, end } = append(content);
    if (sections.length === 0) sections.push({ title: 'Introduction', level: 0, start, bodyStart: start, end: start });
    blocks.push({ start, end, section: sections.length - 1, kind: 'paragraph' });
  };

  TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = TOKEN.exec(input.html)) !== null) {
    const [token, closing, rawName, attributes = ''] = match;
    const name = rawName?.toLowerCase();
    if (skipDepth > 0) {
      // Inside a dropped element: only track nesting of the same element, and the document title in <head>.
      if (name === 'title') inTitle = !closing;
      if (name === skipTag) skipDepth += closing ? -1 : token.endsWith('/>') ? 0 : 1;
      else if (inTitle && !name) htmlTitle += token;
      else if (name === 'link' && /(^|\s)canonical(\s|$)/i.test(attribute(attributes, 'rel') ?? '')) canonicalUrl ??= attribute(attributes, 'href');
      else if (name === 'meta' && attribute(attributes, 'property') === 'og:url') canonicalUrl ??= attribute(attributes, 'content');
      continue;
    }
    if (!name) {
      if (token.startsWith('<!') || token.startsWith('<?')) continue;
      // Outside <pre>, a line break in the source is just a space; only <br> breaks a line.
      inline += preDepth > 0 ? decodeEntities(token) : decodeEntities(token).replace(/\s+/g, ' ');
      continue;
    }
    if (DROPPED.has(name) || name === 'title' || /(^|\s)navigation(\s|$)/i.test(attribute(attributes, 'role') ?? '')) {
      if (closing || VOID.has(name) || token.endsWith('/>')) continue;
      flush();
      skipTag = name;
      skipDepth = 1;
      inTitle = name === 'title';
      continue;
    }
    const level = HEADING.exec(name);
    if (level) {
      flush();
      heading = closing ? undefined : Number(level[1]);
      continue;
    }
    if (name === 'br') {
      inline += '\n';
      continue;
    }
    if (name === 'td' || name === 'th') {
      // Cells of a row read as one line.
      if (closing) inline += ' ';
      continue;
    }
    if (BLOCK.has(name)) {
      flush();
      if (name === 'pre') preDepth = Math.max(0, preDepth + (closing ? -1 : 1));
    }
  }
  flush();

  closeSections(sections, text);
  const title = input.title ?? (decodeEntities(htmlTitle).replace(/\s+/g, ' ').trim() || firstH1 || input.id);
  const url = input.url ?? canonicalUrl;
  return { id: input.id, title, ...(url ? { url } : {}), file: input.file, text, sections, references: [], blocks };
}
