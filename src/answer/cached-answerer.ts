import { LRUCache } from 'lru-cache';
import type { Answer, AnswerEvent, AnswerInput, Answerer } from './answer-types.js';

export interface CachedAnswererOptions {
  answerer: Answerer;
  /** The build the answers come from; a new build (re-ingest, reload) starts a fresh cache. */
  buildId: () => string | undefined;
  /** Answers remembered; the least recently used is dropped first. 0 disables the cache. */
  size: number;
}

/**
 * Remembers extractive answers for repeated questions. An extractive answer is a pure function of the question, the
 * history, topK and the index build, so a hit is indistinguishable from recomputing it, minus the query encoding,
 * retrieval and sentence scoring. Answers carrying a `note` (an LLM fallback) and LLM answers are never cached:
 * they depend on the model's state, not only on the index. Streams pass through uncached.
 */
export function createCachedAnswerer(options: CachedAnswererOptions): Answerer {
  if (options.size <= 0) return options.answerer;
  const cache = new LRUCache<string, Answer>({ max: options.size });
  let cachedBuild: string | undefined;

  const keyOf = (input: AnswerInput, buildId: string) => {
    let key = `${buildId}\u0000${input.topK}\u0000${input.question}`;
    for (const turn of input.history) key += `\u0000${turn.role}\u0000${turn.content}`;
    return key;
  };

  return {
    async answer(input) {
      let buildId: string | undefined;
      try {
        buildId = options.buildId();
      } catch {
        buildId = undefined; // no index: let the answerer report it
      }
      if (buildId === undefined) return options.answerer.answer(input);
      if (buildId !== cachedBuild) {
        cache.clear();
        cachedBuild = buildId;
      }
      const key = keyOf(input, buildId);
      const hit = cache.get(key);
      if (hit) return hit;
      const answer = await options.answerer.answer(input);
      if (answer.mode === 'extractive' && answer.note === undefined) {
        cache.set(key, answer);
      }
      return answer;
    },
    stream(input): AsyncIterable<AnswerEvent> {
      return options.answerer.stream(input);
    },
  };
}
