import type { Document } from '../corpus/document.js';
import { splitInfoboxField } from '../corpus/parse-wikipedia-text.js';
import type { Chunk } from '../ingest/chunk-document.js';
import type { LoadedIndex } from '../store/index-files.js';
import { idf, weightedTerms } from '../store/bm25.js';
import type { RetrievedPassage } from '../retrieve/hybrid-retrieve.js';
import type { RetrievalQuery } from '../retrieve/condense-query.js';
import { stripFootnotes } from '../text/sentences.js';
import { findAcronyms, withAcronyms } from '../text/acronyms.js';
import { synonymsOf } from '../text/synonyms.js';
import { stem, terms, words } from '../text/tokenize.js';
import { NOT_IN_SOURCES, type Answer } from './answer-types.js';
import { buildCitation, type QuotedSpan } from './build-citations.js';
import { looksLikeInstruction } from './instruction-like.js';
import { expectedAnswerType, matchesAnswerType, requiredNumbers, type AnswerType } from './question-analysis.js';
import { SENTENCE_MODEL } from './sentence-model.js';

/**
 * Coverage credits and selection limits. The score itself is the sentence model's (`sentence-model.ts`); these
 * shape its coverage features and how many sentences an answer quotes. Tuned on the dev sets only.
 */
export const EXTRACTIVE_WEIGHTS = {
  /** A synonym match counts for less than the question's own word. */
  synonym: 0.7,
  /** A question word found only in the section heading counts for half. */
  sectionTitle: 0.5,
  /** Extra sentences must score this close to the best one to be added. */
  companionRatio: 0.88,
  /** A second value for "how many"/"when" may score this fraction of the abstention threshold. */
  conflictFloor: 0.9,
  /** …and its figure must stand within this many words of a question word ("10 observer states"). */
  figureWindow: 3,
  /** A neighbour of a chosen sentence in the same paragraph continues its thought, so it needs less. */
  neighbourRatio: 0.68,
  maxSentences: 3,
  maxChars: 500,
};

export interface ScoredSentence {
  span: QuotedSpan;
  passageRank: number;
  sentenceIndex: number;
  text: string;
  /** Features the sentence model weighs, in `SENTENCE_MODEL.features` order. */
  features: number[];
  /** Probability, by the sentence model, that this sentence answers the question. */
  score: number;
  /** The sentence holds an answer of the expected type (a date for "when", a figure for "how many"…). */
  answersType: boolean;
  /** The figures the question names (a year) appear in the sentence's section: "this year" there is that year. */
  namesQuestionFigures: boolean;
}

interface WeightedQueryTerm {
  term: string;
  weight: number;
  idf: number;
}

interface CorpusVocabulary {
  acronyms: Map<string, string[]>;
  titleTerms: Map<string, string[]>;
}

const vocabularies = new WeakMap<LoadedIndex, CorpusVocabulary>();

/** Acronyms defined anywhere in the corpus and each document's title terms; computed once per loaded index. */
function vocabularyOf(index: LoadedIndex): CorpusVocabulary {
  let vocabulary = vocabularies.get(index);
  if (!vocabulary) {
    const acronyms = new Map<string, string[]>();
    const titleTerms = new Map<string, string[]>();
    for (const document of index.documents.values()) {
      for (const [acronym, longForm] of findAcronyms(document.text)) if (!acronyms.has(acronym)) acronyms.set(acronym, longForm);
      titleTerms.set(document.id, terms(document.title));
    }
    vocabulary = { acronyms, titleTerms };
    vocabularies.set(index, vocabulary);
  }
  return vocabulary;
}

function dot(vector: number[], matrix: Float32Array, offset: number): number {
  let sum = 0;
  for (let i = 0; i < vector.length; i += 1) sum += vector[i]! * matrix[offset + i]!;
  return sum;
}

/** Query terms with idf; a term unknown to the corpus is treated as maximally informative. */
function queryTerms(index: LoadedIndex, query: RetrievalQuery): WeightedQueryTerm[] {
  const weighted = weightedTerms(query.lexicalParts);
  const maxIdf = Math.log(1 + (index.lexical.documentCount + 0.5) / 1.5);
  return [...weighted.entries()].map(([term, weight]) => ({ term, weight, idf: idf(index.lexical, term) || maxIdf }));
}

/** Idf-weighted share of the question found in the sentence: full credit for the word, partial for a synonym or
 * the heading; `exact` counts only the question's own words; `fraction` is the unweighted share of its own terms. */
function coverage(queryTermList: WeightedQueryTerm[], sentenceTerms: Set<string>, sectionTerms: Set<string>): { weighted: number; exact: number; fraction: number } {
  let total = 0;
  let matched = 0;
  let exact = 0;
  let ownTerms = 0;
  let ownMatched = 0;
  for (const { term, weight, idf: termIdf } of queryTermList) {
    const mass = weight * termIdf;
    total += mass;
    if (weight >= 1) ownTerms += 1;
    if (sentenceTerms.has(term)) {
      matched += mass;
      exact += mass;
      if (weight >= 1) ownMatched += 1;
    } else if (synonymsOf(term).some((synonym) => sentenceTerms.has(synonym))) {
      matched += mass * EXTRACTIVE_WEIGHTS.synonym;
      if (weight >= 1) ownMatched += EXTRACTIVE_WEIGHTS.synonym;
    } else if (sectionTerms.has(term)) matched += mass * EXTRACTIVE_WEIGHTS.sectionTitle;
  }
  return { weighted: total > 0 ? matched / total : 0, exact: total > 0 ? exact / total : 0, fraction: ownTerms > 0 ? ownMatched / ownTerms : 0 };
}

