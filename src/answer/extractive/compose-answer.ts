import type { LoadedIndex } from '../../store/index-files.js';
import { stripFootnotes } from '../../text/sentences.js';
import { NOT_IN_SOURCES, type Answer } from '../answer-types.js';
import { buildCitation } from '../build-citations.js';
import type { QuotedSentence } from './score-sentences.js';
import { LIST_QUOTE_MAX_CHARS } from './thresholds.js';

/**
 * Renders a quoted unit as answer text: footnote markers dropped, line breaks read as spaces, and a labelled field
 * (`field`: the chunker marks infobox lines, table rows read with their headers, terms with their descriptions) laid
 * out as "Label: Value" when its label stands on a line of its own ("Staff\n8,400" → "Staff: 8,400").
 */
export function renderSentence(text: string, field = false): string {
  const lines = stripFootnotes(text).trim().split(/\s*\n\s*/);
  if (field && lines.length > 1) return `${lines[0]}: ${lines.slice(1).join(' ')}`;
  return lines.join(' ');
}

/**
 * A list's lead-in ("Cookies are mainly used for three purposes:") says nothing without its items: it is quoted with
 * the items that follow it in its list block, whole items only, within the chunk and `LIST_QUOTE_MAX_CHARS`.
 */
export function withListItems<T extends QuotedSentence>(index: LoadedIndex, sentence: T): T {
  if (!/[:：]\s*$/.test(sentence.text)) return sentence;
  const { chunk } = sentence.span;
  const document = index.documents.get(chunk.sourceId);
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

/** Composes the answer from verbatim sentences, each followed by its citation marker. */
export function composeExtractiveAnswer(index: LoadedIndex, chosen: QuotedSentence[]): Answer {
  if (chosen.length === 0) return { answer: NOT_IN_SOURCES, grounded: false, mode: 'extractive', citations: [] };
  chosen = chosen.map((sentence) => withListItems(index, sentence));
  const citations = chosen.map((sentence, i) => buildCitation(i + 1, sentence.span, index.documents));
  const answer = chosen.map((sentence, i) => `${renderSentence(sentence.text, sentence.field)} [${i + 1}]`).join(' ');
  return { answer, grounded: true, mode: 'extractive', citations };
}
