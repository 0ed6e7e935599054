import { Router } from 'express';
import { feedbackRouter } from '../feedback/feedback-route.js';
import { recordAnswers } from '../feedback/record-answers.js';
import { openSqliteFeedbackStore } from '../feedback/sqlite-feedback-store.js';
import { openApiRouter } from '../openapi/openapi-route.js';
import { openAiCompatRouter } from '../openai-compat/openai-compat-route.js';
import type { AppDependencies } from './create-app.js';
import type { Logger } from './logger.js';

/**
 * Gives the app a feedback store (in memory unless one is passed in) and wraps its answerer so every answer is
 * recorded and carries an `answerId`.
 */
export function withFeedback(deps: AppDependencies, logger: Logger): AppDependencies & { feedback: NonNullable<AppDependencies['feedback']> } {
  const feedback = deps.feedback ?? openSqliteFeedbackStore({ dataDir: ':memory:' });
  const answerer = recordAnswers({ answerer: deps.answerer, store: feedback, onRecordError: (error) => logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'answer not recorded for feedback') });
  return { ...deps, feedback, answerer };
}

/** The routes that fit the assistant into other tools: feedback, the OpenAI-compatible API, OpenAPI and /docs. */
export function ecosystemRouter(deps: AppDependencies): Router {
  const router = Router();
  if (deps.feedback) router.use(feedbackRouter({ store: deps.feedback }));
  router.use(openAiCompatRouter({ answerer: deps.answerer, index: deps.index, config: deps.config, ...(deps.logger ? { logger: deps.logger } : {}) }));
  router.use(openApiRouter());
  return router;
}
