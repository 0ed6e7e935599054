import type { RetrievalQuery } from '../../retrieve/condense-query.js';
import { idfOf, unseenIdfOf, weightedTerms } from '../../store/bm25.js';
import type { IndexReader } from '../../store/index-reader.js';
import { synonymExpansion, type SynonymsOf } from '../../text/synonyms.js';
import { isStopWord, terms, wholeTerms, words } from '../../text/tokenize.js';
import { nounsIn } from '../../text/nouns.js';
import { wordnetKnows } from '../../text/wordnet.js';
import { asksForMoney, asksForVersion, asksHowOften, countedNouns, expectedAnswerType, type AnswerType } from './answer-type.js';
import { looksLikeInstruction } from '../instruction-like.js';
import { questionEntities, unknownEntityShare } from './question-entities.js';

/** A term of the retrieval query with what the answerer weighs it by. */
export interface WeightedQueryTerm {
  term: string;
  /** 1 for the question's own words, less for words borrowed from the conversation. */
  weight: number;
  /** The term's idf; a term unknown to the corpus counts as maximally informative. */
  idf: number;
  /** The corpus has the term or one of its synonyms. */
  known: boolean;
}

/** What the question's own text says, without an index. */
export interface QuestionText {
  text: string;
  /** `words(text)`: raw words, stop words kept. */
  words: Set<string>;
  /** `terms(text)`: stemmed content terms. */
  ownTerms: Set<string>;
  answerType: AnswerType;
  /** It asks for code, a command or configuration: only then is a code block a candidate. */
  wantsCode: boolean;
  /** It asks where something comes from or was published: only then is a footnote citing a source a candidate. */
  asksForSource: boolean;
  /** Years and other figures it names: an answer must be about them. */
  requiredNumbers: string[];
  /** Words qualifying what is asked ("first", "before"): a sentence without them answers another question. */
  qualifiers: string[];
  /** Bounds it asks for (a default, a maximum, a minimum): only a passage that states one answers it. */
  bounds: Bound[];
  /** The names it uses (`questionEntities`). */
  entities: string[];
  /** What "how many" counts. */
  countedNouns: string[];
  asksForMoney: boolean;
  /** It asks which version or release. */
  asksForVersion: boolean;
  /** It asks how often. */
  asksHowOften: boolean;
  /** The synonyms the answerer credits for a term: the general-English groups, and the WordNet synonyms of the
   * question's words (and of the conversation's, for a follow-up), as retrieval expanded them. */
  synonymsOf: SynonymsOf;
}

/** Everything the answerer reads of a question, computed once per question and index. */
export interface QuestionAnalysis extends QuestionText {
  /** The question leans on the conversation (its retrieval query borrows earlier turns' words). */
  followUp: boolean;
  /** The retrieval query's terms (the question's own and any borrowed), with idf. */
  queryTerms: WeightedQueryTerm[];
  /** The idf of a term the corpus lacks: what idfs are scaled by. */
  maxIdf: number;
  /** Share of its own terms that no document contains, not even as a synonym. */
  unknownTermShare: number;
  /** Share of the names it uses that the corpus never mentions. */
  unknownEntityShare: number;
  /** It has a word that neither the corpus (nor a synonym in it) nor the English dictionary knows: a name, code or
   * figure the documents never mention ("virtualenv", "429", "2024"), which a paraphrase cannot stand in for; or a
   * name joined by punctuation ("Alt-Svc", "re.VERBOSE") that the corpus never has whole. */
  unknownSpecific: boolean;
  /** Its own terms that say what is asked rather than what it is about: minus those of the names it uses ("capital"
   * in "What is the capital of Australia?"). Scoring also removes the retrieved documents' title words. */
  focusTerms: string[];
  /** The corpus has (or has a synonym of) one of its nouns, or, when it has none, one of its words: "???", another
   * language or a question about something else ("How do I tune a ukulele?") has none. */
  asksAboutCorpus: boolean;
}

/** "After that", "before this" point back into the conversation and are not a qualifier. */
const QUALIFIERS = new Set([
  'first',
  'last',
  'latest',
  'earliest',
  'previous',
  'next',
  'before',
  'after',
  'prior',
  'former',
  'succeeded',
  'succeed',
  'succeeds',
  'successor',
  'predecessor',
  'preceded',
  'end',
  'ended',
  'until',
]);

/**
 * Whether the question asks for code, a command or configuration ("what is the syntax of…", "show an example of…",
 * "which command…", "how do I configure…"): only then is a code block quoted, and whole.
 */
const ASKS_FOR_CODE =
  /\b(?:commands?|syntax|examples?|snippets?|code|configur\w*|config|directives?|grammar|format of|look like|how (?:do|can|would|should) (?:i|you|we|one) (?:write|set|configure|enable|disable|send|run|type|call|invoke|declare|specify))\b/i;

/** Words asking for the source of a claim, which is what a footnote gives. */
const ASKS_FOR_SOURCE = /\b(?:sources?|references?|referenced|cites?|cited|citations?|footnotes?|publications?|published|publishers?|bibliograph\w*)\b/i;

/** A value a question may ask for that a passage must state as such: what holds when nothing is said, the most,
 * the least. "What is the default timeout?" is not answered by a passage giving a timeout, only by one giving the
 * default. */
export type Bound = 'default' | 'maximum' | 'minimum';

const BOUND_ASKED: [Bound, RegExp][] = [
  ['default', /\bdefaults?\b/i],
  // Superlatives ('the two biggest networks') mostly describe; these words ask for the bound itself.
  ['maximum', /\b(?:maximum|max|at most|upper limit)\b/i],
  ['minimum', /\b(?:minimum|min|at least|lower limit)\b/i],
];

