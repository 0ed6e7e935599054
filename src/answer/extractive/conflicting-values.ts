import type { Document } from '../../domain/document.js';
import type { IndexReader } from '../../store/index-reader.js';
import { stripFootnotes } from '../../text/sentences.js';
import { looksLikeInstruction } from '../instruction-like.js';
import type { QuestionAnalysis } from './analyse-question.js';
import { matchesAnswerType } from './answer-type.js';
import { vocabularyOf } from './document-vocabulary.js';
import { YEAR, figureKinds, figureNearTerms, figuresIn, intersects, termsNearFigures } from './figures.js';
import type { QuotedSentence, ScoredSentence } from './score-sentences.js';
import { EXTRACTIVE_WEIGHTS, MAX_CONFLICT_CHUNKS } from './thresholds.js';

/**
 * "How many…"/"how much…" answered by one sentence: the same quantity stated with another value elsewhere in the
 * same document, outside the retrieved passages (a summary table's "50 cookies" against the text's "20"). Found
 * through the lexical index: chunks of that document holding a word the lead's figure stands by, then a sentence
 * whose new figure counts the same kind of thing beside such a word. Sources that disagree are shown, not resolved.
 */
export async function otherValueInDocument(
  index: IndexReader,
  documents: Map<string, Document>,
  chosen: ScoredSentence[],
  analysis: QuestionAnalysis,
): Promise<QuotedSentence | undefined> {
  const lead = chosen.reduce<ScoredSentence | undefined>((best, sentence) => (!best || sentence.score > best.score ? sentence : best), undefined);
  if (!lead || analysis.requiredNumbers.length > 0) return undefined;
  const { ownTerms: questionTerms, synonymsOf } = analysis;
  const shown = new Set(chosen.flatMap((sentence) => figuresIn(sentence.text)));
  // The figures that answer (years date the statement; they are not the quantity), and every word they stand by.
  const leadFigures = figuresIn(lead.text).filter((figure) => !questionTerms.has(figure) && !YEAR.test(figure));
  const kinds = figureKinds(lead.text, leadFigures);
  // What the figure counts ("people") is shared by many unrelated figures: an anchor must be another word.
  const anchors = termsNearFigures(lead.text, leadFigures, kinds);
  if (anchors.size === 0 || kinds.size === 0) return undefined;
  // Another value in a chosen sentence already shows the disagreement.
  const leadSet = new Set(figuresIn(lead.text));
  if (
    chosen.some(
      (sentence) =>
        sentence !== lead &&
        intersects(
          figureKinds(
            sentence.text,
            figuresIn(sentence.text).filter((figure) => !leadSet.has(figure)),
          ),
          kinds,
        ),
    )
  )
    return undefined;
  const document = documents.get(lead.span.chunk.sourceId);
  if (!document) return undefined;
  const { lowercaseWords } = vocabularyOf(document);
  const isCommonWord = (word: string) => lowercaseWords.has(word);
  const chunkIndices = new Set<number>();
  for (const anchor of anchors) {
    if (chunkIndices.size >= MAX_CONFLICT_CHUNKS) break;
    for (const chunkIndex of await index.chunksWithAllTerms([anchor], { limit: MAX_CONFLICT_CHUNKS, sourceId: document.id })) {
      if (chunkIndices.size >= MAX_CONFLICT_CHUNKS) break;
      chunkIndices.add(chunkIndex);
    }
  }
  const chosenStarts = new Set(chosen.map((sentence) => sentence.span.start));
  const length = chosen.reduce((sum, sentence) => sum + sentence.text.length, 0);
  const ordered = [...chunkIndices].sort((a, b) => a - b);
  for (const chunk of await index.chunks(ordered)) {
    for (const span of chunk.sentences) {
      if (chosenStarts.has(span.start)) continue;
      const text = stripFootnotes(document.text.slice(span.start, span.end));
      if (length + text.length > EXTRACTIVE_WEIGHTS.maxChars || looksLikeInstruction(text)) continue;
      const fresh = figuresIn(text).filter((figure) => !shown.has(figure) && !questionTerms.has(figure));
      if (fresh.length === 0 || !matchesAnswerType('number', text, analysis, isCommonWord)) continue;
      if (!intersects(figureKinds(text, fresh), kinds) || !figureNearTerms(text, fresh, anchors, synonymsOf)) continue;
      return { span: { chunk, start: span.start, end: span.end }, text, field: span.field === true };
    }
  }
  return undefined;
}
