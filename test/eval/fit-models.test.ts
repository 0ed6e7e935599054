import { describe, expect, it } from 'vitest';
import type { QuestionAnalysis } from '../../src/answer/extractive/analyse-question.js';
import type { ScoredSentence } from '../../src/answer/extractive/score-sentences.js';
import { SENTENCE_FEATURE_NAMES, type SentenceFeatures } from '../../src/answer/extractive/sentence-features.js';
import type { Chunk } from '../../src/domain/chunk.js';
import { fitModels, type FitQuestion, type FitUnit } from '../../src/eval/fit-models.js';

/** A scored unit whose sentences have the given feature values (by name; the rest 0) and gold labels. */
function unit(sentences: { features: Partial<SentenceFeatures>; gold: boolean }[]): FitUnit {
  const chunk = { id: 'c', sourceId: 's' } as Chunk;
  const scored = sentences.map(({ features }, i) => {
    const all = Object.fromEntries(SENTENCE_FEATURE_NAMES.map((name) => [name, features[name] ?? 0])) as SentenceFeatures;
    return {
      span: { chunk, start: i, end: i + 1 },
      text: 's',
      field: false,
      passageRank: i,
      sentenceIndex: i,
      features: { ...all, bias: 1, focusCoverage: 1 },
      score: 0,
      answersType: true,
      namesQuestionFigures: true,
      addsToQuestion: true,
      statesBounds: true,
    } satisfies ScoredSentence;
  });
  return {
    sentences: scored,
    analysis: { answerType: 'other' } as QuestionAnalysis,
    focus: [],
    candidates: scored.map((sentence, i) => ({ x: SENTENCE_FEATURE_NAMES.map((name) => sentence.features[name]), y: sentences[i]!.gold ? 1 : 0 })),
  };
}

const question = (answerable: boolean, refused: boolean, coverage: number): FitQuestion => ({
  corpus: 'c',
  answerable,
  refused,
  parts: [],
  whole: unit([
    { features: { coverage, sentenceDense: coverage }, gold: answerable },
    { features: { coverage: coverage / 2 }, gold: false },
  ]),
});

describe('fitting the answer models', () => {
  // Answerable questions whose evidence covers them well, unanswerable ones whose best sentence covers them less.
  const scoredQuestions = [0.9, 0.8, 0.85, 0.7, 0.95, 0.75].flatMap((coverage) => [question(true, false, coverage), question(false, false, coverage / 2)]);

  it('learns from questions the answerer refuses before scoring: what evidence for no answer looks like', () => {
    // A question about something else, refused before scoring, whose best sentence still covers a little of it.
    const refused = [0.5, 0.55, 0.6].map((coverage) => question(false, true, coverage));
    const without = fitModels(scoredQuestions);
    const withRefused = fitModels([...scoredQuestions, ...refused]);
    expect(withRefused.weights).not.toEqual(without.weights);
    expect(withRefused.answerableWeights).not.toEqual(without.answerableWeights);
  });
});
