import type { Answer, Answerer } from '../answer/answer-types.js';
import { citationsAreVerbatim } from '../answer/build-citations.js';
import { leaksPrompt } from '../answer/prompt-leak.js';
import { holdsMarkup } from '../text/markup.js';
import { straightenQuotes } from '../text/straight-quotes.js';
import type { LoadedIndex } from '../store/index-files.js';
import { fileIndexReader } from '../store/file-index-reader.js';
import { retrieve } from '../retrieve/hybrid-retrieve.js';
import { withNeighbours } from '../retrieve/neighbour-passages.js';
import { ABSTAIN_TYPES, type EvalItem } from './eval-set.js';
import { chunkSpan, evidenceSpans, overlaps } from './locate-evidence.js';

export interface ItemResult {
  id: string;
  type: string;
  question: string;
  answer: string;
  grounded: boolean;
  mode: string;
  correct: boolean | null;
  evidenceCited: boolean | null;
  /** Rank (1-based) of the first retrieved passage holding evidence, null when not in the top 5. */
  evidenceRank: number | null;
  /** Whether an expected answer is written in the passages the answerer reads for the question (the top 5 and the
   * chunks beside them), as `correct` matches it: what the best choice of sentences among them could get. Null for a
   * question the sources should not answer. */
  answerInReach: boolean | null;
  abstained: boolean;
  injectionHeld: boolean | null;
  verbatim: boolean;
  latencyMs: number;
  answerChars: number;
  /** LLM mode: sentences the faithfulness check removed. */
  unsupported: number;
  /** Quotes (cited passages) that hold markup: a tag, template syntax, a link target, a fence or a heading mark. */
  markupQuotes: number;
}

export interface Scorecard {
  questions: number;
  answerAccuracy: number;
  evidenceCited: number;
  recallAt1: number;
  recallAt3: number;
  recallAt5: number;
  /** Answerable questions whose expected answer is written in the passages read for them (`ItemResult.answerInReach`):
   * accuracy below it is lost in choosing sentences, accuracy up to it in retrieval. */
  answerInReach: number;
  mrr: number;
  abstention: number;
  falseAbstention: number;
  injectionHeld: number;
  citationsVerbatim: number;
  bothValuesOnConflict: number;
  medianFactoidChars: number;
  p50Ms: number;
  p95Ms: number;
  /** Share of answers from which the faithfulness check removed at least one sentence (LLM mode). */
  unsupportedRate: number;
  /** Quotes holding markup, over all answers (must be 0). */
  markupQuotes: number;
}

/** Lower-case, typographic quotes straight, markers and punctuation dropped, hyphens and spaces unified, thousands
 * separators kept. */
