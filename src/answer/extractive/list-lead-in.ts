import type { Document } from '../../domain/document.js';
import { spanWithin } from '../../domain/span.js';
import type { QuotedSentence } from './quoted-sentence.js';
import { LIST_QUOTE_MAX_CHARS } from './thresholds.js';

/** What would be quoted ends in a colon: it introduces what follows. */
export const ENDS_IN_COLON = /[:：]\s*$/;

/**
 * A lead-in ("Cookies are mainly used for three purposes:", "add the following option to the configuration file:")
 * says nothing without what it introduces, so it is quoted with it, within the chunk and `LIST_QUOTE_MAX_CHARS`:
 * - the items that follow it in its list block, whole items only;
 * - with `code` (the question asks for code, a command or configuration), the code block right after its paragraph,
 *   whole or not at all (a code block is never quoted in part).
 */
export function withListItems<T extends QuotedSentence>(documents: Map<string, Document>, sentence: T, options: { code?: boolean } = {}): T {
  if (!ENDS_IN_COLON.test(sentence.text)) return sentence;
  const { chunk } = sentence.span;
  const document = documents.get(chunk.sourceId);
  const block = document?.blocks.find((candidate) => spanWithin(sentence.span, candidate));
  if (!document || !block) return sentence;
  let end = sentence.span.end;
  if (block.kind === 'list') {
    for (const unit of block.units ?? []) {
      if (unit.start < end) continue;
      if (unit.end > chunk.end || unit.end - sentence.span.start > LIST_QUOTE_MAX_CHARS) break;
      end = unit.end;
    }
  } else if (options.code && block.kind === 'paragraph' && document.text.slice(sentence.span.end, block.end).trim() === '') {
    const next = document.blocks.find((candidate) => candidate.start >= block.end);
    const between = next ? document.text.slice(block.end, next.start) : '';
    if (next?.kind === 'code' && between.trim() === '' && next.end <= chunk.end && next.end - sentence.span.start <= LIST_QUOTE_MAX_CHARS) end = next.end;
  }
  if (end === sentence.span.end) return sentence;
  return { ...sentence, span: { ...sentence.span, end }, text: document.text.slice(sentence.span.start, end) };
}
