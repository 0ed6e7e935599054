import type { Answer, AnswerEvent, AnswerInput, Answerer } from '../../answer/answer-types.js';
import type { Metrics } from '../observability/metrics.js';

/** Wraps an answerer to count abstentions (answers with `grounded: false`) by mode. */
export function instrumentAnswerer(answerer: Answerer, metrics: Metrics): Answerer {
  const count = (answer: Answer) => {
    if (!answer.grounded) metrics.abstentions.inc({ mode: answer.mode });
  };
  return {
    async answer(input: AnswerInput) {
      const answer = await answerer.answer(input);
      count(answer);
      return answer;
    },
    async *stream(input: AnswerInput): AsyncIterable<AnswerEvent> {
      for await (const event of answerer.stream(input)) {
        if (event.type === 'done') count(event.answer);
        yield event;
      }
    },
  };
}
