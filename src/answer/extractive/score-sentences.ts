import type { Document } from '../../domain/document.js';
import type { Chunk } from '../../domain/chunk.js';
import { spanWithin } from '../../domain/span.js';
import { dotAt } from '../../embeddings/vector-math.js';
import type { RetrievedPassage } from '../../retrieve/hybrid-retrieve.js';
import { withAcronyms } from '../../text/acronyms.js';
import { groupSynonymsOf } from '../../text/synonyms.js';
import { stripFootnotes } from '../../text/sentences.js';
import { stem, terms, words } from '../../text/tokenize.js';
import { looksLikeInstruction } from '../instruction-like.js';
import { SENTENCE_MODEL } from '../sentence-model.js';
import { BOUND_STATED, type QuestionAnalysis } from './analyse-question.js';
import { matchesAnswerType } from './answer-type.js';
import { ENDS_IN_COLON, withListItems } from './list-lead-in.js';
import type { PassageContext } from './passage-context.js';
import type { QuotedSentence } from './quoted-sentence.js';
import { vocabularyOf } from './document-vocabulary.js';
import { coverageNearFigures, figureForms } from './figures.js';
import { sentenceVector, type SentenceFeatures } from './sentence-features.js';
import { EXTRACTIVE_WEIGHTS, LENGTH_CAP_CHARS, LENGTH_SCALE_CHARS } from './thresholds.js';

export type { QuotedSentence };

export interface ScoredSentence extends QuotedSentence {
  passageRank: number;
  sentenceIndex: number;
  features: SentenceFeatures;
  /** Probability, by the sentence model, that this sentence answers the question. */
  score: number;
  /** The sentence holds an answer of the expected type (a date for "when", a figure for "how many"…). */
  answersType: boolean;
  /** The figures the question names (a year) appear in the sentence's section: "this year" there is that year. */
  namesQuestionFigures: boolean;
  /** The sentence has a term the question itself lacks: it says something beyond echoing it ("Observer States:"). */
  addsToQuestion: boolean;
  /** The sentence (or its heading, or its document's title) states every bound the question asks for. */
  statesBounds: boolean;
}

/** A question's scored sentences, best first, with what selection needs to know about the question. */
export interface ScoredQuestion {
  sentences: ScoredSentence[];
  analysis: QuestionAnalysis;
  /** The question's words that say what is asked (its focus terms less the retrieved documents' title words): the
   * words a second value must stand by. */
  focus: string[];
}

/** A sentence model: the names of the features it weighs, in the order of its weights. */
export interface SentenceModel {
  features: readonly string[];
  weights: readonly number[];
}

/** Logistic model over a feature vector: a probability, comparable across questions, so abstention is calibrated. */
export function sentenceProbability(vector: readonly number[], weights: readonly number[]): number {
  let z = 0;
  weights.forEach((weight, i) => (z += weight * (vector[i] ?? 0)));
  return 1 / (1 + Math.exp(-z));
}

/** A bibliographic note: a link or DOI, an ISBN, "See …"/"Cf. …"/"Ibid." at its start, or a closing year. */
const CITES_A_SOURCE = /https?:\/\/|\bdoi:|\bISBN\b|^(?:\[\d+\]|\d+|[*†‡§])?\s*(?:see|cf\.|ibid)\b|\b(?:1[5-9]|20)\d\d\.?$/i;

