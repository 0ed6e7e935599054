import { Router } from 'express';
import type { Answerer } from '../../answer/answer-types.js';
import { noteAnswer } from '../middleware/request-log.js';
import { requestSignal } from '../middleware/request-timeout.js';
import type { IndexHandle } from '../process/index-handle.js';
import type { ReadAskInput } from './ask-input.js';

/** `POST /api/ask`: one question (and its history) in, one answer with its citations out. */
export function askRouter(options: { index: IndexHandle; answerer: Answerer; readInput: ReadAskInput }): Router {
  const router = Router();
  router.post('/api/ask', async (request, response) => {
    const input = options.readInput(request);
    options.index.get(); // 503 with the fix when no index is loaded
    const answer = await options.answerer.answer({ ...input, signal: requestSignal(response) });
    if (response.headersSent) return; // the request timed out meanwhile and has had its 504
    noteAnswer(response, answer);
    response.json(answer);
  });
  return router;
}
