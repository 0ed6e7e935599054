import type { Answer, AnswerEvent, AnswerInput, Answerer } from '../../src/answer/answer-types.js';
import { IndexHandle } from '../../src/http/process/index-handle.js';
import type { IndexReader } from '../../src/store/index-reader.js';
import type { Logger } from '../../src/http/observability/logger.js';

/** An index stand-in for tests of the HTTP layer, where the answerer is a fake and never reads it: it holds no documents. */
export function fakeIndexHandle(buildId = 'fake-build'): IndexHandle {
  const manifest = { buildId, builtAt: '2026-01-01T00:00:00.000Z', counts: { documents: 1, chunks: 1 }, embedder: { id: 'fake' } };
  return new IndexHandle({ manifest, documents: async () => new Map(), documentSummaries: async () => [] } as unknown as IndexReader);
}

export const FIXED_ANSWER: Answer = {
  answer: 'The lighthouse was built in 1887. [1]',
  grounded: true,
  mode: 'extractive',
  citations: [{ n: 1, sourceId: 'doc', title: 'Doc', section: 'History', quote: 'The lighthouse was built in 1887.', start: 0, end: 33, chunkId: 'doc#0' }],
};

/** An answerer that records its inputs and answers with `FIXED_ANSWER`, or runs `behaviour` when given. */
export function fakeAnswerer(behaviour?: (input: AnswerInput) => Promise<Answer>): Answerer & { inputs: AnswerInput[] } {
  const inputs: AnswerInput[] = [];
  const answer = async (input: AnswerInput) => {
    inputs.push(input);
    return behaviour ? behaviour(input) : FIXED_ANSWER;
  };
  return {
    inputs,
    answer,
    async *stream(input): AsyncIterable<AnswerEvent> {
      const result = await answer(input);
      yield { type: 'citations', citations: result.citations };
      yield { type: 'done', answer: result };
    },
  };
}

/** Resolves when `signal` aborts, with its reason. */
export function aborted(signal: AbortSignal | undefined): Promise<unknown> {
  return new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve(signal.reason);
    else signal.addEventListener('abort', () => resolve(signal.reason), { once: true });
  });
}

export interface RecordedLine {
  level: string;
  message: string | undefined;
  fields: Record<string, unknown>;
}

/** A logger that keeps its lines for assertions. */
export function recordingLogger(): Logger & { lines: RecordedLine[] } {
  const lines: RecordedLine[] = [];
  const write = (level: string) => (fields: Record<string, unknown>, message?: string) => {
    lines.push({ level, message, fields });
  };
  return { lines, info: write('info'), warn: write('warn'), error: write('error') };
}
