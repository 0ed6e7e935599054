import type { Request } from 'express';
import type { AnswerInput } from '../../answer/answer-types.js';
import type { Config } from '../../config.js';
import { parseAskRequest } from '../wire/ask-request.js';

/** Reads an ask body (`/api/ask` and `/api/chat` alike) as the answerer's input, minus the signal. */
export type ReadAskInput = (request: Request) => Omit<AnswerInput, 'signal'>;

/** The input reader of both question routes: the validated body, with the configured `topK` when none is sent. */
export function askInputReader(config: Pick<Config, 'retrieval'>): ReadAskInput {
  return (request) => {
    const body = parseAskRequest(request.body);
    return { question: body.question, history: body.history ?? [], topK: body.topK ?? config.retrieval.topK };
  };
}
