import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../../src/answer/answer-types.js';
import { loadConfig } from '../../src/config.js';
import { createTestApp } from '../helpers/create-test-app.js';
import { IndexHandle } from '../../src/http/process/index-handle.js';
import { listen } from '../helpers/start-app.js';

const idleAnswerer: Answerer = {
  answer: () => Promise.reject(new Error('not used')),
  // eslint-disable-next-line require-yield -- a fake stream that is never read
  async *stream() {
    throw new Error('not used');
  },
};

const WIDGET_SITE = 'https://customer.example';

describe('CORS for /api/* (CORS_ORIGINS)', () => {
  let withCors: Awaited<ReturnType<typeof listen>>;
  let withoutCors: Awaited<ReturnType<typeof listen>>;

  beforeAll(async () => {
    const base = { bodyLimit: '64kb', retrieval: { topK: 5 } };
    withCors = await listen(createTestApp({ config: { ...base, corsOrigins: [WIDGET_SITE] }, index: new IndexHandle(), answerer: idleAnswerer }));
    withoutCors = await listen(createTestApp({ config: base, index: new IndexHandle(), answerer: idleAnswerer }));
  });
  afterAll(async () => {
    await withCors?.close();
    await withoutCors?.close();
  });

  it('answers a preflight from a listed origin, allowing POST with a JSON body', async () => {
    const response = await fetch(`${withCors.baseUrl}/api/chat`, {
      method: 'OPTIONS',
      headers: { origin: WIDGET_SITE, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(WIDGET_SITE);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
  });

  it('lets a listed origin read API responses, error bodies included', async () => {
    const response = await fetch(`${withCors.baseUrl}/api/chat`, {
      method: 'POST',
      headers: { origin: WIDGET_SITE, 'content-type': 'application/json' },
      body: '{"question":"hi"}',
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('access-control-allow-origin')).toBe(WIDGET_SITE);
    expect((await response.json()).error.code).toBe('index_unavailable');
  });

  it.each([
    ['an unlisted origin', 'withCors', 'https://evil.example'],
    ['any origin when CORS_ORIGINS is unset', 'withoutCors', WIDGET_SITE],
  ] as const)('gives no CORS headers to %s', async (_label, which, origin) => {
    const server = which === 'withCors' ? withCors : withoutCors;
    const preflight = await fetch(`${server.baseUrl}/api/chat`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(`${server.baseUrl}/api/sources`, { headers: { origin } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('reads CORS_ORIGINS as a comma list and names the variable when an entry is not an origin', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: ' https://a.example, http://localhost:8080/ ' }).corsOrigins).toEqual(['https://a.example', 'http://localhost:8080']);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example/path' })).toThrow(/CORS_ORIGINS/);
  });
});

describe('the web client is served without a build step', () => {
  let server: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    server = await listen(createTestApp({ config: { bodyLimit: '64kb', retrieval: { topK: 5 } }, index: new IndexHandle(), answerer: idleAnswerer }));
  });
  afterAll(async () => server?.close());

  it.each([
    ['/', /^text\/html/],
    ['/widget.js', /javascript/],
    ['/chat/chat-ui.js', /javascript/],
    ['/chat/chat.css', /^text\/css/],
  ])('serves %s', async (path, type) => {
    const response = await fetch(`${server.baseUrl}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(type);
    // The widget imports the chat modules from another site: they must be loadable cross-origin.
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('still answers unknown paths with the JSON 404 body', async () => {
    const response = await fetch(`${server.baseUrl}/no-such-page`);
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('not_found');
  });
});
