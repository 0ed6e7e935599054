import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Answer } from '../../answer/answer-types.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';

export interface RequestLogOptions {
  logger: Logger;
  metrics?: Metrics;
  /** Adds the question text to the request line; off by default because questions can hold personal data. */
  logQuestions?: boolean;
}

/** A client-sent request id is kept only when it is short and plain, so it cannot forge log lines. */
const REQUEST_ID = /^[\w.-]{1,64}$/;
/** Longest question text written to a log line when question logging is on. */
const LOGGED_QUESTION_CHARS = 500;

/** Records what the request line reports about an answer: its mode and the chunks it cites. */
export function noteAnswer(response: Response, answer: Pick<Answer, 'mode' | 'citations'>): void {
  response.locals.mode = answer.mode;
  response.locals.chunkIds = answer.citations.map((citation) => citation.chunkId);
}

/** The route pattern (`/api/sources/:sourceId`), not the path, so metrics labels stay few. */
function routeLabel(request: Request): string {
  const route = (request as { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? `${request.baseUrl}${route.path}` : 'unmatched';
}

/**
 * Gives every request an id (echoed in `X-Request-Id`), then writes one log line when it finishes: route, status,
 * latency, answer mode and retrieved chunk ids (set by handlers in `response.locals`), and records its metrics.
 */
export function requestLog(options: RequestLogOptions): RequestHandler {
  return (request, response, next) => {
    const incoming = request.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    response.locals.requestId = requestId;
    response.setHeader('X-Request-Id', requestId);
    const started = performance.now();
    response.on('finish', () => {
      const ms = performance.now() - started;
      const mode = typeof response.locals.mode === 'string' ? response.locals.mode : 'none';
      const question = (request.body as { question?: unknown } | undefined)?.question;
      options.logger.info({
        requestId,
        method: request.method,
        route: request.path,
        status: response.statusCode,
        ms: Math.round(ms),
        mode: response.locals.mode,
        chunks: response.locals.chunkIds,
        ...(options.logQuestions && typeof question === 'string' ? { question: question.slice(0, LOGGED_QUESTION_CHARS) } : {}),
      });
      if (options.metrics) {
        const route = routeLabel(request);
        options.metrics.requests.inc({ method: request.method, route, status: String(response.statusCode), mode });
        options.metrics.requestSeconds.observe({ method: request.method, route, mode }, ms / 1000);
      }
    });
    next();
  };
}
