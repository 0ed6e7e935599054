import { describe, expect, it } from 'vitest';
import type { Answer, AnswerEvent, AnswerInput, Answerer } from '../../src/answer/answer-types.js';
import { createCachedAnswerer } from '../../src/answer/cached-answerer.js';

/** An answerer that records its calls and answers with the call number, so a recomputed answer is visible. */
function countingAnswerer(shape: Partial<Answer> = {}): Answerer & { calls: AnswerInput[] } {
  const calls: AnswerInput[] = [];
  return {
    calls,
    async answer(input) {
      calls.push(input);
      return { answer: `answer #${calls.length} to ${input.question}`, grounded: true, mode: 'extractive', citations: [], ...shape };
    },
    async *stream(input): AsyncIterable<AnswerEvent> {
      calls.push(input);
      yield { type: 'done', answer: { answer: 'streamed', grounded: true, mode: 'extractive', citations: [] } };
    },
  };
}

const ask = (question: string, extra: Partial<AnswerInput> = {}): AnswerInput => ({ question, history: [], topK: 5, ...extra });

describe('createCachedAnswerer', () => {
  it('answers a repeated question from the cache, and anything that changes the answer misses', async () => {
    const inner = countingAnswerer();
    let build = 'build-1';
    const answerer = createCachedAnswerer({ answerer: inner, buildId: () => build, size: 10 });
    const first = await answerer.answer(ask('When was it founded?'));
    expect(await answerer.answer(ask('When was it founded?'))).toEqual(first);
    expect(inner.calls).toHaveLength(1);

    await answerer.answer(ask('When was it founded?', { topK: 3 }));
    await answerer.answer(ask('When was it founded?', { history: [{ role: 'user', content: 'Tell me about IOM' }] }));
    await answerer.answer(ask('Where is it based?'));
    expect(inner.calls).toHaveLength(4);

    build = 'build-2';
    const afterReingest = await answerer.answer(ask('When was it founded?'));
    expect(afterReingest.answer).toBe('answer #5 to When was it founded?');
  });

  it('never caches fallback or language-model answers, nor streams', async () => {
    for (const shape of [{ note: 'The language model timed out; this answer is extractive.' }, { mode: 'llm' as const }]) {
      const inner = countingAnswerer(shape);
      const answerer = createCachedAnswerer({ answerer: inner, buildId: () => 'build', size: 10 });
      await answerer.answer(ask('Q'));
      await answerer.answer(ask('Q'));
      expect(inner.calls).toHaveLength(2);
    }
    const inner = countingAnswerer();
    const answerer = createCachedAnswerer({ answerer: inner, buildId: () => 'build', size: 10 });
    for (let i = 0; i < 2; i += 1) for await (const _event of answerer.stream(ask('Q'))) void _event;
    expect(inner.calls).toHaveLength(2);
  });

  it('drops the least recently used answer beyond its size, and passes through when there is no index', async () => {
    const inner = countingAnswerer();
    const answerer = createCachedAnswerer({ answerer: inner, buildId: () => 'build', size: 2 });
    await answerer.answer(ask('A'));
    await answerer.answer(ask('B'));
    await answerer.answer(ask('A')); // A is now the most recent
    await answerer.answer(ask('C')); // evicts B
    await answerer.answer(ask('A'));
    expect(inner.calls.map((call) => call.question)).toEqual(['A', 'B', 'C']);
    await answerer.answer(ask('B'));
    expect(inner.calls).toHaveLength(4);

    const noIndex = countingAnswerer();
    const unavailable = createCachedAnswerer({
      answerer: noIndex,
      buildId: () => {
        throw new Error('index_unavailable');
      },
      size: 2,
    });
    await unavailable.answer(ask('A'));
    await unavailable.answer(ask('A'));
    expect(noIndex.calls).toHaveLength(2);
  });
});
