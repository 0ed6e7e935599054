import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer } from '../../src/answer/create-answerer.js';
import { API_ROUTES } from '../../src/http/openapi/api-routes.js';
import { toOpenApiPath } from '../../src/http/openapi/build-openapi-document.js';
import { createTestApp } from '../helpers/create-test-app.js';
import { IndexHandle } from '../../src/http/process/index-handle.js';
import { buildTestIndex, REPO_ROOT, type TestIndex } from '../helpers/article-index.js';
import { listen } from '../helpers/start-app.js';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
  rawPath?: string;
  slash?: boolean;
}

/** `METHOD /path` of every route registered in an Express 5 app, walking into mounted routers. */
function registeredRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) found.push(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
      } else if (layer.handle.stack) {
        walk(layer.handle.stack, layer.slash || !layer.rawPath ? prefix : `${prefix}${layer.rawPath}`);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found.sort();
}

let testIndex: TestIndex;
let ready: Awaited<ReturnType<typeof listen>>;
let unready: Awaited<ReturnType<typeof listen>>;
/** A server over a PDF, for the route that serves original files. */
let paged: Awaited<ReturnType<typeof listen>>;
let pagedIndex: TestIndex;
let pagedCorpus: string;
let readyApp: Express;
let document: Record<string, any>;

beforeAll(async () => {
  testIndex = await buildTestIndex();
  const answerer = await createAnswerer(testIndex.config, () => testIndex.reader);
  readyApp = createTestApp({ config: testIndex.config, index: new IndexHandle(testIndex.reader), answerer });
  ready = await listen(readyApp);
  unready = await listen(createTestApp({ config: testIndex.config, index: new IndexHandle(), answerer }));
  document = (await (await fetch(`${ready.baseUrl}/openapi.json`)).json()) as Record<string, any>;
  pagedCorpus = await mkdtemp(path.join(os.tmpdir(), 'cite-openapi-pdf-'));
  await copyFile(path.join(REPO_ROOT, 'test/fixtures/paged/handbook.pdf'), path.join(pagedCorpus, 'handbook.pdf'));
  pagedIndex = await buildTestIndex(pagedCorpus);
  paged = await listen(createTestApp({ config: pagedIndex.config, index: new IndexHandle(pagedIndex.reader), answerer }));
});

afterAll(async () => {
  await ready?.close();
  await unready?.close();
  await paged?.close();
  await testIndex?.cleanup();
  await pagedIndex?.cleanup();
  if (pagedCorpus) await rm(pagedCorpus, { recursive: true, force: true });
});

const json = (body: unknown, contentType = 'application/json'): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': contentType },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const QUESTION = 'How many member states does IOM have?';
/** Bigger than the default 64 kB body limit. */
const OVERSIZED = 'x'.repeat(70_000);

/**
 * One real request per documented route and status. The table's keys must equal the documented statuses, so a status
 * documented without a way to produce it (or produced without being documented here) fails the test.
 */
