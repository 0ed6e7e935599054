import type { Express } from 'express';
import type { Answerer } from '../../src/answer/answer-types.js';
import type { FeedbackStore } from '../../src/feedback/feedback-store.js';
import { openSqliteFeedbackStore } from '../../src/feedback/sqlite-feedback-store.js';
import { createApp, type AppDependencies } from '../../src/http/app.js';
import { recordServedAnswers } from '../../src/http/compose.js';
import { silentLogger } from '../../src/http/observability/logger.js';
import { createMetrics } from '../../src/http/observability/metrics.js';

export interface TestAppDependencies extends Omit<AppDependencies, 'answerer' | 'feedback' | 'metrics'> {
  /** The answerer under test (a fake, or a real one over a fixture index); answers are recorded around it, as the server does. */
  answerer: Answerer;
  /** Where answers and ratings go; an in-memory SQLite store when the test does not look at it. */
  feedback?: FeedbackStore;
  metrics?: AppDependencies['metrics'];
}

/**
 * The app as tests start it: `createApp` with the one wrapper every served answer has in the server (recording, so
 * answers carry an `answerId` and `/api/feedback` can rate them), a fresh metrics registry and an in-memory feedback
 * store unless the test passes its own. The server's whole chain (cache, limit, instrumentation) is `composeAnswerer`.
 */
export function createTestApp(deps: TestAppDependencies): Express {
  const logger = deps.logger ?? silentLogger;
  const feedback = deps.feedback ?? openSqliteFeedbackStore({ dataDir: ':memory:' });
  const answerer = recordServedAnswers({ answerer: deps.answerer, feedback, logger });
  return createApp({ ...deps, logger, answerer, feedback, metrics: deps.metrics ?? createMetrics() });
}
