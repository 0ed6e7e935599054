import { Router } from 'express';
import { AppError } from '../errors.js';
import { describeFeedbackIssue, FeedbackRequestSchema } from './feedback-schemas.js';
import type { FeedbackStore } from './feedback-store.js';

/** `POST /api/feedback`: a thumbs up or down (and an optional comment) on an answer the server gave. */
export function feedbackRouter(options: { store: FeedbackStore }): Router {
  const router = Router();
  router.post('/api/feedback', (request, response) => {
    const body: unknown = request.body;
    if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new AppError('invalid_request', 'The request body must be a JSON object with "answerId" and "rating".');
    }
    const parsed = FeedbackRequestSchema.safeParse(body);
    if (!parsed.success) throw new AppError('invalid_request', describeFeedbackIssue(parsed.error));
    const { answerId, rating, comment } = parsed.data;
    const entry = options.store.addFeedback({ answerId, rating, ...(comment ? { comment } : {}) });
    if (!entry) throw new AppError('not_found', `There is no answer with answerId "${answerId}"; rate an answer this server gave.`);
    response.status(201).json(entry);
  });
  return router;
}
