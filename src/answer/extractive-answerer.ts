import type { Document } from '../domain/document.js';
import type { IndexReader } from '../store/index-reader.js';
import { retrieve, type RetrieveResult } from '../retrieve/hybrid-retrieve.js';
import type { Answer, AnswerEvent, AnswerInput, Answerer } from './answer-types.js';
import { analyseQuestion, refusesQuestion, type QuestionAnalysis } from './extractive/analyse-question.js';
import { composeExtractiveAnswer, renderSentence } from './extractive/compose-answer.js';
import { withListItems } from './extractive/list-lead-in.js';
import { otherValueInDocument } from './extractive/conflicting-values.js';
import type { PassageContext } from './extractive/passage-context.js';
import { historyForPart, questionParts } from './extractive/question-parts.js';
import { scoreRetrieved } from './extractive/score-retrieved.js';
import type { ScoredSentence } from './extractive/score-sentences.js';
import { inDocumentOrder, selectSentences, thresholdsOf, withPartAnswers } from './extractive/select-sentences.js';
import { checkModelFeatures } from './extractive/sentence-features.js';
import { FITTED_MODELS, type AnswerModels } from './sentence-model.js';

// A committed model fitted for another set of features would score nonsense: refuse to load instead.
checkModelFeatures(FITTED_MODELS);

/** The question as the answerer reads it, from the query `result` retrieved it with. */
const analysisOf = (index: IndexReader, question: string, result: RetrieveResult): Promise<QuestionAnalysis> =>
  analyseQuestion({ index, question, query: result.query });

/** The sentences that answer the analysed question from the passages `result` retrieved for it (none: the sources
 * don't say), with the passages' documents they were read from. */
async function answerFrom(
  index: IndexReader,
  analysis: QuestionAnalysis,
  result: RetrieveResult,
  models: AnswerModels,
): Promise<{ chosen: ScoredSentence[]; context: PassageContext }> {
  const { scored, context } = await scoreRetrieved(index, analysis, result, models.sentence);
  return { chosen: selectSentences(scored, thresholdsOf(models)), context };
}

/** Retrieval plus extractive answering over the index current at call time. */
export async function answerExtractively(
  index: IndexReader,
  input: AnswerInput,
  retrieved?: RetrieveResult,
  models: AnswerModels = FITTED_MODELS,
): Promise<Answer> {
  const result = retrieved ?? (await retrieve({ index, question: input.question, history: input.history, topK: input.topK }));
  const analysis = await analysisOf(index, input.question, result);
  if (refusesQuestion(analysis)) return composeExtractiveAnswer(new Map(), []);
  const parts = questionParts(input.question);
  if (parts.length > 1) {
    // A two-part question: each part is asked on its own (retrieval included: the other part's words would pull it
    // elsewhere, and its answer type is its own), but after the part before it, as a follow-up is asked after the turn
    // before: a part that points back ("…, and who succeeded him?") borrows its words. Each part's answer joins the answer.
    const partAnswers: ScoredSentence[][] = [];
    const documents = new Map<string, Document>();
    for (const [i, part] of parts.entries()) {
      const partResult = await retrieve({ index, question: part, history: historyForPart(input.history, parts, i), topK: input.topK });
      const partAnalysis = await analysisOf(index, part, partResult);
      const { chosen, context } = await answerFrom(index, partAnalysis, partResult, models);
      // A part's lead-in is quoted with what it introduces as that part asks: a code block only for a part asking for code.
      partAnswers.push(chosen.map((sentence) => withListItems(context.documents, sentence, { code: partAnalysis.wantsCode })));
      context.documents.forEach((document, id) => documents.set(id, document));
    }
    const answered = withPartAnswers(partAnswers);
    if (answered.length > 0) return composeExtractiveAnswer(documents, answered);
    // The whole question's own pick is only a fallback when no part is answered on its own.
    const whole = await answerFrom(index, analysis, result, models);
    return composeExtractiveAnswer(whole.context.documents, whole.chosen, { wantsCode: analysis.wantsCode });
  }
  const { chosen, context } = await answerFrom(index, analysis, result, models);
  // One value for "how many"/"how much": does the document state that quantity differently elsewhere?
  const other = analysis.answerType === 'number' ? await otherValueInDocument(index, context.documents, chosen, analysis) : undefined;
  return composeExtractiveAnswer(context.documents, other ? inDocumentOrder([...chosen, other]) : chosen, { wantsCode: analysis.wantsCode });
}

/** The answer text in pieces that each end after a citation marker, as streams send it: the white space after a marker
 * opens the next piece as it stands (a line break after a quoted code block stays one), so the pieces join to the
 * answer. */
export function answerPieces(answer: Answer): string[] {
  if (!answer.grounded) return [answer.answer];
  return answer.answer.split(/(?<=\[\d+\])(?=\s)/);
}

/** The offline answerer: verbatim sentences from the sources, no language model. */
export function createExtractiveAnswerer(getIndex: () => IndexReader, models: AnswerModels = FITTED_MODELS): Answerer {
  checkModelFeatures(models);
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
