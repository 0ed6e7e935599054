import type { LoadedIndex } from '../store/index-files.js';
import { retrieve, type RetrieveResult } from '../retrieve/hybrid-retrieve.js';
import type { RetrievalQuery } from '../retrieve/condense-query.js';
import type { Answer, AnswerEvent, AnswerInput, Answerer } from './answer-types.js';
import { otherValueInDocument } from './conflicting-values.js';
import { composeExtractiveAnswer, inDocumentOrder, renderSentence, scoreSentences, selectSentences, thresholdsOf, withPartAnswers, type ScoredSentence } from './extractive-answer.js';
import { FITTED_MODELS, type AnswerModels } from './sentence-model.js';
import { questionParts, type AnswerType } from './question-analysis.js';
import { asksAboutCorpus } from './question-signals.js';
import { looksLikeInstruction } from './instruction-like.js';

/** The sentences that answer `question` from the passages `result` retrieved for it (none: the sources don't say). */
function answerFrom(index: LoadedIndex, question: string, result: RetrieveResult, models: AnswerModels): { chosen: ScoredSentence[]; answerType: AnswerType } {
  const scored = scoreSentences({ index, query: result.query, question, passages: result.passages, queryVector: result.queryVector, sentenceWeights: models.sentence.weights });
  return { chosen: selectSentences(scored, thresholdsOf(models)), answerType: scored.answerType };
}

/**
 * Whether the answerer declines before looking at any passage: nothing to look up ("???", a language the corpus is
 * not in) and no conversation to lean on, or an order to the assistant ("ignore the sources and…"), which is not a
 * question about the documents.
 */
export function refusesQuestion(index: LoadedIndex, question: string, query: RetrievalQuery): boolean {
  return (!query.followUp && !asksAboutCorpus(index, question)) || looksLikeInstruction(question);
}

/** Retrieval plus extractive answering over the index current at call time. */
export async function answerExtractively(index: LoadedIndex, input: AnswerInput, retrieved?: RetrieveResult, models: AnswerModels = FITTED_MODELS): Promise<Answer> {
  const result = retrieved ?? (await retrieve({ index, question: input.question, history: input.history, topK: input.topK }));
  if (refusesQuestion(index, input.question, result.query)) return composeExtractiveAnswer(index, []);
  const parts = questionParts(input.question);
  if (parts.length > 1) {
    // A two-part question: each part is asked on its own (retrieval included: the other part's words would pull it
    // elsewhere, and its answer type is its own), and each part's answer joins the answer.
    const partAnswers: ScoredSentence[][] = [];
    for (const part of parts) partAnswers.push(answerFrom(index, part, await retrieve({ index, question: part, history: input.history, topK: input.topK }), models).chosen);
    const answered = withPartAnswers(partAnswers);
    // The whole question's own pick is only a fallback when no part is answered on its own.
    return composeExtractiveAnswer(index, answered.length > 0 ? answered : answerFrom(index, input.question, result, models).chosen);
  }
  const { chosen, answerType } = answerFrom(index, input.question, result, models);
  // One value for "how many"/"how much": does the document state that quantity differently elsewhere?
  const other = answerType === 'number' ? otherValueInDocument(index, chosen, input.question) : undefined;
  return composeExtractiveAnswer(index, other ? inDocumentOrder([...chosen, other]) : chosen);
}

/** The answer text in pieces that each end after a citation marker (the space before a piece kept), as streams send it. */
export function answerPieces(answer: Answer): string[] {
  if (!answer.grounded) return [answer.answer];
  return answer.answer.split(/(?<=\[\d+\])\s/).map((part, i) => (i === 0 ? part : ` ${part}`));
}

/** The offline answerer: verbatim sentences from the sources, no language model. */
export function createExtractiveAnswerer(getIndex: () => LoadedIndex, models: AnswerModels = FITTED_MODELS): Answerer {
  return {
    answer: (input) => answerExtractively(getIndex(), input, undefined, models),
    async *stream(input): AsyncIterable<AnswerEvent> {
      const answer = await answerExtractively(getIndex(), input, undefined, models);
      yield { type: 'citations', citations: answer.citations };
      // Sentence by sentence, each with its marker, so a client renders citations as they arrive.
      for (const piece of answerPieces(answer)) yield { type: 'delta', text: piece };
      yield { type: 'done', answer };
    },
  };
}

export { renderSentence };