/** How a passage states each bound, in general English. */
export const BOUND_STATED: Record<Bound, RegExp> = {
  default: /\b(?:defaults?|unless|otherwise|omitted|implicit(?:ly)?|assumed?|if (?:no|not|none|absent|missing))\b/i,
  maximum:
    /\b(?:maximum|max|at most|up to|no more than|not more than|exceed(?:s|ed|ing)?|limit(?:s|ed)?|largest|longest|highest|upper|less than|fewer than|within|or (?:less|fewer|lower|earlier|older|below|under))\b/i,
  minimum:
    /\b(?:minimum|min|at least|no less than|not less than|no fewer than|smallest|shortest|lowest|lower|more than|greater than|larger than|exceed(?:s|ed|ing)?|above|or (?:more|greater|higher|later|newer|above|over))\b/i,
};

/** The bounds a question asks for. */
export function questionBounds(question: string): Bound[] {
  return BOUND_ASKED.filter(([, cue]) => cue.test(question)).map(([bound]) => bound);
}

/** Years and other figures named in the question: an answer must be about them. */
export function requiredNumbers(question: string): string[] {
  return words(question).filter((word) => /^\d+(\.\d+)?s?$/.test(word));
}

/** The qualifiers a question uses. */
export function questionQualifiers(question: string): string[] {
  return words(question.replace(/\b(after|before|until|prior to)\s+(that|this|then|it)\b/gi, ' ')).filter((word) => QUALIFIERS.has(word));
}

/** What a question's text says, index aside; synonyms by default those of its own words. */
export function readQuestion(question: string, synonymsOf: SynonymsOf = synonymExpansion([question])): QuestionText {
  return {
    text: question,
    words: new Set(words(question)),
    ownTerms: new Set(terms(question)),
    answerType: expectedAnswerType(question),
    wantsCode: ASKS_FOR_CODE.test(question),
    asksForSource: ASKS_FOR_SOURCE.test(question),
    requiredNumbers: requiredNumbers(question),
    qualifiers: questionQualifiers(question),
    bounds: questionBounds(question),
    entities: questionEntities(question),
    countedNouns: countedNouns(question),
    asksForMoney: asksForMoney(question),
    asksForVersion: asksForVersion(question),
    asksHowOften: asksHowOften(question),
    synonymsOf,
  };
}

/** The question as the answerer reads it over `index`, with `query` its retrieval query (the question, or the
 * question with the conversation's words for a follow-up). */
export async function analyseQuestion(options: { index: IndexReader; question: string; query: RetrievalQuery }): Promise<QuestionAnalysis> {
  const { index, query } = options;
  const read = readQuestion(options.question, synonymExpansion(query.lexicalParts.map((part) => part.text)));
  const weighted = weightedTerms(query.lexicalParts);
  const questionTerms = [...terms(options.question)];
  const nounTerms = nounsIn(options.question).flatMap((noun) => terms(noun));
  // One read of the index for every term the analysis asks about: the query's and the question's, with their synonyms.
  const asked = new Set([...weighted.keys(), ...questionTerms, ...nounTerms].flatMap((term) => [term, ...read.synonymsOf(term)]));
  const { chunkCount, frequencies } = await index.termFrequencies([...asked]);
  const hasTerm = (term: string) => (frequencies.get(term) ?? 0) > 0;
  const termKnown = (term: string) => hasTerm(term) || read.synonymsOf(term).some(hasTerm);
  const maxIdf = unseenIdfOf(chunkCount);
  const queryTerms = [...weighted.entries()].map(([term, weight]) => ({
    term,
    weight,
    idf: idfOf(chunkCount, frequencies.get(term) ?? 0) || maxIdf,
    known: termKnown(term),
  }));
  const own = queryTerms.filter((entry) => entry.weight >= 1);
  const named = new Set(read.entities.flatMap((entity) => terms(entity)));
  return {
    ...read,
    followUp: query.followUp,
    queryTerms,
    maxIdf,
    unknownTermShare: own.length ? own.filter((entry) => !entry.known).length / own.length : 0,
    unknownEntityShare: await unknownEntityShare(index, read.entities),
    unknownSpecific:
      words(options.question).some((word) => !isStopWord(word) && terms(word).length > 0 && !terms(word).some(termKnown) && !wordnetKnows(word)) ||
      // A name, a code or a short option is known whole or not at all.
      wholeTerms(options.question).some((term) => !hasTerm(term)),
    focusTerms: own.filter((entry) => !named.has(entry.term)).map((entry) => entry.term),
    // What a question is about is named by its nouns: one none of whose nouns (nor their synonyms) the corpus has asks
    // about something the documents never discuss ("How do I tune a ukulele?"), however common its verbs ("tune",
    // "make"). A question without nouns ("How do I quit?") asks about the corpus when any of its words is known.
    asksAboutCorpus: nounTerms.length > 0 ? nounTerms.some(termKnown) : questionTerms.some((term) => !isStopWord(term) && termKnown(term)),
  };
}

/**
 * Whether the answerer declines before looking at any passage: nothing to look up ("???", a language the corpus is
 * not in) and no conversation to lean on, or an order to the assistant ("ignore the sources and…"), which is not a
 * question about the documents.
 */
export function refusesQuestion(analysis: QuestionAnalysis): boolean {
  return (!analysis.followUp && !analysis.asksAboutCorpus) || looksLikeInstruction(analysis.text);
}
