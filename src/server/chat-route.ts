import type { Request, RequestHandler, Response } from 'express';
import type { AnswerEvent, AnswerInput, Answerer } from '../answer/answer-types.js';
import { isAppError } from '../errors.js';
import type { IndexHandle } from './index-handle.js';
import { silentLogger, type Logger } from './logger.js';
import { openSseStream, writeSseEvent, writeSseHeartbeat, type SseEvent } from './sse.js';

/**
 * Proxies commonly close a connection idle for 60 s (nginx `proxy_read_timeout`, many load balancers); a comment
 * line every 15 s stays well inside that while costing a few bytes.
 */
export const DEFAULT_HEARTBEAT_MS = 15_000;

export interface ChatHandlerOptions {
  index: IndexHandle;
  answerer: Answerer;
  /** Parses and validates the body exactly as `/api/ask` does; throws `invalid_request`. */
  readInput: (request: Request) => Omit<AnswerInput, 'signal'>;
  heartbeatMs?: number;
  logger?: Logger;
}

/** The wire form of an answer event: `citations` and `delta` as they come, `done` carrying the `/api/ask` body. */
export function toSseEvent(event: AnswerEvent): SseEvent {
  switch (event.type) {
    case 'citations':
      return { event: 'citations', data: { citations: event.citations } };
    case 'delta':
      return { event: 'delta', data: { text: event.text } };
    case 'done':
      return { event: 'done', data: event.answer };
  }
}

function errorBody(error: unknown, response: Response, logger: Logger, route: string): { error: { code: string; message: string } } {
  if (isAppError(error)) return { error: { code: error.code, message: error.message } };
  logger.error({ requestId: response.locals.requestId, route, err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) }, 'unhandled error in stream');
  return { error: { code: 'internal_error', message: 'Something went wrong on our side; the error has been logged.' } };
}

/**
 * `POST /api/chat`: the answer as server-sent events. Problems found before the stream starts (bad body, no index)
 * are ordinary JSON errors with their status; a failure mid-stream becomes an `error` event. A client that
 * disconnects aborts the answerer (and with it the model call) through the input's signal.
 */
export function createChatHandler(options: ChatHandlerOptions): RequestHandler {
  const logger = options.logger ?? silentLogger;
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  return async (request, response) => {
    const input = options.readInput(request);
    options.index.get(); // 503 with the fix when no index is loaded, before any event is sent
    const controller = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) controller.abort();
    });
    openSseStream(response);
    const heartbeat = setInterval(() => writeSseHeartbeat(response), heartbeatMs);
    try {
      for await (const event of options.answerer.stream({ ...input, signal: controller.signal })) {
        if (controller.signal.aborted) break;
        if (event.type === 'done') {
          response.locals.mode = event.answer.mode;
          response.locals.chunkIds = event.answer.citations.map((citation) => citation.chunkId);
        }
        await writeSseEvent(response, toSseEvent(event));
      }
    } catch (error) {
      if (!controller.signal.aborted) await writeSseEvent(response, { event: 'error', data: errorBody(error, response, logger, request.path) });
    } finally {
      clearInterval(heartbeat);
      response.end();
    }
  };
}