/** Share of a sentence's terms the question does not already contain: a sentence that only echoes the question
 * is not an answer. */
function novelty(sentenceTerms: Set<string>, questionTerms: Set<string>): number {
  if (sentenceTerms.size === 0) return 0;
  let fresh = 0;
  for (const term of sentenceTerms) if (!questionTerms.has(term)) fresh += 1;
  return fresh / sentenceTerms.size;
}

/** Logistic model over the features: a probability, comparable across questions, so abstention is calibrated. */
export function sentenceProbability(features: number[]): number {
  let z = 0;
  SENTENCE_MODEL.weights.forEach((weight, i) => (z += weight * (features[i] ?? 0)));
  return 1 / (1 + Math.exp(-z));
}

/** Scores every sentence of the retrieved passages against the question. */
export function scoreSentences(options: {
  index: LoadedIndex;
  query: RetrievalQuery;
  question: string;
  passages: RetrievedPassage[];
  queryVector: number[] | undefined;
}): { sentences: ScoredSentence[]; answerType: AnswerType } {
  const { index, passages, queryVector } = options;
  const answerType = expectedAnswerType(options.question);
  const queryTermList = queryTerms(index, options.query);
  const dimension = index.manifest.embedder.dimension;
  const { acronyms, titleTerms } = vocabularyOf(index);
  const sentences: ScoredSentence[] = [];
  const maxLexical = Math.max(1e-9, ...passages.map((passage) => passage.lexicalScore));
  const numbers = requiredNumbers(options.question);
  const questionTerms = new Set(queryTermList.map((entry) => entry.term));
  passages.forEach((passage, passageRank) => {
    const document = index.documents.get(passage.chunk.sourceId);
    if (!document) return;
    // The heading and the document title are context for every sentence under them.
    const sectionTerms = withAcronyms(new Set([...terms(passage.chunk.sectionPath), ...(titleTerms.get(document.id) ?? [])]), acronyms);
    const namesQuestionFigures = numbers.length === 0 || sectionNamesFigures(document, passage.chunk, numbers);
    const infobox = passage.chunk.section === 'Infobox' ? 1 : 0;
    passage.chunk.sentences.forEach((span, sentenceIndex) => {
      const text = stripFootnotes(document.text.slice(span.start, span.end));
      if (looksLikeInstruction(text)) return; // corpus-borne injection: never quoted as an answer
      const sentenceTerms = withAcronyms(new Set(terms(text)), acronyms);
      const cov = coverage(queryTermList, sentenceTerms, sectionTerms);
      const vectorOffset = (index.sentenceBase[passage.chunkIndex]! + sentenceIndex) * dimension;
      const dense = queryVector ? Math.max(0, dot(queryVector, index.sentenceVectors, vectorOffset)) : 0;
      const typeMatch = matchesAnswerType(answerType, text, options.question);
      const features = [
        1,
        cov.weighted,
        cov.exact,
        cov.fraction,
        dense,
        passage.denseScore,
        passage.lexicalScore / maxLexical,
        1 / (passageRank + 1),
        answerType !== 'other' && typeMatch ? 1 : 0,
        answerType !== 'other' && !typeMatch ? 1 : 0,
        Math.min(text.length, 600) / 300,
        infobox,
        namesQuestionFigures ? 1 : 0,
        novelty(sentenceTerms, questionTerms),
      ];
      const score = sentenceProbability(features);
      sentences.push({ span: { chunk: passage.chunk, start: span.start, end: span.end }, passageRank, sentenceIndex, text, features, score, answersType: typeMatch, namesQuestionFigures });
    });
  });
  sentences.sort((a, b) => b.score - a.score || a.passageRank - b.passageRank || a.span.start - b.span.start);
  return { sentences, answerType };
}

/** Whether every figure the question names occurs in the section holding `chunk` (only read when it names one). */
function sectionNamesFigures(document: Document, chunk: Chunk, numbers: string[]): boolean {
  const section = document.sections.find((candidate) => candidate.title === chunk.section && candidate.start <= chunk.start && chunk.end <= candidate.end);
  const sectionWords = new Set(words(section ? document.text.slice(section.start, section.end) : chunk.text));
  return numbers.every((number) => sectionWords.has(number));
}

function termSet(text: string): Set<string> {
  return new Set(terms(text));
}

/** Share of `a`'s terms also in `b`. */
function containment(a: Set<string>, b: Set<string>): number {
  if (a.size === 0) return 1;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared += 1;
  return shared / a.size;
}

