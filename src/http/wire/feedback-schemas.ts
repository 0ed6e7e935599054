import { z } from 'zod';

/** `POST /api/feedback` body. */
export const FeedbackRequestSchema = z
  .object({
    answerId: z.string().trim().min(1).max(100).meta({ description: 'The `answerId` of the answer being rated.' }),
    rating: z.enum(['up', 'down']),
    comment: z.string().trim().max(2000).optional(),
  })
  .meta({ id: 'FeedbackRequest' });

/** `POST /api/feedback` 201 response: the stored rating. */
export const FeedbackResponseSchema = z
  .object({
    feedbackId: z.number().int().min(1),
    answerId: z.string(),
    rating: z.enum(['up', 'down']),
    comment: z.string().nullable(),
    createdAt: z.string().meta({ description: 'ISO 8601 time the rating was stored.' }),
  })
  .meta({ id: 'Feedback' });

/** One sentence naming the first problem in a feedback body. */
export function describeFeedbackIssue(error: z.ZodError): string {
  const field = String(error.issues[0]?.path[0] ?? 'body');
  if (field === 'answerId') return 'answerId must be the non-empty "answerId" string of an answer this server gave.';
  if (field === 'rating') return 'rating must be "up" or "down".';
  if (field === 'comment') return 'comment, when given, must be a string of at most 2000 characters.';
  return 'The request body must be a JSON object with "answerId" and "rating".';
}
