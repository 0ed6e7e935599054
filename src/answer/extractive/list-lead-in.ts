import type { Document } from '../../domain/document.js';
import type { QuotedSentence } from './quoted-sentence.js';
import { LIST_QUOTE_MAX_CHARS } from './thresholds.js';

/**
 * A list's lead-in ("Cookies are mainly used for three purposes:") says nothing without its items: it is quoted with
 * the items that follow it in its list block, whole items only, within the chunk and `LIST_QUOTE_MAX_CHARS`.
 */
export function withListItems<T extends QuotedSentence>(documents: Map<string, Document>, sentence: T): T {
  if (!/[:：]\s*$/.test(sentence.text)) return sentence;
  const { chunk } = sentence.span;
  const document = documents.get(chunk.sourceId);
  const block = document?.blocks.find((candidate) => candidate.start <= sentence.span.start && sentence.span.end <= candidate.end);
  if (!document || !block || block.kind !== 'list') return sentence;
  let end = sentence.span.end;
  for (const unit of block.units ?? []) {
    if (unit.start < end) continue;
    if (unit.end > chunk.end || unit.end - sentence.span.start > LIST_QUOTE_MAX_CHARS) break;
    end = unit.end;
  }
  if (end === sentence.span.end) return sentence;
  return { ...sentence, span: { ...sentence.span, end }, text: document.text.slice(sentence.span.start, end) };
}
