import { z } from 'zod';
import { AskResponseSchema, CitationSchema } from './response-schemas.js';

/** The model id this server lists at `/v1/models` and puts on every completion; any requested model name is accepted. */
export const ASSISTANT_MODEL_ID = 'iom-cite-assistant';

const TextPartSchema = z.object({ type: z.literal('text'), text: z.string() });

/** One chat message as OpenAI clients send it; only user and assistant text is used. */
export const ChatMessageSchema = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
  content: z.union([z.string(), z.array(z.union([TextPartSchema, z.looseObject({ type: z.string() })])), z.null()]).optional(),
});

/**
 * `POST /v1/chat/completions` body: the subset of OpenAI's request this server reads. Sampling parameters
 * (temperature, max_tokens, …) are accepted and ignored: answers come from the sources.
 */
export const ChatCompletionRequestSchema = z
  .looseObject({
    model: z
      .string()
      .max(200)
      .optional()
      .meta({ description: `Any name is accepted; responses carry "${ASSISTANT_MODEL_ID}".` }),
    messages: z.array(ChatMessageSchema).min(1).max(200).meta({
      description: 'The last user message is the question; earlier user and assistant messages are the history. System messages are ignored.',
    }),
    stream: z.boolean().optional(),
  })
  .meta({ id: 'ChatCompletionRequest' });

export type ChatMessage = z.infer<typeof ChatMessageSchema>;

const extras = {
  citations: z.array(CitationSchema).meta({ description: 'Same objects as /api/ask: `[n]` in the content refers to `citations[].n`.' }),
  answerId: AskResponseSchema.shape.answerId,
  grounded: z.boolean(),
  mode: AskResponseSchema.shape.mode,
};

/** Non-streaming response: OpenAI's `chat.completion` plus `citations`, `answerId`, `grounded` and `mode`. */
export const ChatCompletionSchema = z
  .object({
    id: z.string(),
    object: z.literal('chat.completion'),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z.object({
        index: z.number().int(),
        message: z.object({ role: z.literal('assistant'), content: z.string(), refusal: z.null() }),
        finish_reason: z.literal('stop'),
        logprobs: z.null(),
      }),
    ),
    ...extras,
  })
  .meta({ id: 'ChatCompletion' });

/** One `data:` event of a streamed response; the last one (with `finish_reason`) carries the extras. */
export const ChatCompletionChunkSchema = z
  .object({
    id: z.string(),
    object: z.literal('chat.completion.chunk'),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z.object({
        index: z.number().int(),
        delta: z.object({ role: z.literal('assistant').optional(), content: z.string().optional() }),
        finish_reason: z.literal('stop').nullable(),
        logprobs: z.null(),
      }),
    ),
    citations: extras.citations.optional(),
    answerId: extras.answerId,
    grounded: extras.grounded.optional(),
    mode: extras.mode.optional(),
  })
  .meta({ id: 'ChatCompletionChunk' });

export const ModelSchema = z.object({ id: z.string(), object: z.literal('model'), created: z.number().int(), owned_by: z.string() });

/** `GET /v1/models`. */
export const ModelListSchema = z.object({ object: z.literal('list'), data: z.array(ModelSchema) }).meta({ id: 'ModelList' });
