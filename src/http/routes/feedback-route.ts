import { safeParseBody } from '../wire/parse-body.js';
import { Router } from 'express';
import { AppError } from '../../errors.js';
import { describeFeedbackIssue, FeedbackRequestSchema } from '../wire/feedback-schemas.js';
import type { FeedbackStore } from '../../feedback/feedback-store.js';

/** `POST /api/feedback`: a thumbs up or down (and an optional comment) on an answer the server gave. */
export function feedbackRouter(options: { store: FeedbackStore }): Router {
  const router = Router();
  router.post('/api/feedback', (request, response) => {
    // A body that is not an object fails the schema at its root: describeFeedbackIssue names the whole body then.
    const parsed = safeParseBody(FeedbackRequestSchema, request.body);
    if (!parsed.success) throw new AppError('invalid_request', describeFeedbackIssue(parsed.error));
    const { answerId, rating, comment } = parsed.data;
    const entry = options.store.addFeedback({ answerId, rating, ...(comment ? { comment } : {}) });
    if (!entry) throw new AppError('not_found', `There is no answer with answerId "${answerId}"; rate an answer this server gave.`);
    response.status(201).json(entry);
  });
  return router;
}
