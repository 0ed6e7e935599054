import type { RequestHandler, Response } from 'express';
import { AppError } from '../../errors.js';
import { errorBody } from '../wire/error-body.js';

/**
 * Bounds every request in time. Gives each request an abort signal (`requestSignal(response)`) that fires when
 * the timeout passes or the client goes away; on timeout, a request with no response yet gets `504` JSON. Handlers
 * pass the signal to the answerer, so a slow language-model call is abandoned rather than left running.
 */
export function requestTimeout(options: { timeoutMs: number }): RequestHandler {
  return (_request, response, next) => {
    const controller = new AbortController();
    response.locals.signal = controller.signal;
    const timer = setTimeout(() => {
      const error = new AppError('timeout', 'The answer took too long and was stopped; please try again.');
      controller.abort(error);
      if (!response.headersSent) {
        response.status(error.status).json(errorBody(error));
      }
    }, options.timeoutMs);
    response.on('close', () => {
      clearTimeout(timer);
      if (!response.writableFinished && !controller.signal.aborted) controller.abort(new Error('the client closed the connection'));
    });
    next();
  };
}

/** The request's abort signal set by `requestTimeout`, or a signal that aborts when the client goes away. */
export function requestSignal(response: Response): AbortSignal {
  const signal: unknown = response.locals.signal;
  if (signal instanceof AbortSignal) return signal;
  const controller = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}
