import { z } from 'zod';

/** Request schemas: validation at the edge, types derived from them (and, later, the OpenAPI document). */
export const ConversationTurnSchema = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string().max(4000),
});

export const AskRequestSchema = z.object({
  // trim() is a check zod runs before min/max, and unlike a transform it shows in the generated JSON Schema.
  question: z.string().trim().min(1).max(2000),
  history: z.array(ConversationTurnSchema).max(20).optional(),
  topK: z.number().int().min(1).max(20).optional(),
});

export type AskRequest = z.infer<typeof AskRequestSchema>;

/** One human sentence for the first problem zod found, naming the field. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request body is invalid.';
  const field = issue.path.length ? issue.path.map(String).join('.') : 'body';
  const top = String(issue.path[0] ?? '');
  if (top === 'question') return 'question must be a non-empty string of at most 2000 characters (after trimming).';
  if (top === 'topK') return 'topK must be an integer from 1 to 20.';
  if (top === 'history') {
    if (issue.path.length === 1) return 'history must be an array of at most 20 turns.';
    return `history turns need role "user" or "assistant" and content a string of at most 4000 characters (problem at ${field}).`;
  }
  return `${field}: ${issue.message}.`;
}
