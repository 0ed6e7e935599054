import type { Document } from './document.js';
import { parseMarkdown } from './parse-markdown.js';

/** Plain text (not a Wikipedia dump). Placeholder: read as Markdown until the plain-text parser lands. */
export function parsePlainText(input: { id: string; file: string; text: string; url?: string; title?: string }): Document {
  return parseMarkdown(input);
}
