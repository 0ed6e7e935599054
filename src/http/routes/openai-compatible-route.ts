import { safeParseBody } from '../wire/parse-body.js';
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { Answer, Answerer } from '../../answer/answer-types.js';
import type { Config } from '../../config.js';
import { answerPieces } from '../../answer/extractive-answerer.js';
import { AppError } from '../../errors.js';
import { requireJson } from '../middleware/require-json.js';
import { noteAnswer } from '../middleware/request-log.js';
import { requestSignal } from '../middleware/request-timeout.js';
import { silentLogger, type Logger } from '../observability/logger.js';
import type { IndexHandle } from '../process/index-handle.js';
import { toErrorBody } from '../wire/error-body.js';
import { toAskInput } from '../wire/openai-messages.js';
import { ASSISTANT_MODEL_ID, ChatCompletionRequestSchema } from '../wire/openai-schemas.js';
import { DEFAULT_HEARTBEAT_MS, openSseStream, startSseHeartbeat, writeSseData } from '../wire/sse.js';

export interface OpenAiCompatOptions {
  answerer: Answerer;
  index: IndexHandle;
  config: Pick<Config, 'retrieval'>;
  logger?: Logger;
  /** Comment lines while the answer is prepared, so idle-timeout proxies keep the stream open. */
  heartbeatMs?: number;
}

/** When the assistant "model" was created, for `/v1/models` (OpenAI reports a Unix time). */
const MODEL_CREATED = 1_764_201_600;

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The fields this server adds to OpenAI's format so citations are never lost on the way. */
const extrasOf = (answer: Answer) => ({
  citations: answer.citations,
  ...(answer.answerId ? { answerId: answer.answerId } : {}),
  grounded: answer.grounded,
  mode: answer.mode,
});

/**
 * OpenAI-compatible endpoints, so the `openai` SDK, LangChain's `ChatOpenAI` or any chat UI speaking the OpenAI API
 * can use the assistant by pointing its base URL at `/v1`.
 */
export function openAiCompatRouter(options: OpenAiCompatOptions): Router {
  const router = Router();

  router.get('/v1/models', (_request, response) => {
    response.json({ object: 'list', data: [{ id: ASSISTANT_MODEL_ID, object: 'model', created: MODEL_CREATED, owned_by: 'local' }] });
  });

  router.post('/v1/chat/completions', requireJson, async (request, response) => {
    const parsed = safeParseBody(ChatCompletionRequestSchema, request.body);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.map(String).join('.') || 'body';
      throw new AppError(
        'invalid_request',
        `The request body must be an OpenAI chat completion request with a "messages" array (problem at ${field}: ${parsed.error.issues[0]?.message ?? 'invalid'}).`,
      );
    }
    const input = { ...toAskInput(parsed.data.messages), topK: options.config.retrieval.topK };
    options.index.get(); // 503 with the fix when no index is loaded, before any stream starts
    // Aborted when the client goes away or the request times out (the timeout's 504 is then already sent).
    const signal = requestSignal(response);

    if (!parsed.data.stream) {
      const answer = await options.answerer.answer({ ...input, signal });
      if (response.headersSent) return; // the request timed out meanwhile and has had its 504
      noteAnswer(response, answer);
      response.json({
        id: `chatcmpl-${answer.answerId ?? randomUUID()}`,
        object: 'chat.completion',
        created: nowSeconds(),
        model: ASSISTANT_MODEL_ID,
        choices: [{ index: 0, message: { role: 'assistant', content: answer.answer, refusal: null }, finish_reason: 'stop', logprobs: null }],
        ...extrasOf(answer),
      });
      return;
    }

    const id = `chatcmpl-${randomUUID()}`;
    const created = nowSeconds();
    const chunk = (delta: { role?: 'assistant'; content?: string }, finishReason: 'stop' | null = null) => ({
      id,
      object: 'chat.completion.chunk',
      created,
      model: ASSISTANT_MODEL_ID,
      choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
    });
    // OpenAI streams are `data:`-only events (no `event:` name), ending with `data: [DONE]`.
    openSseStream(response);
    await writeSseData(response, chunk({ role: 'assistant', content: '' }));
    const stopHeartbeat = startSseHeartbeat(response, options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
    try {
      let final: Answer | undefined;
      // The text is sent once verified (markers checked against the passages): an OpenAI stream cannot take back
      // text, so a model draft whose markers are later dropped or replaced must not reach the client.
      for await (const event of options.answerer.stream({ ...input, signal })) {
        if (event.type === 'done') final = event.answer;
      }
      if (!final) throw new Error('the answerer ended without an answer');
      noteAnswer(response, final);
      for (const piece of answerPieces(final)) await writeSseData(response, chunk({ content: piece }));
      await writeSseData(response, { ...chunk({}, 'stop'), ...extrasOf(final) });
      await writeSseData(response, '[DONE]');
    } catch (error) {
      if (!signal.aborted) {
        const logger = options.logger ?? silentLogger;
        const context = {
          logger,
          requestId: response.locals.requestId as unknown,
          route: request.path,
          message: 'The answer failed part-way; please ask again.',
          logMessage: 'stream failed',
        };
        await writeSseData(response, toErrorBody(error, context));
      }
    } finally {
      stopHeartbeat();
      response.end();
    }
  });

  return router;
}
