import type { LoadedIndex } from '../store/index-files.js';
import { postingsOf } from '../store/bm25.js';
import { stripFootnotes } from '../text/sentences.js';
import { terms, words } from '../text/tokenize.js';
import { vocabularyOf } from './corpus-vocabulary.js';
import { EXTRACTIVE_WEIGHTS, type ScoredSentence } from './extractive-answer.js';
import { figureKinds, figureNearTerms, intersects, termsNearFigures } from './figures.js';
import { looksLikeInstruction } from './instruction-like.js';
import { matchesAnswerType, requiredNumbers } from './question-analysis.js';

/**
 * "How many…"/"how much…" answered by one sentence: the same quantity stated with another value elsewhere in the
 * same document, outside the retrieved passages (the infobox's 156 member states against the lead's 155). Found
 * through the lexical index: chunks of that document holding a word the lead's figure stands by, then a sentence
 * whose new figure counts the same kind of thing beside such a word. Sources that disagree are shown, not resolved.
 */
export function otherValueInDocument(index: LoadedIndex, chosen: ScoredSentence[], question: string): ScoredSentence | undefined {
  const lead = chosen.reduce<ScoredSentence | undefined>((best, sentence) => (!best || sentence.score > best.score ? sentence : best), undefined);
  if (!lead || requiredNumbers(question).length > 0) return undefined;
  const questionTerms = new Set(terms(question));
  const figuresOf = (text: string) => words(text).filter((word) => /\d/.test(word));
  const shown = new Set(chosen.flatMap((sentence) => figuresOf(sentence.text)));
  // The figures that answer (years date the statement; they are not the quantity), and every word they stand by.
  const leadFigures = figuresOf(lead.text).filter((figure) => !questionTerms.has(figure) && !/^(1[5-9]\d\d|20\d\d)$/.test(figure));
  const kinds = figureKinds(lead.text, leadFigures);
  // What the figure counts ("people") is shared by many unrelated figures: an anchor must be another word.
  const anchors = termsNearFigures(lead.text, leadFigures, kinds);
  if (anchors.size === 0 || kinds.size === 0) return undefined;
  // Another value in a chosen sentence already shows the disagreement.
  const leadSet = new Set(figuresOf(lead.text));
  if (chosen.some((sentence) => sentence !== lead && intersects(figureKinds(sentence.text, figuresOf(sentence.text).filter((figure) => !leadSet.has(figure))), kinds))) return undefined;
  const document = index.documents.get(lead.span.chunk.sourceId);
  if (!document) return undefined;
  const { lowercaseWords } = vocabularyOf(index);
  const isCommonWord = (word: string) => lowercaseWords.has(word);
  const chunkIndices = new Set<number>();
  for (const anchor of anchors) {
    const list = postingsOf(index.lexical, anchor) ?? [];
    for (let i = 0; i < list.length && chunkIndices.size < 200; i += 2) if (index.chunks[list[i]!]?.sourceId === document.id) chunkIndices.add(list[i]!);
  }
  const chosenStarts = new Set(chosen.map((sentence) => sentence.span.start));
  const length = chosen.reduce((sum, sentence) => sum + sentence.text.length, 0);
  for (const chunkIndex of [...chunkIndices].sort((a, b) => a - b)) {
    const chunk = index.chunks[chunkIndex]!;
    for (const [sentenceIndex, span] of chunk.sentences.entries()) {
      if (chosenStarts.has(span.start)) continue;
      const text = stripFootnotes(document.text.slice(span.start, span.end));
      if (length + text.length > EXTRACTIVE_WEIGHTS.maxChars || looksLikeInstruction(text)) continue;
      const fresh = figuresOf(text).filter((figure) => !shown.has(figure) && !questionTerms.has(figure));
      if (fresh.length === 0 || !matchesAnswerType('number', text, question, isCommonWord)) continue;
      if (!intersects(figureKinds(text, fresh), kinds) || !figureNearTerms(text, fresh, anchors)) continue;
      return { span: { chunk, start: span.start, end: span.end }, passageRank: -1, sentenceIndex, text, features: [], score: 0, answersType: true, namesQuestionFigures: true, addsToQuestion: true, coversFocus: true };
    }
  }
  return undefined;
}
