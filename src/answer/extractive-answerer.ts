import type { LoadedIndex } from '../store/index-files.js';
import { retrieve, type RetrieveResult } from '../retrieve/hybrid-retrieve.js';
import type { Answer, AnswerEvent, AnswerInput, Answerer } from './answer-types.js';
import { composeExtractiveAnswer, renderSentence, scoreSentences, selectSentences } from './extractive-answer.js';

/** Retrieval plus extractive answering over the index current at call time. */
export async function answerExtractively(index: LoadedIndex, input: AnswerInput, retrieved?: RetrieveResult): Promise<Answer> {
  const result = retrieved ?? (await retrieve({ index, question: input.question, history: input.history, topK: input.topK }));
  const { sentences, answerType } = scoreSentences({ index, query: result.query, question: input.question, passages: result.passages, queryVector: result.queryVector });
  return composeExtractiveAnswer(index, selectSentences(sentences, input.question, answerType));
}

/** The offline answerer: verbatim sentences from the sources, no language model. */
export function createExtractiveAnswerer(getIndex: () => LoadedIndex): Answerer {
  return {
    answer: (input) => answerExtractively(getIndex(), input),
    async *stream(input): AsyncIterable<AnswerEvent> {
      const answer = await answerExtractively(getIndex(), input);
      yield { type: 'citations', citations: answer.citations };
      // Sentence by sentence, each with its marker, so a client renders citations as they arrive.
      const parts = answer.grounded ? answer.answer.split(/(?<=\[\d+\])\s/) : [answer.answer];
      for (const [i, part] of parts.entries()) yield { type: 'delta', text: i === 0 ? part : ` ${part}` };
      yield { type: 'done', answer };
    },
  };
}

export { renderSentence };
