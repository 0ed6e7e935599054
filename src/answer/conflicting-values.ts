import type { LoadedIndex } from '../store/index-files.js';
import { postingsOf } from '../store/bm25.js';
import { stripFootnotes } from '../text/sentences.js';
import { terms } from '../text/tokenize.js';
import { vocabularyOf } from './corpus-vocabulary.js';
import { EXTRACTIVE_WEIGHTS, type ScoredSentence } from './extractive-answer.js';
import { YEAR, figureKinds, figureNearTerms, figuresIn, intersects, termsNearFigures } from './figures.js';
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
  const shown = new Set(chosen.flatMap((sentence) => figuresIn(sentence.text)));
  // The figures that answer (years date the statement; they are not the quantity), and every word they stand by.
  const leadFigures = figuresIn(lead.text).filter((figure) => !questionTerms.has(figure) && !YEAR.test(figure));
  const kinds = figureKinds(lead.text, leadFigures);
  // What the figure counts ("people") is shared by many unrelated figures: an anchor must be another word.
  const anchors = termsNearFigures(lead.text, leadFigures, kinds);
  if (anchors.size === 0 || kinds.size === 0) return undefined;
  // Another value in a chosen sentence already shows the disagreement.
  const leadSet = new Set(figuresIn(lead.text));
  if (chosen.some((sentence) => sentence !== lead && intersects(figureKinds(sentence.text, figuresIn(sentence.text).filter((figure) => !leadSet.has(figure))), kinds))) return undefined;
  const document = index.documents.get(lead.span.chunk.sourceId);
  if (!document) return undefined;
  const { lowercaseWords } = vocabularyOf(document);
  const isCommonWord = (word: string) => lowercaseWords.has(word);
  const range = chunkRangeOf(index, document.id);
  if (!range) return undefined;
  const chunkIndices = new Set<number>();
  for (const anchor of anchors) {
    const list = postingsOf(index.lexical, anchor) ?? [];
    // Postings are in chunk order and a document's chunks are contiguous: skip to its range, stop after it.
    for (let i = firstAtOrAfter(list, range.first); i < list.length && list[i]! <= range.last && chunkIndices.size < 200; i += 2) chunkIndices.add(list[i]!);
  }
  const chosenStarts = new Set(chosen.map((sentence) => sentence.span.start));
  const length = chosen.reduce((sum, sentence) => sum + sentence.text.length, 0);
  for (const chunkIndex of [...chunkIndices].sort((a, b) => a - b)) {
    const chunk = index.chunks[chunkIndex]!;
    for (const [sentenceIndex, span] of chunk.sentences.entries()) {
      if (chosenStarts.has(span.start)) continue;
      const text = stripFootnotes(document.text.slice(span.start, span.end));
      if (length + text.length > EXTRACTIVE_WEIGHTS.maxChars || looksLikeInstruction(text)) continue;
      const fresh = figuresIn(text).filter((figure) => !shown.has(figure) && !questionTerms.has(figure));
      if (fresh.length === 0 || !matchesAnswerType('number', text, question, isCommonWord)) continue;
      if (!intersects(figureKinds(text, fresh), kinds) || !figureNearTerms(text, fresh, anchors)) continue;
      return { span: { chunk, start: span.start, end: span.end }, passageRank: -1, sentenceIndex, text, features: [], score: 0, answersType: true, namesQuestionFigures: true, addsToQuestion: true };
    }
  }
  return undefined;
}

const chunkRanges = new WeakMap<LoadedIndex, Map<string, { first: number; last: number }>>();

/** The first and last chunk index of each document (chunks are stored document by document); once per index. */
function chunkRangeOf(index: LoadedIndex, sourceId: string): { first: number; last: number } | undefined {
  let ranges = chunkRanges.get(index);
  if (!ranges) {
    ranges = new Map();
    index.chunks.forEach((chunk, i) => {
      const range = ranges!.get(chunk.sourceId);
      if (range) range.last = i;
      else ranges!.set(chunk.sourceId, { first: i, last: i });
    });
    chunkRanges.set(index, ranges);
  }
  return ranges.get(sourceId);
}

/** Offset in a flat [chunkIndex, frequency, …] postings list of the first pair at or after `chunkIndex`. */
function firstAtOrAfter(list: number[], chunkIndex: number): number {
  let low = 0;
  let high = list.length / 2;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (list[middle * 2]! < chunkIndex) low = middle + 1;
    else high = middle;
  }
  return low * 2;
}
