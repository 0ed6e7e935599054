import express, { type Express } from 'express';
import type { Answerer } from '../answer/answer-types.js';
import type { Config } from '../config.js';
import type { FeedbackStore } from '../feedback/feedback-store.js';
import { apiAccess, defaultHardening } from './middleware/api-access.js';
import { corsMiddleware } from './middleware/cors.js';
import { errorMiddleware, notFound } from './middleware/error-handler.js';
import { requestLog } from './middleware/request-log.js';
import { requestTimeout } from './middleware/request-timeout.js';
import { requireJson } from './middleware/require-json.js';
import { securityHeaders } from './middleware/security-headers.js';
import { silentLogger, type Logger } from './observability/logger.js';
import type { Metrics } from './observability/metrics.js';
import type { IndexHandle } from './process/index-handle.js';
import { askInputReader } from './routes/ask-input.js';
import { askRouter } from './routes/ask-route.js';
import { chatRouter } from './routes/chat-route.js';
import { feedbackRouter } from './routes/feedback-route.js';
import { healthRouter } from './routes/health-route.js';
import { metricsRouter } from './routes/metrics-route.js';
import { openAiCompatRouter } from './routes/openai-compatible-route.js';
import { openApiRouter } from './routes/openapi-route.js';
import { sourcesRouter } from './routes/sources-route.js';
import { serveWebClient } from './routes/web-client-route.js';

export interface AppDependencies {
  config: Pick<Config, 'bodyLimit' | 'retrieval'> & Partial<Pick<Config, 'corsOrigins' | 'hardening' | 'corpusDir'>>;
  index: IndexHandle;
  /** The answerer as served: the whole chain `compose.ts` builds (it records answers, so they carry an `answerId`). */
  answerer: Answerer;
  /** Where `POST /api/feedback` stores ratings: the store the answerer records into. */
  feedback: FeedbackStore;
  metrics: Metrics;
  logger?: Logger;
}

/**
 * The Express app: middleware and routers, mounted in order, nothing built here. Every collaborator comes in
 * `deps` (see `compose.ts` for the server's, `test/helpers/create-test-app.ts` for the tests'); handlers only parse,
 * call the answerer and serialise.
 */
export function createApp(deps: AppDependencies): Express {
  const { config, index, answerer, metrics } = deps;
  const logger = deps.logger ?? silentLogger;
  const hardening = config.hardening ?? defaultHardening();
  const corsOrigins = config.corsOrigins ?? [];
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('json spaces', 0);

  app.use(requestLog({ logger, metrics, logQuestions: hardening.logQuestions }));
  // CORS first, so a widget on another site can read a 401 or 429 as well as an answer.
  app.use('/api', corsMiddleware({ allowedOrigins: corsOrigins }));
  app.use(securityHeaders({ frameAncestors: corsOrigins }));
  app.use(requestTimeout({ timeoutMs: hardening.requestTimeoutMs }));
  app.use(metricsRouter({ metrics }));
  app.use(apiAccess(hardening));
  app.use('/api', requireJson);
  app.use(express.json({ limit: config.bodyLimit, strict: true }));

  const readInput = askInputReader(config);
  app.use(askRouter({ index, answerer, readInput }));
  app.use(chatRouter({ index, answerer, readInput, logger }));
  app.use(sourcesRouter({ index, ...(config.corpusDir ? { corpusDir: config.corpusDir } : {}) }));
  app.use(healthRouter({ index }));
  app.use(feedbackRouter({ store: deps.feedback }));
  app.use(openAiCompatRouter({ answerer, index, config, logger }));
  app.use(openApiRouter());
  app.use(serveWebClient());
  app.use(notFound);
  app.use(errorMiddleware(logger));
  return app;
}
