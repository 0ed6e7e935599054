import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, isAppError } from '../../errors.js';
import type { Logger } from '../observability/logger.js';
import { errorBody, unexpectedErrorBody } from '../wire/error-body.js';

/** body-parser's error types mapped to our codes. */
function fromBodyParser(error: { type?: string; status?: number }): AppError | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return new AppError('invalid_json', 'The request body is not valid JSON.');
    case 'entity.too.large':
      return new AppError('payload_too_large', 'The request body is larger than the server accepts.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('unsupported_media_type', 'The request body must be UTF-8 encoded JSON.');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new AppError('invalid_request', 'The request body could not be read.');
    default:
      return undefined;
  }
}

/** The one error mapper: every error becomes `{ error: { code, message } }`; unknown errors are logged, never shown. */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (error: unknown, request, response, next) => {
    if (response.headersSent) {
      // A response already complete (a timeout answered it) needs nothing more; a half-sent one is Express's to end.
      if (!response.writableEnded) next(error);
      return;
    }
    const appError = isAppError(error) ? error : fromBodyParser(error as { type?: string });
    if (appError) {
      if (appError.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(Math.ceil(appError.retryAfterSeconds)));
      if (appError.status >= 500) logger.warn({ requestId: response.locals.requestId, code: appError.code, route: request.path }, appError.message);
      response.status(appError.status).json(errorBody(appError));
      return;
    }
    response.status(500).json(unexpectedErrorBody(error, { logger, requestId: response.locals.requestId, route: request.path }));
  };
}

export const notFound: RequestHandler = (request, _response, next) => {
  next(new AppError('not_found', `There is no route ${request.method} ${request.path}.`));
};