/** Scores every sentence of the retrieved passages against the analysed question. */
export function scoreSentences(options: {
  context: PassageContext;
  analysis: QuestionAnalysis;
  passages: RetrievedPassage[];
  queryVector: number[] | undefined;
  /** The sentence model (default: the committed one). */
  model?: SentenceModel;
}): ScoredQuestion {
  const { context, analysis, passages, queryVector, model = SENTENCE_MODEL } = options;
  const { answerType, queryTerms, synonymsOf } = analysis;
  const { documents, dimension } = context;
  const sentences: ScoredSentence[] = [];
  const maxLexical = Math.max(1e-9, ...passages.map((passage) => passage.lexicalScore));
  const queryTermSet = new Set(queryTerms.map((entry) => entry.term));
  // The titles of the documents retrieved from: their words name what the question is about, not what it asks.
  const retrievedDocuments = [...new Set(passages.map((passage) => documents.get(passage.chunk.sourceId)))].filter(
    (document): document is Document => document !== undefined,
  );
  const titleTerms = new Set(retrievedDocuments.flatMap((document) => vocabularyOf(document).titleTerms));
  const focus = analysis.focusTerms.filter((term) => !titleTerms.has(term));
  const massTerms = queryTerms.map((entry) => ({ term: entry.term, mass: entry.weight * entry.idf }));
  const hasSynonymIn = (term: string, set: Set<string>) => synonymsOf(term).some((synonym) => set.has(synonym));
  // A WordNet synonym is a word's first sense, often not the one meant ("found" → "launch", "header" → "head"): it
  // earns less than a general-English group's.
  const synonymCredit = (term: string, set: Set<string>) =>
    groupSynonymsOf(term).some((synonym) => set.has(synonym)) ? 1 : hasSynonymIn(term, set) ? EXTRACTIVE_WEIGHTS.wordnetCredit : 0;
  passages.forEach((passage, passageRank) => {
    const document = documents.get(passage.chunk.sourceId);
    const sentenceVectors = context.sentenceVectors.get(passage.chunkIndex);
    if (!document) return;
    const { acronyms, titleTerms: documentTitleTerms, lowercaseWords } = vocabularyOf(document);
    const isCommonWord = (word: string) => lowercaseWords.has(word);
    // The heading and the document title are context for every sentence under them.
    const sectionTerms = withAcronyms(new Set([...terms(passage.chunk.sectionPath), ...documentTitleTerms]), acronyms);
    const namesQuestionFigures = analysis.requiredNumbers.length === 0 || sectionNamesFigures(document, passage.chunk, analysis.requiredNumbers);
    passage.chunk.sentences.forEach((span, sentenceIndex) => {
      // A code block is never a prose sentence: it is a candidate only when code, a command or configuration is asked for.
      if (span.code && !analysis.wantsCode) return;
      const text = stripFootnotes(document.text.slice(span.start, span.end));
      // A footnote that cites a source (a link, "See …", a publication and its year) says where a claim comes from,
      // not the claim: a candidate only when a source is asked for. A footnote with an aside of its own is prose.
      if (span.note && CITES_A_SOURCE.test(text) && !analysis.asksForSource) return;
      if (looksLikeInstruction(text)) return; // corpus-borne injection: never quoted as an answer
      const sentenceTerms = withAcronyms(new Set(terms(text)), acronyms);
      const covered = coverage(analysis, sentenceTerms, sectionTerms, synonymCredit);
      // A list's lead-in stands for its items ("Subteams:" answers "which subteams…" with the list under it).
      const quoted = withListItems(
        documents,
        { span: { chunk: passage.chunk, start: span.start, end: span.end }, text, field: span.field === true },
        { code: analysis.wantsCode },
      );
      const answerText = quoted.text;
      const typeMatch = matchesAnswerType(answerType, answerText, analysis, isCommonWord);
      const typed = answerType !== 'other';
      const features: SentenceFeatures = {
        bias: 1,
        coverage: covered.weighted,
        exactCoverage: covered.exact,
        termFraction: covered.fraction,
        sentenceDense: queryVector && sentenceVectors ? Math.max(0, dotAt(queryVector, sentenceVectors, sentenceIndex * dimension)) : 0,
        passageDense: passage.denseScore,
        passageLexical: passage.lexicalScore / maxLexical,
        passageRankInverse: 1 / (passageRank + 1),
        typeMatch: typed && typeMatch ? 1 : 0,
        typeMiss: typed && !typeMatch ? 1 : 0,
        length: Math.min(text.length, LENGTH_CAP_CHARS) / LENGTH_SCALE_CHARS,
        field: span.field ? 1 : 0,
        figuresPresent: namesQuestionFigures ? 1 : 0,
        novelty: novelty(sentenceTerms, queryTermSet),
        unknownTerms: analysis.unknownTermShare,
        missingSalience: missingSalience(analysis, sentenceTerms, sectionTerms, hasSynonymIn),
        unknownEntities: analysis.unknownEntityShare,
        unknownSpecific: analysis.unknownSpecific ? 1 : 0,
        qualifierMissing: qualifierMissing(analysis.qualifiers, text),
        focusCoverage:
          focus.length === 0 ? 1 : focus.reduce((sum, term) => sum + (sentenceTerms.has(term) ? 1 : synonymCredit(term, sentenceTerms)), 0) / focus.length,
        // For "how many"/"when", the question's words must stand by the figure, not elsewhere in the sentence.
        answerCoverage:
          answerType === 'number' || answerType === 'date' || answerType === 'duration'
            ? coverageNearFigures(text, massTerms, sectionTerms, EXTRACTIVE_WEIGHTS.synonym, synonymsOf)
            : 0,
        // A list's lead-in is quoted with its items; any other lead-in would be quoted without what it introduces.
        leadsIn: ENDS_IN_COLON.test(answerText) ? 1 : 0,
      };
      const score = sentenceProbability(sentenceVector(features, model.features), model.weights);
      const addsToQuestion = [...(answerText === text ? sentenceTerms : new Set(terms(answerText)))].some((term) => !analysis.ownTerms.has(term));
      const context = `${answerText} ${passage.chunk.sectionPath} ${document.title}`;
      const statesBounds = analysis.bounds.every((bound) => BOUND_STATED[bound].test(context));
      sentences.push({
        span: { chunk: passage.chunk, start: span.start, end: span.end },
        field: span.field === true,
        passageRank,
        sentenceIndex,
        text,
        features,
        score,
        answersType: typeMatch,
        namesQuestionFigures,
        addsToQuestion,
        statesBounds,
      });
    });
  });
  sentences.sort((a, b) => b.score - a.score || a.passageRank - b.passageRank || a.span.start - b.span.start);
  return { sentences, analysis, focus };
}

