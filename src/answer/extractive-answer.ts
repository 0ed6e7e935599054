import type { Document } from '../corpus/document.js';
import { splitInfoboxField } from '../corpus/parse-wikipedia-text.js';
import type { Chunk } from '../ingest/chunk-document.js';
import type { LoadedIndex } from '../store/index-files.js';
import { idf, weightedTerms } from '../store/bm25.js';
import type { RetrievedPassage } from '../retrieve/hybrid-retrieve.js';
import type { RetrievalQuery } from '../retrieve/condense-query.js';
import { stripFootnotes } from '../text/sentences.js';
import { withAcronyms } from '../text/acronyms.js';
import { synonymsOf } from '../text/synonyms.js';
import { isStopWord, terms, words } from '../text/tokenize.js';
import { NOT_IN_SOURCES, type Answer } from './answer-types.js';
import { buildCitation, type QuotedSpan } from './build-citations.js';
import { vocabularyOf } from './corpus-vocabulary.js';
import { coverageNearFigures, figureForms, figuresIn, figureKinds, figureNearTerms, intersects, termsNearFigures } from './figures.js';
import { looksLikeInstruction } from './instruction-like.js';
import { focusCoverage, focusTerms, termKnown, qualifierMissing, questionQualifiers, unknownEntityShare } from './question-signals.js';
import { asksForCode, expectedAnswerType, matchesAnswerType, requiredNumbers, type AnswerType } from './question-analysis.js';
import { ANSWERABLE_MODEL, FITTED_MODELS, SENTENCE_MODEL, type AnswerModels } from './sentence-model.js';

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
  /** A sentence joins the lead only if the sentence model gives it at least this probability of being evidence… */
  companionFloor: 0.54,
  /** …though a second value for "how many"/"when" may score this fraction of it. */
  conflictFloor: 0.9,
  /** A second value that does not share the question's words but names the lead's quantity may score this low. */
  sameQuantityFloor: 0.3,
  /** A neighbour of a chosen sentence in the same paragraph continues its thought, so it needs less. */
  neighbourRatio: 0.68,
  maxSentences: 3,
  maxChars: 500,
  /** A question that asks two things may quote a part's answer beyond `maxChars`, up to this. */
  maxCharsMultiPart: 750,
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
  /** The sentence has a term the question itself lacks: it says something beyond echoing it ("Observer States:"). */
  addsToQuestion: boolean;
}

interface WeightedQueryTerm {
  term: string;
  weight: number;
  idf: number;
  /** The corpus has the term or one of its synonyms. */
  known: boolean;
}

function dot(vector: number[], matrix: Float32Array, offset: number): number {
  let sum = 0;
  for (let i = 0; i < vector.length; i += 1) sum += vector[i]! * matrix[offset + i]!;
  return sum;
}

const maxIdfOf = (index: LoadedIndex) => Math.log(1 + (index.lexical.documentCount + 0.5) / 1.5);

/** Query terms with idf; a term unknown to the corpus is treated as maximally informative. */
function queryTerms(index: LoadedIndex, query: RetrievalQuery): WeightedQueryTerm[] {
  const weighted = weightedTerms(query.lexicalParts);
  const maxIdf = maxIdfOf(index);
  return [...weighted.entries()].map(([term, weight]) => ({ term, weight, idf: idf(index.lexical, term) || maxIdf, known: termKnown(index, term) }));
}

/** Share of the question's own terms that no document contains, not even as a synonym: a question about
 * something the corpus never mentions. */
function unknownShare(queryTermList: WeightedQueryTerm[]): number {
  const own = queryTermList.filter((entry) => entry.weight >= 1);
  return own.length ? own.filter((entry) => !entry.known).length / own.length : 0;
}

/** The most informative question word (idf, scaled to [0, 1]) that neither the sentence nor its heading has, in
 * any form: one missing key word ("succeeded", "2024") can make a sentence that shares all the others no answer. */
