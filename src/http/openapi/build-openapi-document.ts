import { z } from 'zod';
import { createDocument, type ZodOpenApiObject, type ZodOpenApiPathsObject, type ZodOpenApiResponseObject, type ZodOpenApiResponsesObject } from 'zod-openapi';
import { PROTECTED_PREFIXES } from '../wire/api-access.js';
import { ErrorResponseSchema } from '../wire/response-schemas.js';
import { API_ROUTES, PROTECTED_RESPONSES, type ApiResponse, type ApiRoute, type ComponentSchema } from './api-routes.js';

export type JsonObject = Record<string, unknown>;

export interface OpenApiDocumentOptions {
  title?: string;
  version?: string;
  routes?: ApiRoute[];
}

/** `/api/sources/:sourceId` → `/api/sources/{sourceId}`. */
export const toOpenApiPath = (expressPath: string) => expressPath.replace(/:(\w+)/g, '{$1}');

/** Every body is a component, so clients and the /docs page see one name per shape; a schema without an id would be inlined. */
function component(schema: ComponentSchema): ComponentSchema {
  if (z.globalRegistry.get(schema)?.id === undefined)
    throw new Error('A request or response schema in API_ROUTES has no component id; add .meta({ id }) where it is defined.');
  return schema;
}

function toResponse(response: ApiResponse): ZodOpenApiResponseObject {
  const content: NonNullable<ZodOpenApiResponseObject['content']> = {};
  if (response.body) content['application/json'] = { schema: component(response.body) };
  if (response.contentType) content[response.contentType] = { schema: { type: 'string' } };
  for (const alternative of response.alternatives ?? []) {
    content[alternative.contentType] = { schema: alternative.schema ? component(alternative.schema) : { type: 'string' } };
  }
  const alternativesNote = (response.alternatives ?? []).map((alternative) => ` ${alternative.contentType}: ${alternative.description}`).join('');
  return { description: `${response.description}${alternativesNote}`, ...(Object.keys(content).length ? { content } : {}) };
}

/**
 * The OpenAPI 3.1 document, generated from the route table and the zod schemas that validate requests, so it
 * cannot drift from the code. `zod-openapi` converts the schemas (with zod's own `toJSONSchema`): request bodies as
 * clients send them (zod's input types), responses as the server writes them (output types).
 */
export function buildOpenApiDocument(options: OpenApiDocumentOptions = {}): JsonObject {
  const routes = options.routes ?? API_ROUTES;
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const parameters = [...route.path.matchAll(/:(\w+)/g)].map((match) => ({
      name: match[1] ?? '',
      in: 'path' as const,
      required: true,
      schema: { type: 'string' as const },
    }));
    // Keys and the rate limit guard these routes when configured (`API_KEYS`, `RATE_LIMIT_PER_MINUTE`).
    const protectedRoute = PROTECTED_PREFIXES.some((prefix) => route.path === prefix || route.path.startsWith(`${prefix}/`));
    const responses: ZodOpenApiResponsesObject = {};
    for (const [status, response] of Object.entries(protectedRoute ? { ...route.responses, ...PROTECTED_RESPONSES } : route.responses)) {
      responses[status as `${1 | 2 | 3 | 4 | 5}${string}`] = toResponse(response);
    }
    responses.default = toResponse({ description: 'Any other error (e.g. 500 `internal_error`), in the same shape.', body: ErrorResponseSchema });
    (paths[toOpenApiPath(route.path)] ??= {})[route.method] = {
      operationId: `${route.method}${toOpenApiPath(route.path).replace(/[^A-Za-z0-9]+(\w)?/g, (_whole, next: string | undefined) => (next ?? '').toUpperCase())}`,
      tags: [route.tag],
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(route.requestBody ? { requestBody: { required: true, content: { 'application/json': { schema: component(route.requestBody) } } } } : {}),
      ...(protectedRoute ? { security: [{}, { apiKey: [] }] } : {}),
      responses,
    };
  }
  // zod-openapi passes `jsonSchemaDialect` through, though its 3.1 type does not list it.
  const document: ZodOpenApiObject & { jsonSchemaDialect: string } = {
    openapi: '3.1.0',
    info: {
      title: options.title ?? 'Cite assistant API',
      version: options.version ?? '0.1.0',
      description: 'Answers questions from documents with citations you can check. Every error is `{"error": {"code", "message"}}`.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    tags: [...new Set(routes.map((route) => route.tag))].map((name) => ({ name })),
    paths,
    components: {
      // Optional: required only when the server is started with API_KEYS.
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'One of the keys in `API_KEYS`, when it is set.' } },
    },
  };
  return { ...createDocument(document) };
}
