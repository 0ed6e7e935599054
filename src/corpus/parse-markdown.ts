import type { Block, Document, Section } from './document.js';
import { closeSections } from './clean-text-builder.js';

/**
 * Markdown and plain text: `#` headings (or, in plain text, nothing) become sections; blank-line separated
 * paragraphs and list runs become blocks. Front matter (`---` … `---`) supplies `title` and `url` and is not
 * answer material. Code fences are kept as blocks of their own.
 */
export function parseMarkdown(input: { id: string; file: string; text: string; url?: string; title?: string }): Document {
  const { text } = input;
  let bodyStart = 0;
  let frontTitle: string | undefined;
  let frontUrl: string | undefined;
  const front = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (front) {
    bodyStart = front[0].length;
    for (const line of front[1]!.split('\n')) {
      const pair = /^(\w+):\s*(.*)$/.exec(line.trim());
      if (!pair) continue;
      const value = pair[2]!.replace(/^["']|["']$/g, '').trim();
      if (pair[1] === 'title') frontTitle = value;
      if (pair[1] === 'url') frontUrl = value;
    }
  }

  const sections: Section[] = [];
  const blocks: Block[] = [];
  let firstHeading: string | undefined;
  let paragraphStart = -1;
  let paragraphEnd = -1;
  let inFence = false;

  const flush = () => {
    if (paragraphStart === -1) return;
    if (sections.length === 0) sections.push({ title: 'Introduction', level: 0, start: paragraphStart, bodyStart: paragraphStart, end: paragraphStart });
    blocks.push({ start: paragraphStart, end: paragraphEnd, section: sections.length - 1, kind: 'paragraph' });
    paragraphStart = -1;
  };

  let position = bodyStart;
  while (position < text.length) {
    const newline = text.indexOf('\n', position);
    const lineEnd = newline === -1 ? text.length : newline;
    const raw = text.slice(position, lineEnd);
    const trimmed = raw.trim();
    const contentEnd = position + raw.trimEnd().length;
    if (/^(```|~~~)/.test(trimmed)) inFence = !inFence;
    const heading = inFence ? null : /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(trimmed);
    if (heading) {
      flush();
      const level = heading[1]!.length;
      const title = heading[2]!;
      firstHeading ??= title;
      sections.push({ title, level, start: position, bodyStart: contentEnd, end: contentEnd });
    } else if (trimmed === '' && !inFence) {
      flush();
    } else {
      if (paragraphStart === -1) paragraphStart = position + (raw.length - raw.trimStart().length);
      paragraphEnd = contentEnd;
    }
    position = lineEnd + 1;
  }
  flush();
  closeSections(sections, text);
  const title = input.title ?? frontTitle ?? firstHeading ?? input.id;
  const url = input.url ?? frontUrl;
  return { id: input.id, title, ...(url ? { url } : {}), file: input.file, text, sections, references: [], blocks };
}
