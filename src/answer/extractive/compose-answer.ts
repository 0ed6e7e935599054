import type { Document } from '../../domain/document.js';
import { spanWithin } from '../../domain/span.js';
import { stripFootnotes } from '../../text/sentences.js';
import { NOT_IN_SOURCES, type Answer } from '../answer-types.js';
import { buildCitation } from '../build-citations.js';
import type { QuotedSentence } from './score-sentences.js';
import { withListItems } from './list-lead-in.js';

/**
 * Renders a quoted unit as answer text: footnote markers dropped, line breaks read as spaces, and a labelled field
 * (`field`: the chunker marks infobox lines, table rows read with their headers, terms with their descriptions) laid
 * out as "Label: Value" when its label stands on a line of its own ("Staff\n8,400" → "Staff: 8,400"). From
 * `codeFrom` (an offset into `text`) on, the unit is a code block, which keeps its lines and their indentation on
 * lines of their own, verbatim (`argv[1]` is code, not a footnote marker): a configuration or a command read as one
 * line is not what the document shows. A quoted unit ends with its code block when it holds one (a code block alone,
 * or a lead-in with the block after it: `withListItems`), so everything from `codeFrom` on is code.
 */
export function renderSentence(text: string, field = false, codeFrom?: number): string {
  if (codeFrom !== undefined) {
    const prose = codeFrom > 0 ? renderSentence(text.slice(0, codeFrom), field) : '';
    const code = text
      .slice(codeFrom)
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .replace(/^\n+|\n+$/g, '');
    return prose ? `${prose}\n${code}` : code;
  }
  const lines = stripFootnotes(text)
    .trim()
    .split(/\s*\n\s*/);
  if (field && lines.length > 1) return `${lines[0]}: ${lines.slice(1).join(' ')}`;
  return lines.join(' ');
}

/** Where the code block inside a quoted unit starts, as an offset into its text (undefined when it holds none). */
export function codeOffset(documents: Map<string, Document>, sentence: QuotedSentence): number | undefined {
  const { chunk, start, end } = sentence.span;
  const block = documents.get(chunk.sourceId)?.blocks.find((candidate) => candidate.kind === 'code' && spanWithin(candidate, { start, end }));
  return block ? block.start - start : undefined;
}

/** Composes the answer from verbatim sentences, each followed by its citation marker; a lead-in is quoted with what it
 * introduces (its list's items, or with `wantsCode` the code block after it). */
export function composeExtractiveAnswer(documents: Map<string, Document>, chosen: QuotedSentence[], options: { wantsCode?: boolean } = {}): Answer {
  if (chosen.length === 0) return { answer: NOT_IN_SOURCES, grounded: false, mode: 'extractive', citations: [] };
  const extended = chosen.map((sentence) => withListItems(documents, sentence, { code: options.wantsCode === true }));
  const inside = (a: QuotedSentence, b: QuotedSentence) => a.span.chunk.sourceId === b.span.chunk.sourceId && spanWithin(a.span, b.span);
  // A unit inside another quote (a code block chosen as well as the lead-in now quoted with it) is not quoted twice;
  // of two identical quotes the first stays.
  chosen = extended.filter((sentence, i) => !extended.some((other, j) => j !== i && inside(sentence, other) && (!inside(other, sentence) || j < i)));
  const citations = chosen.map((sentence, i) => buildCitation(i + 1, sentence.span, documents));
  // A quote after a code block starts on a line of its own, not at the end of the code's last line.
  const codeFrom = chosen.map((sentence) => codeOffset(documents, sentence));
  const answer = chosen
    .map(
      (sentence, i) => `${i === 0 ? '' : codeFrom[i - 1] !== undefined ? '\n' : ' '}${renderSentence(sentence.text, sentence.field, codeFrom[i])} [${i + 1}]`,
    )
    .join('');
  return { answer, grounded: true, mode: 'extractive', citations };
}
