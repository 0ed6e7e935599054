import { isStopWord, terms } from '../../text/tokenize.js';
import { FITTED_MODELS, type AnswerModels } from '../sentence-model.js';
import type { AnswerType } from './answer-type.js';
import { groupSynonymsOf } from '../../text/synonyms.js';
import { figureKinds, figureNearTerms, figuresIn, intersects, termsNearFigures } from './figures.js';
import type { QuotedSentence, ScoredQuestion, ScoredSentence } from './score-sentences.js';
import { isAnswerableExtra, type AnswerableExtraName, type SentenceFeatureName } from './sentence-features.js';
import { EXTRACTIVE_WEIGHTS, REPEAT_CONTAINMENT, RESTATEMENT_SHARE } from './thresholds.js';

/** Question types whose answer can be recognised in a sentence: a date, a figure, a person's or a place's name. */
const TYPED_ANSWERS = new Set<AnswerType>(['date', 'duration', 'number', 'person', 'placeName']);

/** The sentence an answer would lead with: the best-scored one that names the question's figures and, for
 * "when"/"how many"/"who", holds a date, figure or name the question lacks. */
export function leadSentence(scored: ScoredSentence[], answerType: AnswerType): ScoredSentence | undefined {
  // "How many cookies per domain in 2020?": an answer about another year is not an answer. "When…", "how many…",
  // "who…": a sentence without a date, a figure or a name the question lacks does not answer it either.
  // A sentence that only echoes the question ("Observer States:" for "which are the observer states?") says
  // nothing it did not already know; one that shares only the names ("Australia" for "the capital of Australia")
  // is about something else: it must have one of the words saying what is asked, or a synonym.
  return scored.find((sentence) => canLead(sentence, answerType));
}

/** Whether `sentence` could lead an answer to a question of `answerType` (see `leadSentence`). */
function canLead(sentence: ScoredSentence, answerType: AnswerType): boolean {
  return (
    sentence.namesQuestionFigures &&
    (!TYPED_ANSWERS.has(answerType) || sentence.answersType) &&
    sentence.addsToQuestion &&
    sentence.statesBounds &&
    sentence.features.focusCoverage > 0
  );
}

/** The question-level model: the names of what it reads of the lead sentence, in the order of its weights. */
export interface AnswerableModel {
  features: readonly string[];
  weights: readonly number[];
}

/** What the question-level abstention model reads of the lead sentence, in the order of `features`; `scored` is every
 * sentence scored for the question (the lead among them), best first, which the lead's margin is measured against. */
export function answerableFeatures(
  lead: ScoredSentence,
  scored: readonly ScoredSentence[],
  features: readonly string[] = FITTED_MODELS.answerable.features,
): number[] {
  // How far the lead stands above the best other sentence: evidence stands out, a near miss ties with its neighbours.
  const margin = lead.score - (scored.find((sentence) => sentence !== lead)?.score ?? 0);
  const extras: Record<AnswerableExtraName, number> = {
    bias: 1,
    leadScore: lead.score,
    leadMargin: margin,
    // How near the question the nearest passage read is, whichever sentence leads: a question about something the
    // documents never discuss ("how do I descale an espresso machine?" of a sorting paper) is far from all of them.
    nearestPassage: Math.max(...scored.map((sentence) => sentence.features.passageDense ?? 0)),
  };
  // Every other feature is the lead's sentence feature of that name.
  return features.map((name) => (isAnswerableExtra(name) ? extras[name] : (lead.features[name as SentenceFeatureName] ?? 0)));
}

/** P(the sources answer the question), from the lead sentence's evidence: the calibrated abstention. */
export function answerableProbability(lead: ScoredSentence, scored: readonly ScoredSentence[], model: AnswerableModel = FITTED_MODELS.answerable): number {
  const x = answerableFeatures(lead, scored, model.features);
  let z = 0;
  model.weights.forEach((weight, i) => (z += weight * (x[i] ?? 0)));
  return 1 / (1 + Math.exp(-z));
}

export interface SelectionThresholds {
  /** Sentence-model probability below which no sentence is evidence (also the floor for companions). */
  abstainBelow: number;
  /** The question-level model; absent, only `abstainBelow` decides. */
  answerable?: AnswerableModel & { threshold: number };
}

/** The thresholds of a set of fitted models. */
export const thresholdsOf = (models: AnswerModels): SelectionThresholds => ({ abstainBelow: models.sentence.abstainBelow, answerable: models.answerable });

const DEFAULT_THRESHOLDS: SelectionThresholds = thresholdsOf(FITTED_MODELS);

const termSet = (text: string) => new Set(terms(text));