type HasSynonymIn = (term: string, set: Set<string>) => boolean;

/** Idf-weighted share of the question found in the sentence: full credit for the word, partial for a synonym or
 * the heading; `exact` counts only the question's own words; `fraction` is the unweighted share of its own terms. */
function coverage(
  { queryTerms }: QuestionAnalysis,
  sentenceTerms: Set<string>,
  sectionTerms: Set<string>,
  synonymCredit: (term: string, set: Set<string>) => number,
): { weighted: number; exact: number; fraction: number } {
  let total = 0;
  let matched = 0;
  let exact = 0;
  let ownTerms = 0;
  let ownMatched = 0;
  for (const { term, weight, idf: termIdf } of queryTerms) {
    const mass = weight * termIdf;
    total += mass;
    if (weight >= 1) ownTerms += 1;
    if (sentenceTerms.has(term)) {
      matched += mass;
      exact += mass;
      if (weight >= 1) ownMatched += 1;
    } else if (synonymCredit(term, sentenceTerms) > 0) {
      const credit = EXTRACTIVE_WEIGHTS.synonym * synonymCredit(term, sentenceTerms);
      matched += mass * credit;
      if (weight >= 1) ownMatched += credit;
    } else if (sectionTerms.has(term)) matched += mass * EXTRACTIVE_WEIGHTS.sectionTitle;
  }
  return { weighted: total > 0 ? matched / total : 0, exact: total > 0 ? exact / total : 0, fraction: ownTerms > 0 ? ownMatched / ownTerms : 0 };
}

/** The most informative question word (idf, scaled to [0, 1]) that neither the sentence nor its heading has, in
 * any form: one missing key word ("succeeded", "2024") can make a sentence that shares all the others no answer. */
function missingSalience({ queryTerms, maxIdf }: QuestionAnalysis, sentenceTerms: Set<string>, sectionTerms: Set<string>, hasSynonymIn: HasSynonymIn): number {
  let missing = 0;
  for (const { term, weight, idf: termIdf } of queryTerms) {
    if (weight < 1 || sentenceTerms.has(term) || sectionTerms.has(term) || hasSynonymIn(term, sentenceTerms)) continue;
    missing = Math.max(missing, termIdf / maxIdf);
  }
  return missing;
}

/** Share of a sentence's terms the question does not already contain: a sentence that only echoes the question
 * is not an answer. */
function novelty(sentenceTerms: Set<string>, questionTerms: Set<string>): number {
  if (sentenceTerms.size === 0) return 0;
  let fresh = 0;
  for (const term of sentenceTerms) if (!questionTerms.has(term)) fresh += 1;
  return fresh / sentenceTerms.size;
}

/** 1 when the sentence lacks one of the question's qualifiers ("the first Director General", "who came before"). */
function qualifierMissing(questionQualifiers: string[], sentence: string): number {
  if (questionQualifiers.length === 0) return 0;
  const sentenceStems = new Set(words(sentence).map(stem));
  return questionQualifiers.some((word) => !sentenceStems.has(stem(word))) ? 1 : 0;
}

const sectionWordSets = new WeakMap<Document, Map<number, Set<string>>>();

/** A section's words, tokenised once per section (a document without headings is one long section). */
function sectionWordsOf(document: Document, section: { start: number; end: number }): Set<string> {
  let sets = sectionWordSets.get(document);
  if (!sets) sectionWordSets.set(document, (sets = new Map<number, Set<string>>()));
  let set = sets.get(section.start);
  if (!set) sets.set(section.start, (set = new Set(words(document.text.slice(section.start, section.end)))));
  return set;
}

/** Whether the figure the question names (one of them, when it names several) occurs in the section holding
 * `chunk`, or names the document itself: in its title, file name or metadata ("RFC 959", "the 1985 edition" of a
 * document dated October 1985). */
function sectionNamesFigures(document: Document, chunk: Chunk, numbers: string[]): boolean {
  const section = document.sections.find((candidate) => candidate.title === chunk.section && spanWithin(chunk, candidate));
  const sectionWords = section ? sectionWordsOf(document, section) : new Set(words(chunk.text));
  const documentWords = documentWordsOf(document);
  // "In 2020" must be 2020; "between December 2013 and June 2014" is answered by either end; "the 1980s" by 1980.
  const named = (number: string) => figureForms(number).some((form) => sectionWords.has(form) || documentWords.has(form));
  return numbers.length === 1 ? named(numbers[0]!) : numbers.some(named);
}

const documentWordSets = new WeakMap<Document, Set<string>>();

/** The words that name a document: its title, file name and metadata values. */
function documentWordsOf(document: Document): Set<string> {
  let set = documentWordSets.get(document);
  if (!set)
    documentWordSets.set(
      document,
      (set = new Set(words(`${document.title} ${document.file.replace(/[^\p{L}\p{N}]+/gu, ' ')} ${Object.values(document.metadata ?? {}).join(' ')}`))),
    );
  return set;
}