const STATUS_CASES: Record<string, () => Promise<Response>> = {
  'POST /api/ask 200': () => fetch(`${ready.baseUrl}/api/ask`, json({ question: QUESTION })),
  'POST /api/ask 400': () => fetch(`${ready.baseUrl}/api/ask`, json({ question: '   ' })),
  'POST /api/ask 413': () => fetch(`${ready.baseUrl}/api/ask`, json({ question: OVERSIZED })),
  'POST /api/ask 415': () => fetch(`${ready.baseUrl}/api/ask`, json('question=hi', 'text/plain')),
  'POST /api/ask 503': () => fetch(`${unready.baseUrl}/api/ask`, json({ question: QUESTION })),
  'POST /api/chat 200': () => fetch(`${ready.baseUrl}/api/chat`, json({ question: QUESTION })),
  'POST /api/chat 400': () => fetch(`${ready.baseUrl}/api/chat`, json({ question: 'x', topK: 0 })),
  'POST /api/chat 413': () => fetch(`${ready.baseUrl}/api/chat`, json({ question: OVERSIZED })),
  'POST /api/chat 415': () => fetch(`${ready.baseUrl}/api/chat`, json('question=hi', 'text/plain')),
  'POST /api/chat 503': () => fetch(`${unready.baseUrl}/api/chat`, json({ question: QUESTION })),
  'GET /api/sources 200': () => fetch(`${ready.baseUrl}/api/sources`),
  'GET /api/sources 503': () => fetch(`${unready.baseUrl}/api/sources`),
  'GET /api/sources/:sourceId 200': () => fetch(`${ready.baseUrl}/api/sources/${[...testIndex.index.documents.keys()][0]}`),
  'GET /api/sources/:sourceId 404': () => fetch(`${ready.baseUrl}/api/sources/no-such-source`),
  'GET /api/sources/:sourceId 503': () => fetch(`${unready.baseUrl}/api/sources/anything`),
  'GET /api/sources/:sourceId/original 200': () => fetch(`${paged.baseUrl}/api/sources/handbook/original`),
  // The article is a text file: it has no original to serve.
  'GET /api/sources/:sourceId/original 404': () => fetch(`${ready.baseUrl}/api/sources/${[...testIndex.index.documents.keys()][0]}/original`),
  'GET /api/sources/:sourceId/original 503': () => fetch(`${unready.baseUrl}/api/sources/anything/original`),
  'GET /healthz 200': () => fetch(`${ready.baseUrl}/healthz`),
  'GET /healthz 503': () => fetch(`${unready.baseUrl}/healthz`),
  'POST /api/feedback 201': async () => {
    const asked = (await (await fetch(`${ready.baseUrl}/api/ask`, json({ question: QUESTION }))).json()) as { answerId: string };
    return fetch(`${ready.baseUrl}/api/feedback`, json({ answerId: asked.answerId, rating: 'up' }));
  },
  'POST /api/feedback 400': () => fetch(`${ready.baseUrl}/api/feedback`, json({ answerId: 'a', rating: 'sideways' })),
  'POST /api/feedback 404': () => fetch(`${ready.baseUrl}/api/feedback`, json({ answerId: 'never-served', rating: 'down' })),
  'POST /api/feedback 415': () => fetch(`${ready.baseUrl}/api/feedback`, json('rating=up', 'text/plain')),
  'GET /v1/models 200': () => fetch(`${ready.baseUrl}/v1/models`),
  'POST /v1/chat/completions 200': () => fetch(`${ready.baseUrl}/v1/chat/completions`, json({ model: 'x', messages: [{ role: 'user', content: QUESTION }] })),
  'POST /v1/chat/completions 400': () => fetch(`${ready.baseUrl}/v1/chat/completions`, json({ model: 'x', messages: [] })),
  'POST /v1/chat/completions 413': () => fetch(`${ready.baseUrl}/v1/chat/completions`, json({ messages: [{ role: 'user', content: OVERSIZED }] })),
  'POST /v1/chat/completions 415': () => fetch(`${ready.baseUrl}/v1/chat/completions`, json('{}', 'text/plain')),
  'POST /v1/chat/completions 503': () => fetch(`${unready.baseUrl}/v1/chat/completions`, json({ messages: [{ role: 'user', content: QUESTION }] })),
  'GET /openapi.json 200': () => fetch(`${ready.baseUrl}/openapi.json`),
  'GET /docs 200': () => fetch(`${ready.baseUrl}/docs`),
  'GET /metrics 200': () => fetch(`${ready.baseUrl}/metrics`),
};

describe('OpenAPI document', () => {
  it('validates as OpenAPI 3.1', async () => {
    expect(document.openapi).toMatch(/^3\.1\./);
    const result = await new Validator().validate(structuredClone(document) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents every route the app registers, and only those', () => {
    const documented = API_ROUTES.map((route) => `${route.method.toUpperCase()} ${route.path}`).sort();
    expect(registeredRoutes(readyApp)).toEqual(documented);
    const published = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(published.sort()).toEqual(documented.map((entry) => entry.replace(/ (.*)$/, (_whole, path: string) => ` ${toOpenApiPath(path)}`)).sort());
  });

  it('has a request for every documented status, and each answers with that status and the documented body', async () => {
    const documented = API_ROUTES.flatMap((route) =>
      Object.keys(route.responses).map((status) => `${route.method.toUpperCase()} ${route.path} ${status}`),
    ).sort();
    expect(Object.keys(STATUS_CASES).sort()).toEqual(documented);
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema({ $id: 'https://local/openapi.json', components: document.components });
    for (const route of API_ROUTES) {
      for (const [status, response] of Object.entries(route.responses)) {
        const key = `${route.method.toUpperCase()} ${route.path} ${status}`;
        const reply = await STATUS_CASES[key]!();
        expect(reply.status, key).toBe(Number(status));
        const operation = document.paths[toOpenApiPath(route.path)][route.method];
        const content = operation.responses[status].content as Record<string, { schema: { $ref?: string } }>;
        const contentType = (reply.headers.get('content-type') ?? '').split(';')[0]!;
        expect(Object.keys(content), key).toContain(contentType);
        if (response.body) {
          const validate = ajv.getSchema(`https://local/openapi.json${content[contentType]!.schema.$ref}`)!;
          const body: unknown = await reply.json();
          expect(validate(body), `${key}: ${JSON.stringify(validate.errors)}`).toBe(true);
        } else {
          await reply.arrayBuffer();
        }
      }
    }
  });

  it('describes requests with the limits the server enforces', () => {
    const askRequest = document.components.schemas.AskRequest;
    expect(askRequest.required).toEqual(['question']);
    expect(askRequest.properties.question).toMatchObject({ type: 'string', minLength: 1, maxLength: 2000 });
    expect(askRequest.properties.topK).toMatchObject({ type: 'integer', minimum: 1, maximum: 20 });
    expect(document.components.schemas.FeedbackRequest.properties.rating.enum).toEqual(['up', 'down']);
  });
});

describe('/docs', () => {
  it('is a readable HTML page covering every route, with no external assets', async () => {
    const response = await fetch(`${ready.baseUrl}/docs`);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    for (const route of API_ROUTES) expect(html).toContain(`<code>${toOpenApiPath(route.path)}</code>`);
    expect(html).not.toMatch(/<(script|link|img)\b[^>]*(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import/);
  });
});