/** Share of `a`'s terms also in `b`. */
function containment(a: Set<string>, b: Set<string>): number {
  if (a.size === 0) return 1;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared += 1;
  return shared / a.size;
}

/** The sentences that answer the question, in document order: the lead, then companions that add to it (a second
 * value for "how many"/"when", a part of the question the lead leaves out); none when the sources don't say. */
export function selectSentences(
  { sentences: scored, analysis, focus }: ScoredQuestion,
  thresholds: SelectionThresholds = DEFAULT_THRESHOLDS,
): ScoredSentence[] {
  const { abstainBelow, answerable } = thresholds;
  const { answerType, synonymsOf, ownTerms: questionTerms } = analysis;
  const lead = leadSentence(scored, answerType);
  if (!lead || lead.score < abstainBelow) return [];
  if (answerable && answerableProbability(lead, scored, answerable) < answerable.threshold) return [];
  scored = [lead, ...scored.filter((sentence) => sentence !== lead)];
  const chosen = [scored[0]!];
  let length = chosen[0]!.text.length;
  const wantsFigure = answerType === 'number' || answerType === 'date';
  const leadFigures = figuresIn(lead.text);
  const shownFigures = new Set(leadFigures);
  // What the lead's figure counts and the words it stands by: only "how many/how much" pairs a second value by them.
  const leadKinds = answerType === 'number' ? figureKinds(lead.text, leadFigures) : new Set<string>();
  const leadAnchors =
    answerType === 'number'
      ? termsNearFigures(
          lead.text,
          leadFigures.filter((figure) => !questionTerms.has(figure)),
          new Set([...questionTerms, ...leadKinds]),
        )
      : new Set<string>();
  // The words a second value must stand by when it is not the lead's quantity: those saying what is asked, not the
  // names the question is about (a date beside the name of the standard in "when was RFC 959 published?" is not a
  // second publication date), else the question's.
  const askedTerms = focus.length > 0 ? new Set(focus) : questionTerms;
  const ownTerms = [...questionTerms].filter((term) => !isStopWord(term));
  // Question terms a quoted sentence (or a synonym in it) already covers.
  const covered = (sentenceTerms: Set<string>) =>
    ownTerms.filter((term) => sentenceTerms.has(term) || synonymsOf(term).some((synonym) => sentenceTerms.has(synonym)));
  const coveredSoFar = new Set(covered(termSet(lead.text)));
  const addsCoverage = (candidateTerms: Set<string>, quoted: ScoredSentence[]) =>
    quoted.length > 0 && covered(candidateTerms).some((term) => !coveredSoFar.has(term));
  const isNeighbour = (candidate: ScoredSentence) =>
    chosen.some((other) => other.span.chunk.id === candidate.span.chunk.id && Math.abs(other.sentenceIndex - candidate.sentenceIndex) === 1);
  // A lead that mostly restates the question ("Open the resulting dump.txt file in a text editor, and look at the final
  // line.") leads up to its answer, which the next sentence of its paragraph gives ("If it reads "rollback;", change it
  // to "commit;"."): that sentence joins whatever it scores, as it shares few of the question's words.
  const restatingNext = (sentence: ScoredSentence) => (restatesQuestion(sentence.text, ownTerms, synonymsOf) ? nextInParagraph(sentence, scored) : undefined);
  const fits = (sentence: ScoredSentence) => length + sentence.text.length <= EXTRACTIVE_WEIGHTS.maxChars;
  const continuation = restatingNext(lead);
  if (continuation && fits(continuation)) {
    chosen.push(continuation);
    length += continuation.text.length;
    for (const term of covered(termSet(continuation.text))) coveredSoFar.add(term);
    for (const figure of figuresIn(continuation.text)) shownFigures.add(figure);
  }
  for (const candidate of scored.slice(1)) {
    if (chosen.length >= EXTRACTIVE_WEIGHTS.maxSentences) break;
    if (candidate === continuation) continue;
    // A runner-up must itself look like an answer (a second value may sit lower: an infobox field is terse and may
    // not share the question's words, but then it must name the same quantity as the lead, checked below).
    if (candidate.score < EXTRACTIVE_WEIGHTS.sameQuantityFloor) break;
    if (!wantsFigure && candidate.score < EXTRACTIVE_WEIGHTS.companionFloor) continue;
    if (!fits(candidate)) continue;
    const candidateTerms = termSet(candidate.text);
    // Skip a sentence that repeats what is already quoted (same terms).
    if (chosen.some((other) => containment(candidateTerms, termSet(other.text)) > REPEAT_CONTAINMENT)) continue;
    const candidateFigures = figuresIn(candidate.text);
    const newFigures = candidateFigures.filter((figure) => !shownFigures.has(figure));
    if (wantsFigure) {
      // For "when"/"how many", a runner-up earns its place with a different value for the same thing the best
      // sentence answers (sources that disagree, or a second date): it must cover the question about as well.
      if (!candidate.answersType || candidateFigures.length === 0 || newFigures.length * 2 <= candidateFigures.length) continue;
      // …and count the same thing: "20 cookies" against "50 cookies", dollars against dollars, not "800 users"
      // against "$35 million".
      if (answerType === 'number' && !intersects(figureKinds(candidate.text, newFigures), leadKinds)) continue;
      // Its figure stands by a word of the question ("50 cookies per domain") or by the word the lead's figure stands
      // by (a "Budget: $1.6 billion" field beside "an annual operating budget of $1.3 billion").
      // A second value is a claim that the sources disagree: it must stand by the question's own word or a general-English
      // equivalent, not by a WordNet sense ("launched a campaign" is no second founding date, though "found" can mean
      // "launch").
      const sameQuantity = answerType === 'number' && figureNearTerms(candidate.text, newFigures, leadAnchors, groupSynonymsOf);
      if (!sameQuantity && !figureNearTerms(candidate.text, newFigures, askedTerms, groupSynonymsOf)) continue;
      if (!sameQuantity && candidate.score < EXTRACTIVE_WEIGHTS.companionFloor * EXTRACTIVE_WEIGHTS.conflictFloor) continue;
    } else {
      const ratio = isNeighbour(candidate) ? EXTRACTIVE_WEIGHTS.neighbourRatio : EXTRACTIVE_WEIGHTS.companionRatio;
      if (candidate.score < chosen[0]!.score * ratio) continue;
      // One sentence is enough unless this one answers a part of the question the quoted ones leave out. ("Who…",
      // "where…": a close runner-up naming someone or somewhere else is kept, the reader sees both.)
      // …or it could lead the answer itself and the sentence model barely ranks it below the lead: then the reader sees
      // both and judges (a close call is as likely the answer as the lead). A sentence scored above the lead was kept
      // from leading (no figure for "how many", an echo of the question): it is no close call.
      const closeCall = candidate.score <= lead.score && candidate.score >= lead.score - EXTRACTIVE_WEIGHTS.closeCallMargin && canLead(candidate, answerType);
      if (!closeCall && !(answerType === 'person' || answerType === 'place' || answerType === 'placeName') && !addsCoverage(candidateTerms, chosen)) continue;
    }
    chosen.push(candidate);
    for (const term of covered(candidateTerms)) coveredSoFar.add(term);
    for (const figure of candidateFigures) shownFigures.add(figure);
    length += candidate.text.length;
  }
  // A quoted runner-up that mostly restates the question leads up to its answer the same way.
  for (const sentence of chosen.slice(1)) {
    if (sentence === continuation) continue;
    const next = restatingNext(sentence);
    if (!next || chosen.includes(next) || !fits(next)) continue;
    chosen.push(next);
    length += next.text.length;
  }
  // Read in document order, as the source does.
  return inDocumentOrder(chosen);
}