/**
 * Chooses the sentences to quote: the best one, plus close runners-up that add information (a second value on
 * conflicting facts, the other half of a two-part question), within a length budget. Returns nothing when the
 * evidence is weak or the question names a figure no candidate contains.
 */
/** Whether one of `figures` stands within `figureWindow` words of a question term (or its synonym) in `text`. */
function figureNearTerms(text: string, figures: string[], questionTerms: Set<string>): boolean {
  const tokens = words(text);
  const near = tokens.map((token) => {
    const term = stem(token);
    return questionTerms.has(term) || synonymsOf(term).some((synonym) => questionTerms.has(synonym));
  });
  return tokens.some((token, i) => {
    if (!figures.includes(token)) return false;
    for (let j = Math.max(0, i - EXTRACTIVE_WEIGHTS.figureWindow); j <= Math.min(tokens.length - 1, i + EXTRACTIVE_WEIGHTS.figureWindow); j += 1) if (near[j]) return true;
    return false;
  });
}

export function selectSentences(scored: ScoredSentence[], question: string, answerType: AnswerType = expectedAnswerType(question)): ScoredSentence[] {
  const questionTerms = new Set(terms(question));
  const best = scored[0];
  if (!best || best.score < SENTENCE_MODEL.abstainBelow) return [];
  if (!best.namesQuestionFigures) {
    // "How many member states in 2020?": an answer about another year is not an answer.
    const alternative = scored.find((sentence) => sentence.namesQuestionFigures && sentence.score >= SENTENCE_MODEL.abstainBelow);
    if (!alternative) return [];
    scored = [alternative, ...scored.filter((sentence) => sentence !== alternative)];
  }
  const chosen = [scored[0]!];
  let length = chosen[0]!.text.length;
  const wantsFigure = answerType === 'number' || answerType === 'date';
  const figures = (sentence: ScoredSentence) => words(sentence.text).filter((word) => /\d/.test(word));
  const shownFigures = new Set(figures(chosen[0]!));
  const isNeighbour = (candidate: ScoredSentence) =>
    chosen.some((other) => other.span.chunk.id === candidate.span.chunk.id && Math.abs(other.sentenceIndex - candidate.sentenceIndex) === 1);
  for (const candidate of scored.slice(1)) {
    if (chosen.length >= EXTRACTIVE_WEIGHTS.maxSentences) break;
    // A runner-up must itself look like an answer (a second value may sit a little lower: an infobox field is terse).
    if (candidate.score < SENTENCE_MODEL.abstainBelow * EXTRACTIVE_WEIGHTS.conflictFloor) break;
    if (!wantsFigure && candidate.score < SENTENCE_MODEL.abstainBelow) continue;
    if (length + candidate.text.length > EXTRACTIVE_WEIGHTS.maxChars) continue;
    const candidateTerms = termSet(candidate.text);
    // Skip a sentence that repeats what is already quoted (same terms).
    if (chosen.some((other) => containment(candidateTerms, termSet(other.text)) > 0.7)) continue;
    const candidateFigures = figures(candidate);
    const newFigures = candidateFigures.filter((figure) => !shownFigures.has(figure));
    if (wantsFigure) {
      // For "when"/"how many", a runner-up earns its place with a different value for the same thing the best
      // sentence answers (sources that disagree, or a second date): it must cover the question about as well.
      if (!candidate.answersType || candidateFigures.length === 0 || newFigures.length * 2 <= candidateFigures.length) continue;
      if (!figureNearTerms(candidate.text, newFigures, questionTerms)) continue;
    } else {
      const ratio = isNeighbour(candidate) ? EXTRACTIVE_WEIGHTS.neighbourRatio : EXTRACTIVE_WEIGHTS.companionRatio;
      if (candidate.score < chosen[0]!.score * ratio) continue;
    }
    chosen.push(candidate);
    for (const figure of candidateFigures) shownFigures.add(figure);
    length += candidate.text.length;
  }
  // Read in document order, as the source does.
  return chosen.sort((a, b) => a.span.chunk.sourceId.localeCompare(b.span.chunk.sourceId) || a.span.start - b.span.start);
}

/** Renders a quoted unit as answer text: footnote markers dropped, infobox "Label\nValue" as "Label: Value". */
export function renderSentence(text: string): string {
  const clean = stripFootnotes(text).trim();
  const field = splitInfoboxField(clean);
  if (field) return `${field[0]}: ${field[1]}`;
  return clean.includes('\n') ? clean.split(/\s*\n\s*/).join(' ') : clean;
}

/** Composes the answer from verbatim sentences, each followed by its citation marker. */
export function composeExtractiveAnswer(index: LoadedIndex, chosen: ScoredSentence[]): Answer {
  if (chosen.length === 0) return { answer: NOT_IN_SOURCES, grounded: false, mode: 'extractive', citations: [] };
  const citations = chosen.map((sentence, i) => buildCitation(i + 1, sentence.span, index.documents));
  const answer = chosen.map((sentence, i) => `${renderSentence(sentence.text)} [${i + 1}]`).join(' ');
  return { answer, grounded: true, mode: 'extractive', citations };
}
