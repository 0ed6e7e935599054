import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_IN_SOURCES, type Answerer } from '../../src/answer/answer-types.js';
import type { EvalItem } from '../../src/eval/eval-set.js';
import { runEval } from '../../src/eval/run-eval.js';
import { buildTestIndex, type TestIndex } from '../helpers/article-index.js';

/** An answerer that never answers: whatever the eval finds in reach, it finds without the answer's help. */
const declines: Answerer = {
  answer: async () => ({ answer: NOT_IN_SOURCES, grounded: false, mode: 'extractive', citations: [] }),
  stream: async function* () {},
};

let test: TestIndex;
beforeAll(async () => {
  test = await buildTestIndex();
});
afterAll(() => test.cleanup());

describe("the eval's answer in reach", () => {
  it('tells an answer written in the passages read for the question from one the article never gives, answered or not', async () => {
    const items: EvalItem[] = [
      { id: 'r1', type: 'factoid', question: 'When was the organization founded?', answers: ['1951'], evidence: ['It was initially established in 1951'] },
      {
        id: 'r2',
        type: 'factoid',
        question: 'When was the organization founded?',
        answers: ['in the year 1850'],
        evidence: ['It was initially established in 1951'],
      },
      { id: 'r3', type: 'unanswerable', question: 'Who is the head chef of the canteen?', answers: [], evidence: [] },
    ];
    const { results, scorecard } = await runEval({ answerer: declines, index: test.index, systemPrompt: '', topK: 5, items });
    expect(results.map((result) => [result.id, result.correct, result.answerInReach])).toEqual([
      ['r1', false, true],
      ['r2', false, false],
      ['r3', null, null],
    ]);
    expect(scorecard.answerInReach).toBe(0.5);
    expect(scorecard.answerAccuracy).toBe(0);
  });
});
