import { Router, type RequestHandler } from 'express';
import type { AnswerEvent, Answerer } from '../../answer/answer-types.js';
import { noteAnswer } from '../middleware/request-log.js';
import { silentLogger, type Logger } from '../observability/logger.js';
import type { IndexHandle } from '../process/index-handle.js';
import { toErrorBody } from '../wire/error-body.js';
import { DEFAULT_HEARTBEAT_MS, openSseStream, startSseHeartbeat, writeSseEvent, type SseEvent } from '../wire/sse.js';
import type { ReadAskInput } from './ask-input.js';

export interface ChatHandlerOptions {
  index: IndexHandle;
  answerer: Answerer;
  /** Parses and validates the body exactly as `/api/ask` does; throws `invalid_request`. */
  readInput: ReadAskInput;
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
    const stopHeartbeat = startSseHeartbeat(response, heartbeatMs);
    try {
      for await (const event of options.answerer.stream({ ...input, signal: controller.signal })) {
        if (controller.signal.aborted) break;
        if (event.type === 'done') noteAnswer(response, event.answer);
        await writeSseEvent(response, toSseEvent(event));
      }
    } catch (error) {
      if (!controller.signal.aborted) {
        await writeSseEvent(response, { event: 'error', data: toErrorBody(error, { logger, requestId: response.locals.requestId, route: request.path }) });
      }
    } finally {
      stopHeartbeat();
      response.end();
    }
  };
}

/** Mounts the chat handler at `POST /api/chat`. */
export function chatRouter(options: ChatHandlerOptions): Router {
  const router = Router();
  router.post('/api/chat', createChatHandler(options));
  return router;
}
