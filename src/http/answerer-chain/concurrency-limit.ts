import type { AnswerEvent, AnswerInput, Answerer } from '../../answer/answer-types.js';
import { AppError } from '../../errors.js';
import type { Metrics } from '../observability/metrics.js';

/** What a refused client is told to wait: a language-model answer takes a few seconds, so a slot frees up soon. */
const RETRY_AFTER_SECONDS = 5;

export interface ConcurrencyLimiter {
  /** Waits for a slot (in arrival order); resolves with its release function. Throws `overloaded` when the queue is full. */
  acquire(signal?: AbortSignal): Promise<() => void>;
  readonly active: number;
  readonly queued: number;
}

interface Waiter {
  grant: (release: () => void) => void;
}

/**
 * At most `maxConcurrent` tasks at once and at most `maxQueued` waiting; beyond that callers are refused at once
 * with `503 overloaded` and `Retry-After`, so one busy client cannot pile up unbounded work. A waiter whose signal
 * aborts (timeout, client gone) leaves the queue.
 */
export function createConcurrencyLimiter(options: { maxConcurrent: number; maxQueued: number; metrics?: Metrics }): ConcurrencyLimiter {
  let active = 0;
  const waiting: Waiter[] = [];
  const report = () => {
    options.metrics?.llmInFlight.set(active);
    options.metrics?.llmQueued.set(waiting.length);
  };

  const release = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = waiting.shift();
      if (next) next.grant(release());
      else active -= 1;
      report();
    };
  };

  return {
    get active() {
      return active;
    },
    get queued() {
      return waiting.length;
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (active < options.maxConcurrent) {
        active += 1;
        report();
        return Promise.resolve(release());
      }
      if (waiting.length >= options.maxQueued) {
        options.metrics?.llmRejected.inc();
        return Promise.reject(
          new AppError('overloaded', 'The assistant is busy answering other questions; please try again shortly.', { retryAfterSeconds: RETRY_AFTER_SECONDS }),
        );
      }
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          const position = waiting.indexOf(waiter);
          if (position >= 0) waiting.splice(position, 1);
          report();
          reject(signal?.reason);
        };
        const waiter: Waiter = {
          grant: (releaseSlot) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(releaseSlot);
          },
        };
        waiting.push(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
        report();
      });
    },
  };
}

/** Runs every answer of `answerer` (both `answer` and `stream`) inside a slot of `limiter`. */
export function limitAnswerer(answerer: Answerer, limiter: ConcurrencyLimiter): Answerer {
  return {
    async answer(input: AnswerInput) {
      const release = await limiter.acquire(input.signal);
      try {
        return await answerer.answer(input);
      } finally {
        release();
      }
    },
    async *stream(input: AnswerInput): AsyncIterable<AnswerEvent> {
      const release = await limiter.acquire(input.signal);
      try {
        yield* answerer.stream(input);
      } finally {
        release();
      }
    },
  };
}
