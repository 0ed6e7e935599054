import { splitSentences, stripFootnotes } from '../text/sentences.js';
import { groupSynonymsOf } from '../text/synonyms.js';
import { terms, words } from '../text/tokenize.js';
import { figuresIn } from './extractive/figures.js';

/** Share of a sentence's content terms that must appear in the passages it cites for it to count as supported. */
export const MIN_LEXICAL_SUPPORT = 0.6;

export interface FaithfulnessResult {
  /** The answer with unsupported sentences removed. */
  answer: string;
  /** Sentences removed because no cited passage supports them. */
  unsupported: string[];
}

const MARKERS = /\[(\d+)\]/g;

function isSupported(sentence: string, passages: string[]): boolean {
  const body = sentence.replace(MARKERS, ' ');
  const passageText = stripFootnotes(passages.join('\n'));
  const passageWords = new Set(words(passageText));
  const passageTerms = new Set(terms(passageText));
  // Every figure must be in a cited passage: a wrong number is the most damaging hallucination.
  const figures = figuresIn(body);
  if (figures.some((figure) => !passageWords.has(figure))) return false;
  // Names (capitalised words after the first) must be in a cited passage too.
  const names = (
    body
      .trim()
      .replace(/^\S+\s*/, '')
      .match(/\b\p{Lu}[\p{L}-]+/gu) ?? []
  )
    .map((name) => words(name))
    .flat();
  if (names.some((name) => !passageWords.has(name) && !passageTerms.has(name))) return false;
  const sentenceTerms = terms(body);
  if (sentenceTerms.length === 0) return true;
  const supported = sentenceTerms.filter((term) => passageTerms.has(term) || groupSynonymsOf(term).some((synonym) => passageTerms.has(synonym)));
  return supported.length / sentenceTerms.length >= MIN_LEXICAL_SUPPORT;
}

/**
 * Checks each sentence of a model's answer against the passages it cites (or, for a sentence without a marker, all
 * passages it was shown): its figures and names must appear there and most of its words must. Unsupported sentences
 * are removed and reported.
 */
export function checkFaithfulness(answer: string, passageTexts: string[]): FaithfulnessResult {
  const kept: string[] = [];
  const unsupported: string[] = [];
  for (const span of splitSentences(answer)) {
    const sentence = answer.slice(span.start, span.end);
    const cited = [...sentence.matchAll(MARKERS)].map((match) => Number(match[1])).filter((n) => n >= 1 && n <= passageTexts.length);
    const sources = cited.length > 0 ? cited.map((n) => passageTexts[n - 1]!) : passageTexts;
    if (isSupported(sentence, sources)) kept.push(sentence);
    else
      unsupported.push(
        sentence
          .replace(MARKERS, '')
          .replace(/\s+([.,;:!?])/g, '$1')
          .trim(),
      );
  }
  return { answer: kept.join(' '), unsupported };
}
