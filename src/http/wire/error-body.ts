import { isAppError } from '../../errors.js';
import type { Logger } from '../observability/logger.js';

/** The one error body every route, middleware and stream sends: `{ error: { code, message } }`. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** The body of a known error (an `AppError`, or anything with a code and a message). */
export function errorBody(problem: { code: string; message: string }): ErrorBody {
  return { error: { code: problem.code, message: problem.message } };
}

export interface UnexpectedErrorContext {
  logger: Logger;
  requestId: unknown;
  route: string;
  /** What the client is told; the generic sentence unless a route has a better one. */
  message?: string;
  /** The log line's message. */
  logMessage?: string;
}

/** Body of an error that is not an `AppError`: logged with the request id, shown to the client only generically. */
export function unexpectedErrorBody(error: unknown, context: UnexpectedErrorContext): { error: { code: 'internal_error'; message: string } } {
  context.logger.error(
    { requestId: context.requestId, route: context.route, err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) },
    context.logMessage ?? 'unhandled error',
  );
  return { error: { code: 'internal_error', message: context.message ?? 'Something went wrong on our side; the error has been logged.' } };
}

/** Any error as a body: an `AppError` as it is, anything else logged and generic (`unexpectedErrorBody`). */
export function toErrorBody(error: unknown, context: UnexpectedErrorContext): ErrorBody {
  return isAppError(error) ? errorBody(error) : unexpectedErrorBody(error, context);
}
