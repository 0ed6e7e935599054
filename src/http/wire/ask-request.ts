import { z } from 'zod';
import { AppError } from '../../errors.js';
import { safeParseBody } from './parse-body.js';

/** What an ask may carry: the schemas below, their error messages and the OpenAI-compatible route share them. */
export const ASK_LIMITS = { questionCharacters: 2000, historyTurns: 20, turnCharacters: 4000, topK: 20 } as const;

/** Request schemas: validation at the edge, types derived from them (and, later, the OpenAPI document). */
export const ConversationTurnSchema = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string().max(ASK_LIMITS.turnCharacters),
});

export const AskRequestSchema = z
  .object({
    // trim() is a check zod runs before min/max, and unlike a transform it shows in the generated JSON Schema.
    question: z.string().trim().min(1).max(ASK_LIMITS.questionCharacters),
    history: z.array(ConversationTurnSchema).max(ASK_LIMITS.historyTurns).optional(),
    topK: z.number().int().min(1).max(ASK_LIMITS.topK).optional(),
  })
  .meta({ id: 'AskRequest' });

export type AskRequest = z.infer<typeof AskRequestSchema>;

/** One human sentence for the first problem zod found, naming the field. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request body is invalid.';
  const field = issue.path.length ? issue.path.map(String).join('.') : 'body';
  const top = String(issue.path[0] ?? '');
  if (top === 'question') return `question must be a non-empty string of at most ${ASK_LIMITS.questionCharacters} characters (after trimming).`;
  if (top === 'topK') return `topK must be an integer from 1 to ${ASK_LIMITS.topK}.`;
  if (top === 'history') {
    if (issue.path.length === 1) return `history must be an array of at most ${ASK_LIMITS.historyTurns} turns.`;
    return `history turns need role "user" or "assistant" and content a string of at most ${ASK_LIMITS.turnCharacters} characters (problem at ${field}).`;
  }
  return `${field}: ${issue.message}.`;
}

/** Parses and validates an ask body; throws `invalid_request` with one sentence naming the field. */
export function parseAskRequest(body: unknown): AskRequest {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError('invalid_request', 'The request body must be a JSON object with a "question" string.');
  }
  const parsed = safeParseBody(AskRequestSchema, body);
  if (!parsed.success) throw new AppError('invalid_request', describeIssue(parsed.error));
  return parsed.data;
}