/** The sentence says little beyond the question: at least `RESTATEMENT_SHARE` of its content terms are the
 * question's own terms or their synonyms. */
export function restatesQuestion(text: string, questionTerms: readonly string[], synonymsOf: (term: string) => readonly string[]): boolean {
  const own = [...termSet(text)].filter((term) => !isStopWord(term));
  if (own.length === 0) return false;
  const asked = new Set([...questionTerms, ...questionTerms.flatMap((term) => synonymsOf(term))]);
  return own.filter((term) => asked.has(term)).length / own.length >= RESTATEMENT_SHARE;
}

/** The candidate that follows `sentence` in its chunk with no blank line between them (a code block, a footnote or an
 * instruction-like sentence is not a candidate, so it is never the continuation). */
function nextInParagraph(sentence: ScoredSentence, candidates: ScoredSentence[]): ScoredSentence | undefined {
  const { chunk } = sentence.span;
  const next = candidates.find((candidate) => candidate.span.chunk.id === chunk.id && candidate.sentenceIndex === sentence.sentenceIndex + 1);
  if (!next || /\n\s*\n/.test(chunk.text.slice(sentence.span.end - chunk.start, next.span.start - chunk.start))) return undefined;
  return next;
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
export function inDocumentOrder<T extends QuotedSentence>(sentences: T[]): T[] {
  return [...sentences].sort((a, b) => a.span.chunk.sourceId.localeCompare(b.span.chunk.sourceId) || a.span.start - b.span.start);
}
