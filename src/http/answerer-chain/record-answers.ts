import { randomUUID } from 'node:crypto';
import type { Answer, AnswerEvent, AnswerInput, Answerer } from '../../answer/answer-types.js';
import type { FeedbackStore } from '../../feedback/feedback-store.js';

export interface RecordAnswersOptions {
  answerer: Answerer;
  store: FeedbackStore;
  /** Called when an answer could not be recorded; the answer is still served, without an `answerId`. */
  onRecordError?: (error: unknown) => void;
}

/**
 * Wraps an answerer so every answer it produces, whole or streamed, is recorded in the feedback store and carries the
 * `answerId` a client sends back with its rating. Answer modules stay unaware of feedback.
 */
export function recordAnswers(options: RecordAnswersOptions): Answerer {
  const serve = (input: AnswerInput, answer: Answer): Answer => {
    const answerId = randomUUID();
    try {
      options.store.recordAnswer({
        answerId,
        question: input.question,
        answer: answer.answer,
        citations: answer.citations,
        mode: answer.mode,
        grounded: answer.grounded,
      });
    } catch (error) {
      // A failing feedback database must not cost the user their answer.
      options.onRecordError?.(error);
      return answer;
    }
    return { ...answer, answerId };
  };
  return {
    async answer(input) {
      return serve(input, await options.answerer.answer(input));
    },
    async *stream(input): AsyncIterable<AnswerEvent> {
      for await (const event of options.answerer.stream(input)) {
        yield event.type === 'done' ? { type: 'done', answer: serve(input, event.answer) } : event;
      }
    },
  };
}