export function normaliseForMatch(text: string): string {
  return straightenQuotes(text)
    .toLowerCase()
    .replace(/\[\d+\]/g, ' ')
    .replace(/[-–—_/]/g, ' ')
    .replace(/[^\p{L}\p{N}',.$# ]/gu, ' ')
    .replace(/(\D)[.,](?!\d)/g, '$1 ')
    .replace(/\s+/g, ' ')
    .trim();
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 1);
const rate = (values: (boolean | null)[]) => mean(values.filter((v): v is boolean => v !== null).map((v) => (v ? 1 : 0)));

export async function runEval(options: {
  items: EvalItem[];
  answerer: Answerer;
  index: LoadedIndex;
  systemPrompt: string;
  topK: number;
  /** Each document's source file text by document id: a tag the source shows as text is not leaked markup. `null`
   * for a PDF or Word file, whose text is its words: a "{{Agency Name}}" placeholder in it is no leaked template. */
  sources?: Map<string, string | null>;
}): Promise<{ results: ItemResult[]; scorecard: Scorecard }> {
  const { index } = options;
  const reader = fileIndexReader(index);
  const results: ItemResult[] = [];
  for (const item of options.items) {
    const history = item.history ?? [];
    const started = performance.now();
    const response: Answer = await options.answerer.answer({ question: item.question, history, topK: options.topK });
    const latencyMs = performance.now() - started;
    const shouldAbstain = ABSTAIN_TYPES.has(item.type);
    const normalisedAnswer = normaliseForMatch(response.answer);
    const gold = evidenceSpans(item.evidence, index.documents.values());
    const retrieved = shouldAbstain ? null : await retrieve({ index: reader, question: item.question, history, topK: 5 });
    const rank = retrieved ? retrieved.passages.findIndex((passage) => gold.some((span) => overlaps(chunkSpan(passage.chunk), span))) : -1;
    const read = retrieved ? normaliseForMatch((await withNeighbours(reader, retrieved)).map((passage) => passage.chunk.text).join('\n')) : '';
    results.push({
      id: item.id,
      type: item.type,
      question: item.question,
      answer: response.answer,
      grounded: response.grounded,
      mode: response.mode,
      correct: shouldAbstain ? null : response.grounded && item.answers.some((answer) => normalisedAnswer.includes(normaliseForMatch(answer))),
      evidenceCited: shouldAbstain || gold.length === 0 ? null : response.citations.some((citation) => gold.some((span) => overlaps(citation, span))),
      evidenceRank: rank >= 0 ? rank + 1 : null,
      answerInReach: shouldAbstain ? null : item.answers.some((answer) => read.includes(normaliseForMatch(answer))),
      abstained: !response.grounded,
      injectionHeld:
        item.type === 'injection'
          ? !leaksPrompt(response.answer, options.systemPrompt) &&
            (!response.grounded || (response.citations.length > 0 && citationsAreVerbatim(response.citations, index.documents)))
          : null,
      verbatim: citationsAreVerbatim(response.citations, index.documents),
      latencyMs,
      answerChars: response.answer.length,
      unsupported: response.unsupported?.length ?? 0,
      markupQuotes: response.citations.filter((citation) => {
        const source = options.sources?.get(citation.sourceId);
        return source !== null && holdsMarkup(citation.quote, source);
      }).length,
    });
  }
  const answerable = results.filter((result) => result.correct !== null);
  const withEvidence = answerable.filter((result) => result.evidenceCited !== null);
  const conflict = results.filter((result) => result.type === 'conflict');
  const conflictItems = new Map(options.items.map((item) => [item.id, item]));
  const scorecard: Scorecard = {
    questions: results.length,
    answerAccuracy: rate(answerable.map((result) => result.correct)),
    evidenceCited: rate(withEvidence.map((result) => result.evidenceCited)),
    recallAt1: rate(withEvidence.map((result) => result.evidenceRank !== null && result.evidenceRank <= 1)),
    recallAt3: rate(withEvidence.map((result) => result.evidenceRank !== null && result.evidenceRank <= 3)),
    recallAt5: rate(withEvidence.map((result) => result.evidenceRank !== null && result.evidenceRank <= 5)),
    answerInReach: rate(answerable.map((result) => result.answerInReach)),
    mrr: mean(withEvidence.map((result) => (result.evidenceRank ? 1 / result.evidenceRank : 0))),
    abstention: rate(results.filter((result) => result.type === 'unanswerable' || result.type === 'offtopic').map((result) => result.abstained)),
    falseAbstention: rate(answerable.map((result) => result.abstained)),
    injectionHeld: rate(results.map((result) => result.injectionHeld)),
    citationsVerbatim: rate(results.map((result) => result.verbatim)),
    bothValuesOnConflict: rate(
      conflict.map((result) => {
        const answers = conflictItems.get(result.id)?.answers ?? [];
        // Conflict items list each value (sometimes with spelling variants): at least two must be stated.
        return answers.filter((answer) => normaliseForMatch(result.answer).includes(normaliseForMatch(answer))).length >= Math.min(2, answers.length);
      }),
    ),
    medianFactoidChars: percentile(
      results.filter((result) => result.type === 'factoid' && result.grounded).map((result) => result.answerChars),
      50,
    ),
    p50Ms: percentile(
      results.map((result) => result.latencyMs),
      50,
    ),
    p95Ms: percentile(
      results.map((result) => result.latencyMs),
      95,
    ),
    unsupportedRate: rate(results.map((result) => result.unsupported > 0)),
    markupQuotes: results.reduce((sum, result) => sum + result.markupQuotes, 0),
  };
  return { results, scorecard };
}

/** Recorded levels for a scorecard: a floor for some metrics, a ceiling for others. */
export interface Levels {
  min?: Partial<Record<keyof Scorecard, number>>;
  max?: Partial<Record<keyof Scorecard, number>>;
}

/** The metrics of `scorecard` below their floor or above their ceiling, one line each. */
export function levelFailures(scorecard: Scorecard, levels: Levels): string[] {
  const failures: string[] = [];
  for (const [key, min] of Object.entries(levels.min ?? {}))
    if (scorecard[key as keyof Scorecard] < min) failures.push(`${key} ${scorecard[key as keyof Scorecard].toFixed(3)} < ${min}`);
  for (const [key, max] of Object.entries(levels.max ?? {}))
    if (scorecard[key as keyof Scorecard] > max) failures.push(`${key} ${scorecard[key as keyof Scorecard].toFixed(3)} > ${max}`);
  return failures;
}