function missingSalience(queryTermList: WeightedQueryTerm[], sentenceTerms: Set<string>, sectionTerms: Set<string>, maxIdf: number): number {
  let missing = 0;
  for (const { term, weight, idf: termIdf } of queryTermList) {
    if (weight < 1 || sentenceTerms.has(term) || sectionTerms.has(term) || synonymsOf(term).some((synonym) => sentenceTerms.has(synonym))) continue;
    missing = Math.max(missing, termIdf / maxIdf);
  }
  return missing;
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
export function sentenceProbability(features: number[], weights: readonly number[] = SENTENCE_MODEL.weights): number {
  let z = 0;
  weights.forEach((weight, i) => (z += weight * (features[i] ?? 0)));
  return 1 / (1 + Math.exp(-z));
}

/** A question's scored sentences, best first, with what the selection needs to know about the question. */
export interface ScoredQuestion {
  sentences: ScoredSentence[];
  question: string;
  answerType: AnswerType;
  /** The question's words that say what is asked (`focusTerms`): the words a second value must stand by. */
  focus: string[];
}

/** Scores every sentence of the retrieved passages against the question. */
export function scoreSentences(options: {
  index: LoadedIndex;
  query: RetrievalQuery;
  question: string;
  passages: RetrievedPassage[];
  queryVector: number[] | undefined;
  /** The sentence model's weights (default: the fitted model). */
  sentenceWeights?: readonly number[];
}): ScoredQuestion {
  const { index, passages, queryVector } = options;
  const answerType = expectedAnswerType(options.question);
  // A code block is never a prose sentence: it is a candidate only when code, a command or configuration is asked for.
  const wantsCode = asksForCode(options.question);
  const queryTermList = queryTerms(index, options.query);
  const dimension = index.manifest.embedder.dimension;
  const sentences: ScoredSentence[] = [];
  const maxLexical = Math.max(1e-9, ...passages.map((passage) => passage.lexicalScore));
  const numbers = requiredNumbers(options.question);
  const questionTerms = new Set(queryTermList.map((entry) => entry.term));
  const unknown = unknownShare(queryTermList);
  const ownQuestionTerms = new Set(terms(options.question));
  const unknownEntities = unknownEntityShare(index, options.question);
  const qualifiers = questionQualifiers(options.question);
  // The titles of the documents retrieved from: their words name what the question is about, not what it asks.
  const retrievedDocuments = [...new Set(passages.map((passage) => index.documents.get(passage.chunk.sourceId)))].filter((document): document is Document => document !== undefined);
  const focus = focusTerms(queryTermList, options.question, retrievedDocuments.map((document) => vocabularyOf(document).titleTerms));
  const maxIdf = maxIdfOf(index);
  const massTerms = queryTermList.map((entry) => ({ term: entry.term, mass: entry.weight * entry.idf }));
  passages.forEach((passage, passageRank) => {
    const document = index.documents.get(passage.chunk.sourceId);
    if (!document) return;
    const { acronyms, titleTerms, lowercaseWords } = vocabularyOf(document);
    const isCommonWord = (word: string) => lowercaseWords.has(word);
    // The heading and the document title are context for every sentence under them.
    const sectionTerms = withAcronyms(new Set([...terms(passage.chunk.sectionPath), ...titleTerms]), acronyms);
    const namesQuestionFigures = numbers.length === 0 || sectionNamesFigures(document, passage.chunk, numbers);
    passage.chunk.sentences.forEach((span, sentenceIndex) => {
      if (span.code && !wantsCode) return;
      const text = stripFootnotes(document.text.slice(span.start, span.end));
      if (looksLikeInstruction(text)) return; // corpus-borne injection: never quoted as an answer
      const sentenceTerms = withAcronyms(new Set(terms(text)), acronyms);
      const cov = coverage(queryTermList, sentenceTerms, sectionTerms);
      const vectorOffset = (index.sentenceBase[passage.chunkIndex]! + sentenceIndex) * dimension;
      const dense = queryVector ? Math.max(0, dot(queryVector, index.sentenceVectors, vectorOffset)) : 0;
      const typeMatch = matchesAnswerType(answerType, text, options.question, isCommonWord);
      const focused = focusCoverage(focus, sentenceTerms);
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
        span.field ? 1 : 0,
        namesQuestionFigures ? 1 : 0,
        novelty(sentenceTerms, questionTerms),
        unknown,
        missingSalience(queryTermList, sentenceTerms, sectionTerms, maxIdf),
        unknownEntities,
        qualifierMissing(qualifiers, text),
        focused,
        // For "how many"/"when", the question's words must stand by the figure, not elsewhere in the sentence.
        answerType === 'number' || answerType === 'date' || answerType === 'duration' ? coverageNearFigures(text, massTerms, sectionTerms, EXTRACTIVE_WEIGHTS.synonym) : 0,
      ];
      const score = sentenceProbability(features, options.sentenceWeights);
      const addsToQuestion = [...sentenceTerms].some((term) => !ownQuestionTerms.has(term));
      sentences.push({ span: { chunk: passage.chunk, start: span.start, end: span.end }, passageRank, sentenceIndex, text, features, score, answersType: typeMatch, namesQuestionFigures, addsToQuestion });
    });
  });
  sentences.sort((a, b) => b.score - a.score || a.passageRank - b.passageRank || a.span.start - b.span.start);
  return { sentences, question: options.question, answerType, focus };
}

