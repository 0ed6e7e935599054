import { z } from 'zod';
import { PROTECTED_PREFIXES } from '../wire/api-access.js';
import { API_ROUTES, ErrorBody, PROTECTED_RESPONSES, SHARED_SCHEMAS, type ApiRoute, type NamedSchema } from './api-routes.js';

export type JsonObject = Record<string, unknown>;

export interface OpenApiDocumentOptions {
  title?: string;
  version?: string;
  routes?: ApiRoute[];
}

/** `/api/sources/:sourceId` → `/api/sources/{sourceId}`. */
export const toOpenApiPath = (expressPath: string) => expressPath.replace(/:(\w+)/g, '{$1}');

const componentUri = (name: string) => `#/components/schemas/${name}`;

/** Converts named zod schemas to JSON Schema 2020-12 components, referring to each other by `$ref`. */
function toComponents(schemas: NamedSchema[], io: 'input' | 'output'): Record<string, JsonObject> {
  const registry = z.registry<{ id: string }>();
  for (const { name, schema } of schemas) {
    const registered = registry.get(schema)?.id;
    // A second name would produce a `$ref` to a component that is never emitted.
    if (registered !== undefined && registered !== name) throw new Error(`Schema "${name}" is already in the document as "${registered}"; use one name.`);
    if (registered === undefined) registry.add(schema, { id: name });
  }
  const { schemas: converted } = z.toJSONSchema(registry, { io, uri: componentUri, unrepresentable: 'any' });
  const components: Record<string, JsonObject> = {};
  for (const [name, schema] of Object.entries(converted)) {
    // Components are embedded in the document: their own `$schema`/`$id` would make `$ref`s resolve elsewhere.
    const { $schema: _schema, $id: _id, ...rest } = schema as JsonObject;
    components[name] = rest;
  }
  return components;
}

const ref = (schema: NamedSchema) => ({ $ref: componentUri(schema.name) });

/**
 * The OpenAPI 3.1 document, generated from the route table and the zod schemas that validate requests, so it
 * cannot drift from the code. Request bodies are described as clients send them (`io: 'input'`), responses as the
 * server writes them.
 */
export function buildOpenApiDocument(options: OpenApiDocumentOptions = {}): JsonObject {
  const routes = options.routes ?? API_ROUTES;
  const requestSchemas = routes.flatMap((route) => (route.requestBody ? [route.requestBody] : []));
  const responseSchemas = [
    ...SHARED_SCHEMAS,
    ...routes.flatMap((route) =>
      Object.values(route.responses).flatMap((response) => [
        ...(response.body ? [response.body] : []),
        ...(response.alternatives ?? []).flatMap((alternative) => (alternative.schema ? [alternative.schema] : [])),
      ]),
    ),
  ];
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of routes) {
    const parameters = [...route.path.matchAll(/:(\w+)/g)].map((match) => ({ name: match[1], in: 'path', required: true, schema: { type: 'string' } }));
    // Keys and the rate limit guard these routes when configured (`API_KEYS`, `RATE_LIMIT_PER_MINUTE`).
    const protectedRoute = PROTECTED_PREFIXES.some((prefix) => route.path === prefix || route.path.startsWith(`${prefix}/`));
    const responses: Record<string, JsonObject> = {};
    for (const [status, response] of Object.entries(protectedRoute ? { ...route.responses, ...PROTECTED_RESPONSES } : route.responses)) {
      const content: Record<string, JsonObject> = {};
      if (response.body) content['application/json'] = { schema: ref(response.body) };
      if (response.contentType) content[response.contentType] = { schema: { type: 'string' } };
      for (const alternative of response.alternatives ?? []) {
        content[alternative.contentType] = { schema: alternative.schema ? ref(alternative.schema) : { type: 'string' } };
      }
      const alternativesNote = (response.alternatives ?? []).map((alternative) => ` ${alternative.contentType}: ${alternative.description}`).join('');
      responses[status] = { description: `${response.description}${alternativesNote}`, ...(Object.keys(content).length ? { content } : {}) };
    }
    responses.default = {
      description: 'Any other error (e.g. 500 `internal_error`), in the same shape.',
      content: { 'application/json': { schema: ref(ErrorBody) } },
    };
    (paths[toOpenApiPath(route.path)] ??= {})[route.method] = {
      operationId: `${route.method}${toOpenApiPath(route.path).replace(/[^A-Za-z0-9]+(\w)?/g, (_whole, next: string | undefined) => (next ?? '').toUpperCase())}`,
      tags: [route.tag],
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(route.requestBody ? { requestBody: { required: true, content: { 'application/json': { schema: ref(route.requestBody) } } } } : {}),
      ...(protectedRoute ? { security: [{}, { apiKey: [] }] } : {}),
      responses,
    };
  }
  return {
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
      schemas: { ...toComponents(responseSchemas, 'output'), ...toComponents(requestSchemas, 'input') },
      // Optional: required only when the server is started with API_KEYS.
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'One of the keys in `API_KEYS`, when it is set.' } },
    },
  };
}
