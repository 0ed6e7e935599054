import { z } from 'zod';
import { FeedbackRequestSchema, FeedbackResponseSchema } from '../wire/feedback-schemas.js';
import { ChatCompletionChunkSchema, ChatCompletionRequestSchema, ChatCompletionSchema, ModelListSchema } from '../wire/openai-schemas.js';
import { AskResponseSchema, ErrorResponseSchema, HealthSchema, HealthUnavailableSchema, SourceListSchema, SourceSchema } from '../wire/response-schemas.js';
import { AskRequestSchema } from '../wire/ask-request.js';

/**
 * A zod schema with a component id (`.meta({ id: 'AskResponse' })` where it is defined): the document refers to it as
 * `#/components/schemas/AskResponse`.
 */
export type ComponentSchema = z.ZodType;

export interface ApiResponse {
  description: string;
  /** JSON body; absent for non-JSON bodies described by `contentType`. */
  body?: ComponentSchema;
  /** Other media types this status can return, e.g. `text/event-stream` for a streamed completion. */
  alternatives?: { contentType: string; description: string; schema?: ComponentSchema }[];
  contentType?: string;
}

export interface ApiRoute {
  method: 'get' | 'post';
  /** Express syntax (`/api/sources/:sourceId`), exactly as the route is registered. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  requestBody?: ComponentSchema;
  responses: Record<number, ApiResponse>;
}

const error = (description: string): ApiResponse => ({ description, body: ErrorResponseSchema });
const invalidJson = error('Malformed JSON, or a field out of range (`invalid_json`, `invalid_request`).');
const tooLarge = error('The body is over the size limit (`payload_too_large`).');
const notJson = error('The body is not `application/json` (`unsupported_media_type`).');
const noIndex = error('No index is loaded (`index_unavailable`); the message says how to fix it (`npm run ingest`).');

const OpenApiDocumentSchema = z.looseObject({ openapi: z.string() }).meta({ id: 'OpenApiDocument' });

/** What every route under a protected prefix (`/api`, `/v1`) may also answer, when keys or a rate limit are set. */
export const PROTECTED_RESPONSES: Record<string, ApiResponse> = {
  401: error('Only when `API_KEYS` is set: no valid `Authorization: Bearer <key>` (`unauthorized`).'),
  429: error(
    'Only when `RATE_LIMIT_PER_MINUTE` is above 0: this client (key, else IP) went over its limit (`rate_limited`); `Retry-After` gives the seconds to wait.',
  ),
};

/**
 * Every route the server registers, with its schemas and statuses: the single table the OpenAPI document and the
 * /docs page are generated from. A test checks it against the routes Express actually has, so a route added without
 * a line here fails the build.
 */
export const API_ROUTES: ApiRoute[] = [
  {
    method: 'post',
    path: '/api/ask',
    tag: 'Answers',
    summary: 'Ask a question; get an answer with checkable citations',
    description: 'Every `[n]` marker in `answer` refers to `citations[].n`; each quote is verbatim source text.',
    requestBody: AskRequestSchema,
    responses: {
      200: { description: 'The answer.', body: AskResponseSchema },
      400: invalidJson,
      413: tooLarge,
      415: notJson,
      503: noIndex,
    },
  },
  {
    method: 'post',
    path: '/api/chat',
    tag: 'Answers',
    summary: 'Ask a question; get the answer as a stream of server-sent events',
    description:
      'Same request as /api/ask. Events: `citations` `{citations}`, then `delta` `{text}` as the answer is written, then `done` with the /api/ask response body (including `answerId`); a failure mid-stream is an `error` event `{error: {code, message}}`. Comment lines keep idle proxies from closing the stream.',
    requestBody: AskRequestSchema,
    responses: { 200: { description: 'The event stream.', contentType: 'text/event-stream' }, 400: invalidJson, 413: tooLarge, 415: notJson, 503: noIndex },
  },
  {
    method: 'get',
    path: '/api/sources',
    tag: 'Sources',
    summary: 'List the indexed documents and their sections',
    responses: { 200: { description: 'The documents.', body: SourceListSchema }, 503: noIndex },
  },
  {
    method: 'get',
    path: '/api/sources/:sourceId',
    tag: 'Sources',
    summary: 'One document as indexed, to show and highlight a cited passage',
    responses: {
      200: { description: 'The document; `text.slice(start, end)` is each quote.', body: SourceSchema },
      404: error('No source has that id (`not_found`).'),
      503: noIndex,
    },
  },
  {
    method: 'get',
    path: '/api/sources/:sourceId/original',
    tag: 'Sources',
    summary: 'The original file of a PDF, Word or EPUB source',
    description: 'The file as it is in the corpus folder, with its content type; for a PDF, append `#page=N` to open it on page N.',
    responses: {
      200: {
        description: 'The file.',
        contentType: 'application/pdf',
        alternatives: [
          { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', description: 'A Word source.' },
          { contentType: 'application/epub+zip', description: 'An EPUB source.' },
        ],
      },
      404: error('No source has that id, it is not a PDF, Word or EPUB file, or its file is not on this server (`not_found`).'),
      503: noIndex,
    },
  },
  {
    method: 'get',
    path: '/healthz',
    tag: 'Operations',
    summary: 'Readiness: 200 once the index is loaded',
    responses: {
      200: { description: 'Ready.', body: HealthSchema },
      503: { description: 'Not ready; `error` says why.', body: HealthUnavailableSchema },
    },
  },
  {
    method: 'post',
    path: '/api/feedback',
    tag: 'Feedback',
    summary: 'Rate an answer: thumbs up or down, with an optional comment',
    description: 'Stored durably with the question, answer, citations and mode. `npm run feedback:report` summarises it.',
    requestBody: FeedbackRequestSchema,
    responses: {
      201: { description: 'The stored rating.', body: FeedbackResponseSchema },
      400: invalidJson,
      404: error('No answer has that `answerId` (`not_found`).'),
      415: notJson,
    },
  },
  {
    method: 'get',
    path: '/v1/models',
    tag: 'OpenAI-compatible',
    summary: 'The assistant as an OpenAI model',
    responses: { 200: { description: 'One model.', body: ModelListSchema } },
  },
  {
    method: 'post',
    path: '/v1/chat/completions',
    tag: 'OpenAI-compatible',
    summary: 'OpenAI chat completions: point the openai SDK or LangChain at /v1',
    description:
      'The last user message is the question, earlier user/assistant messages the history; system messages are ignored. The content keeps its `[n]` markers and the response adds `citations` (on the final chunk when streaming).',
    requestBody: ChatCompletionRequestSchema,
    responses: {
      200: {
        description: 'The completion.',
        body: ChatCompletionSchema,
        alternatives: [
          {
            contentType: 'text/event-stream',
            description: 'With `stream: true`: `data: <chunk>` events, the last chunk with `finish_reason` and `citations`, then `data: [DONE]`.',
            schema: ChatCompletionChunkSchema,
          },
        ],
      },
      400: invalidJson,
      413: tooLarge,
      415: notJson,
      503: noIndex,
    },
  },
  {
    method: 'get',
    path: '/openapi.json',
    tag: 'Operations',
    summary: 'This OpenAPI 3.1 document',
    responses: { 200: { description: 'The document.', body: OpenApiDocumentSchema } },
  },
  {
    method: 'get',
    path: '/metrics',
    tag: 'Operations',
    summary: 'Prometheus metrics: requests and latency by route and mode, LLM errors, fallbacks, abstentions',
    responses: { 200: { description: 'Prometheus text exposition format.', contentType: 'text/plain' } },
  },
  {
    method: 'get',
    path: '/docs',
    tag: 'Operations',
    summary: 'The API reference as a web page',
    responses: { 200: { description: 'HTML, no external assets.', contentType: 'text/html' } },
  },
];