const sectionWordSets = new WeakMap<Document, Map<number, Set<string>>>();

/** A section's words, tokenised once per section (a document without headings is one long section). */
function sectionWordsOf(document: Document, section: { start: number; end: number }): Set<string> {
  let sets = sectionWordSets.get(document);
  if (!sets) sectionWordSets.set(document, (sets = new Map()));
  let set = sets.get(section.start);
  if (!set) sets.set(section.start, (set = new Set(words(document.text.slice(section.start, section.end)))));
  return set;
}

/** Whether the figure the question names (one of them, when it names several) occurs in the section holding
 * `chunk`. */
function sectionNamesFigures(document: Document, chunk: Chunk, numbers: string[]): boolean {
  const section = document.sections.find((candidate) => candidate.title === chunk.section && candidate.start <= chunk.start && chunk.end <= candidate.end);
  const sectionWords = section ? sectionWordsOf(document, section) : new Set(words(chunk.text));
  // "In 2020" must be 2020; "between December 2013 and June 2014" is answered by either end; "the 1980s" by 1980.
  const named = (number: string) => figureForms(number).some((form) => sectionWords.has(form));
  return numbers.length === 1 ? named(numbers[0]!) : numbers.some(named);
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

/** Question types whose answer can be recognised in a sentence: a date, a figure, a person's or a place's name. */
const TYPED_ANSWERS = new Set<AnswerType>(['date', 'duration', 'number', 'person', 'placeName']);

/** The sentence an answer would lead with: the best-scored one that names the question's figures and, for
 * "when"/"how many"/"who", holds a date, figure or name the question lacks. */
export function leadSentence(scored: ScoredSentence[], answerType: AnswerType): ScoredSentence | undefined {
  // "How many member states in 2020?": an answer about another year is not an answer. "When…", "how many…",
  // "who…": a sentence without a date, a figure or a name the question lacks does not answer it either.
  // A sentence that only echoes the question ("Observer States:" for "which are the observer states?") says
  // nothing it did not already know; one that shares only the names ("Australia" for "the capital of Australia")
  // is about something else.
  const gated = TYPED_ANSWERS.has(answerType);
  return scored.find((sentence) => sentence.namesQuestionFigures && (!gated || sentence.answersType) && sentence.addsToQuestion && coversFocus(sentence));
}

const SENTENCE_FEATURE_INDEX = new Map<string, number>(SENTENCE_MODEL.features.map((name, i) => [name, i]));
const FOCUS_COVERAGE = SENTENCE_FEATURE_INDEX.get('focusCoverage')!;

/** The sentence has one of the words saying what is asked ("capital" in "the capital of Australia"), or a synonym. */
const coversFocus = (sentence: ScoredSentence) => (sentence.features[FOCUS_COVERAGE] ?? 0) > 0;

/** What the question-level abstention model reads of the lead sentence, in `ANSWERABLE_MODEL.features` order. */
export function answerableFeatures(lead: ScoredSentence): number[] {
  // Every feature but the bias and the lead's own probability is the sentence feature of the same name.
  return ANSWERABLE_MODEL.features.map((name) => (name === 'bias' ? 1 : name === 'leadScore' ? lead.score : (lead.features[SENTENCE_FEATURE_INDEX.get(name)!] ?? 0)));
}

/** P(the sources answer the question), from the lead sentence's evidence: the calibrated abstention. */
export function answerableProbability(lead: ScoredSentence, weights: readonly number[] = ANSWERABLE_MODEL.weights): number {
  const x = answerableFeatures(lead);
  let z = 0;
  weights.forEach((weight, i) => (z += weight * (x[i] ?? 0)));
  return 1 / (1 + Math.exp(-z));
}

export interface SelectionThresholds {
  /** Sentence-model probability below which no sentence is evidence (also the floor for companions). */
  abstainBelow: number;
  /** The question-level model; absent, only `abstainBelow` decides. */
  answerable?: { weights: readonly number[]; threshold: number };
}

/** The thresholds of a set of fitted models. */
export const thresholdsOf = (models: AnswerModels): SelectionThresholds => ({ abstainBelow: models.sentence.abstainBelow, answerable: models.answerable });

const DEFAULT_THRESHOLDS: SelectionThresholds = thresholdsOf(FITTED_MODELS);

export function selectSentences({ sentences: scored, question, answerType, focus }: ScoredQuestion, thresholds: SelectionThresholds = DEFAULT_THRESHOLDS): ScoredSentence[] {
  const { abstainBelow, answerable } = thresholds;
  const questionTerms = new Set(terms(question));
  const lead = leadSentence(scored, answerType);
  if (!lead || lead.score < abstainBelow) return [];
  if (answerable && answerableProbability(lead, answerable.weights) < answerable.threshold) return [];
  scored = [lead, ...scored.filter((sentence) => sentence !== lead)];
  const chosen = [scored[0]!];
  let length = chosen[0]!.text.length;
  const wantsFigure = answerType === 'number' || answerType === 'date';
  const leadFigures = figuresIn(lead.text);
  const shownFigures = new Set(leadFigures);
  // What the lead's figure counts and the words it stands by: only "how many/how much" pairs a second value by them.
  const leadKinds = answerType === 'number' ? figureKinds(lead.text, leadFigures) : new Set<string>();
  const leadAnchors = answerType === 'number' ? termsNearFigures(lead.text, leadFigures.filter((figure) => !questionTerms.has(figure)), new Set([...questionTerms, ...leadKinds])) : new Set<string>();
  // The words a second value must stand by when it is not the lead's quantity: those saying what is asked (a date
  // beside the organisation's name in "when was the International Organization for Migration founded?" is not a
  // second founding date), else the question's.
  const askedTerms = focus.length > 0 ? new Set(focus) : questionTerms;
  const ownTerms = [...questionTerms].filter((term) => !isStopWord(term));
  // Question terms a quoted sentence (or a synonym in it) already covers.
  const covered = (sentenceTerms: Set<string>) => ownTerms.filter((term) => sentenceTerms.has(term) || synonymsOf(term).some((synonym) => sentenceTerms.has(synonym)));
  const coveredSoFar = new Set(covered(termSet(lead.text)));
  const addsCoverage = (candidateTerms: Set<string>, quoted: ScoredSentence[]) => quoted.length > 0 && covered(candidateTerms).some((term) => !coveredSoFar.has(term));
  const isNeighbour = (candidate: ScoredSentence) =>
    chosen.some((other) => other.span.chunk.id === candidate.span.chunk.id && Math.abs(other.sentenceIndex - candidate.sentenceIndex) === 1);
  for (const candidate of scored.slice(1)) {
    if (chosen.length >= EXTRACTIVE_WEIGHTS.maxSentences) break;
    // A runner-up must itself look like an answer (a second value may sit lower: an infobox field is terse and may
    // not share the question's words, but then it must name the same quantity as the lead, checked below).
    if (candidate.score < EXTRACTIVE_WEIGHTS.sameQuantityFloor) break;
    if (!wantsFigure && candidate.score < EXTRACTIVE_WEIGHTS.companionFloor) continue;
    if (length + candidate.text.length > EXTRACTIVE_WEIGHTS.maxChars) continue;
    const candidateTerms = termSet(candidate.text);
    // Skip a sentence that repeats what is already quoted (same terms).
    if (chosen.some((other) => containment(candidateTerms, termSet(other.text)) > 0.7)) continue;
    const candidateFigures = figuresIn(candidate.text);
    const newFigures = candidateFigures.filter((figure) => !shownFigures.has(figure));
    if (wantsFigure) {
      // For "when"/"how many", a runner-up earns its place with a different value for the same thing the best
      // sentence answers (sources that disagree, or a second date): it must cover the question about as well.
      if (!candidate.answersType || candidateFigures.length === 0 || newFigures.length * 2 <= candidateFigures.length) continue;
      // …and count the same thing: "156 member states" against "155 member states", dollars against dollars,
      // not "800,000 people" against "US$35 billion".
      if (answerType === 'number' && !intersects(figureKinds(candidate.text, newFigures), leadKinds)) continue;
      // Its figure stands by a word of the question ("10 observer states") or by the word the lead's figure stands
      // by ("Budget US$1.675 billon" beside "operating budget of $1.3 billion").
      const sameQuantity = answerType === 'number' && figureNearTerms(candidate.text, newFigures, leadAnchors);
      if (!sameQuantity && !figureNearTerms(candidate.text, newFigures, askedTerms)) continue;
      if (!sameQuantity && candidate.score < EXTRACTIVE_WEIGHTS.companionFloor * EXTRACTIVE_WEIGHTS.conflictFloor) continue;
    } else {
      const ratio = isNeighbour(candidate) ? EXTRACTIVE_WEIGHTS.neighbourRatio : EXTRACTIVE_WEIGHTS.companionRatio;
      if (candidate.score < chosen[0]!.score * ratio) continue;
      // One sentence is enough unless this one answers a part of the question the quoted ones leave out. ("Who…",
      // "where…": a close runner-up naming someone or somewhere else is kept, the reader sees both.)
      if (!(answerType === 'person' || answerType === 'place' || answerType === 'placeName') && !addsCoverage(candidateTerms, chosen)) continue;
    }
    chosen.push(candidate);
    for (const term of covered(candidateTerms)) coveredSoFar.add(term);
    for (const figure of candidateFigures) shownFigures.add(figure);
    length += candidate.text.length;
  }
  // Read in document order, as the source does.
  return inDocumentOrder(chosen);
}

/** The parts' answers together: each part's sentences, best first, while they fit the multi-part length budget; the
 * first sentence of every answered part comes before any part's second. */
export function withPartAnswers(partAnswers: ScoredSentence[][]): ScoredSentence[] {
  const result: ScoredSentence[] = [];
  let length = 0;
  const same = (a: ScoredSentence, b: ScoredSentence) => a.span.chunk.sourceId === b.span.chunk.sourceId && a.span.start === b.span.start;
  const ranked = partAnswers.map((answer) => [...answer].sort((a, b) => b.score - a.score));
  const rounds = Math.max(0, ...ranked.map((answer) => answer.length));
  for (let round = 0; round < rounds; round += 1) {
    for (const answer of ranked) {
      const sentence = answer[round];
      if (!sentence || result.some((other) => same(other, sentence))) continue;
      if (length + sentence.text.length > EXTRACTIVE_WEIGHTS.maxCharsMultiPart) continue;
      result.push(sentence);
      length += sentence.text.length;
    }
  }
  return inDocumentOrder(result);
}

/** Sentences as the sources read: by document, then by position. */
export function inDocumentOrder(sentences: ScoredSentence[]): ScoredSentence[] {
  return [...sentences].sort((a, b) => a.span.chunk.sourceId.localeCompare(b.span.chunk.sourceId) || a.span.start - b.span.start);
}

/** Renders a quoted unit as answer text: footnote markers dropped, infobox "Label\nValue" as "Label: Value". */
export function renderSentence(text: string): string {
  const clean = stripFootnotes(text).trim();
  const field = splitInfoboxField(clean);
  if (field) return `${field[0]}: ${field[1]}`;
  return clean.includes('\n') ? clean.split(/\s*\n\s*/).join(' ') : clean;
}

/** A quoted list lead-in with its items may run to this many characters: about two paragraphs, still a quote to
 * check, not a page. Items beyond it are left out whole. */
const LIST_QUOTE_MAX_CHARS = 700;

/**
 * A list's lead-in ("Cookies are mainly used for three purposes:") says nothing without its items: it is quoted with
 * the items that follow it in its list block, whole items only, within the chunk and `LIST_QUOTE_MAX_CHARS`.
 */
export function withListItems(index: LoadedIndex, sentence: ScoredSentence): ScoredSentence {
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
export function composeExtractiveAnswer(index: LoadedIndex, chosen: ScoredSentence[]): Answer {
  if (chosen.length === 0) return { answer: NOT_IN_SOURCES, grounded: false, mode: 'extractive', citations: [] };
  chosen = chosen.map((sentence) => withListItems(index, sentence));
  const citations = chosen.map((sentence, i) => buildCitation(i + 1, sentence.span, index.documents));
  const answer = chosen.map((sentence, i) => `${renderSentence(sentence.text)} [${i + 1}]`).join(' ');
  return { answer, grounded: true, mode: 'extractive', citations };
}
