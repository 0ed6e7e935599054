import type { RetrieveResult } from '../../retrieve/hybrid-retrieve.js';
import { withNeighbours } from '../../retrieve/neighbour-passages.js';
import type { IndexReader } from '../../store/index-reader.js';
import type { QuestionAnalysis } from './analyse-question.js';
import { readPassageContext, type PassageContext } from './passage-context.js';
import { scoreSentences, type ScoredQuestion, type SentenceModel } from './score-sentences.js';

/** The sentences of the passages `result` retrieved and of their neighbours, scored for the analysed question, with
 * the documents they were read from: what the answerer selects from, and what the models are fitted on. */
export async function scoreRetrieved(
  index: IndexReader,
  analysis: QuestionAnalysis,
  result: RetrieveResult,
  model?: SentenceModel,
): Promise<{ scored: ScoredQuestion; context: PassageContext }> {
  const passages = await withNeighbours(index, result);
  const context = await readPassageContext(index, passages);
  return { scored: scoreSentences({ context, analysis, passages, queryVector: result.queryVector, ...(model ? { model } : {}) }), context };
}
