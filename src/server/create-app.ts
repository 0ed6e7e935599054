import express, { type Express, type Request } from 'express';
import type { Answerer } from '../answer/answer-types.js';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { ecosystemRouter, withFeedback } from './ecosystem-routes.js';
import type { FeedbackStore } from '../feedback/feedback-store.js';
import { createChatHandler } from './chat-route.js';
import { corsMiddleware } from './cors.js';
import { errorMiddleware, notFound, requireJson } from './error-middleware.js';
import { defaultHardening, mountHardening } from './hardening.js';
import type { IndexHandle } from './index-handle.js';
import { silentLogger, type Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { noteAnswer, requestLog } from './request-log.js';
import { requestSignal } from './request-timeout.js';
import { AskRequestSchema, describeIssue, type AskRequest } from './schemas.js';
import { serveWebClient } from './web-client.js';

export interface AppDependencies {
  config: Pick<Config, 'bodyLimit' | 'retrieval'> & Partial<Pick<Config, 'corsOrigins' | 'hardening'>>;
  index: IndexHandle;
  answerer: Answerer;
  logger?: Logger;
  metrics?: Metrics;
  /** Where served answers and ratings are kept; an in-memory store when absent. */
  feedback?: FeedbackStore;
}

/** Parses and validates an ask body; throws `invalid_request` with one sentence naming the field. */
export function parseAskRequest(body: unknown): AskRequest {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError('invalid_request', 'The request body must be a JSON object with a "question" string.');
  }
  const parsed = AskRequestSchema.safeParse(body);
  if (!parsed.success) throw new AppError('invalid_request', describeIssue(parsed.error));
  return parsed.data;
}

/**
 * Builds the Express app from its collaborators, so tests start it on port 0 with a fixture index and a fake
 * model. Handlers only parse, call the answerer and serialise.
 */
export function createApp(deps: AppDependencies): Express {
  const logger = deps.logger ?? silentLogger;
  deps = withFeedback(deps, logger); // every answer is recorded and carries an answerId
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('json spaces', 0);

  const metrics = deps.metrics ?? createMetrics();
  const hardening = deps.config.hardening ?? defaultHardening();
  app.use(requestLog({ logger, metrics, logQuestions: hardening.logQuestions }));
  // CORS first, so a widget on another site can read a 401 or 429 as well as an answer.
  app.use('/api', corsMiddleware({ allowedOrigins: deps.config.corsOrigins ?? [] }));
  mountHardening(app, { settings: hardening, metrics, frameAncestors: deps.config.corsOrigins ?? [] });

  app.use('/api', requireJson);
  app.use(express.json({ limit: deps.config.bodyLimit, strict: true }));

  const askInput = (request: Request) => {
    const body = parseAskRequest(request.body);
    return { question: body.question, history: body.history ?? [], topK: body.topK ?? deps.config.retrieval.topK };
  };

  app.post('/api/ask', async (request, response) => {
    const input = askInput(request);
    deps.index.get(); // 503 with the fix when no index is loaded
    const answer = await deps.answerer.answer({ ...input, signal: requestSignal(response) });
    if (response.headersSent) return; // the request timed out meanwhile and has had its 504
    noteAnswer(response, answer);
    response.json(answer);
  });

  app.post('/api/chat', createChatHandler({ index: deps.index, answerer: deps.answerer, readInput: askInput, logger }));

  app.get('/api/sources/:sourceId', (request, response) => {
    const document = deps.index.get().documents.get(request.params.sourceId);
    if (!document) throw new AppError('not_found', `There is no source with id "${request.params.sourceId}".`);
    response.json({
      id: document.id,
      title: document.title,
      ...(document.url ? { url: document.url } : {}),
      text: document.text,
      sections: document.sections.map((section) => ({ title: section.title, level: section.level, start: section.start, end: section.end })),
      references: document.references,
    });
  });

  app.get('/api/sources', (_request, response) => {
    const index = deps.index.get();
    response.json({
      sources: [...index.documents.values()].map((document) => ({
        id: document.id,
        title: document.title,
        ...(document.url ? { url: document.url } : {}),
        sections: document.sections.filter((section) => section.level >= 1).map((section) => section.title),
      })),
    });
  });

  app.get('/healthz', (_request, response) => {
    const problem = deps.index.error;
    if (problem) {
      response.status(503).json({ status: 'unavailable', error: { code: problem.code, message: problem.message } });
      return;
    }
    const { manifest } = deps.index.get();
    response.json({
      status: 'ok',
      index: { buildId: manifest.buildId, builtAt: manifest.builtAt, documents: manifest.counts.documents, chunks: manifest.counts.chunks, embedder: manifest.embedder.id },
    });
  });

  app.use(ecosystemRouter(deps));
  app.use(serveWebClient());
  app.use(notFound);
  app.use(errorMiddleware(logger));
  return app;
}
