import { afterEach, describe, expect, it } from 'vitest';
import type { Answerer } from '../../src/answer/answer-types.js';
import type { HardeningSettings } from '../../src/config.js';
import { createConcurrencyLimiter, limitAnswerer } from '../../src/http/answerer-chain/concurrency-limit.js';
import { createTestApp } from '../helpers/create-test-app.js';
import { defaultHardening } from '../../src/http/middleware/api-access.js';
import { API_ROUTES } from '../../src/http/openapi/api-routes.js';
import { buildOpenApiDocument, toOpenApiPath } from '../../src/http/openapi/build-openapi-document.js';
import { listen, postJson } from '../helpers/start-app.js';
import { aborted, FIXED_ANSWER, fakeAnswerer, fakeIndexHandle } from '../helpers/http-fakes.js';

const servers: Awaited<ReturnType<typeof listen>>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(settings: Partial<HardeningSettings> & { corsOrigins?: string[] }, answerer: Answerer = fakeAnswerer()) {
  const { corsOrigins = [], ...hardening } = settings;
  const app = createTestApp({
    config: { bodyLimit: '64kb', retrieval: { topK: 5 }, corsOrigins, hardening: { ...defaultHardening(), ...hardening } },
    index: fakeIndexHandle(),
    answerer,
  });
  const server = await listen(app);
  servers.push(server);
  return server.baseUrl;
}

const ask = (baseUrl: string, headers: Record<string, string> = {}) => postJson(baseUrl, '/api/ask', { question: 'When was the lighthouse built?' }, headers);

describe('rate limit', () => {
  it('answers 429 JSON with Retry-After once a client exceeds its budget, and counts each API key apart', async () => {
    const baseUrl = await start({ rateLimitPerMinute: 3, apiKeys: ['alpha-key-0123456789', 'beta-key-9876543210'] });
    const alpha = { authorization: 'Bearer alpha-key-0123456789' };
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push(await ask(baseUrl, alpha));
    expect(statuses.map((response) => response.status)).toEqual([200, 200, 200, 429]);
    const limited = statuses[3]!;
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // Another client still gets through; health checks are never limited.
    expect((await ask(baseUrl, { authorization: 'Bearer beta-key-9876543210' })).status).toBe(200);
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
  });

  it('counts failed key attempts by IP, so keys cannot be guessed at full speed', async () => {
    const baseUrl = await start({ rateLimitPerMinute: 3, apiKeys: ['alpha-key-0123456789'] });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await ask(baseUrl, { authorization: `Bearer guess-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('limits by IP when no API keys are configured', async () => {
    const baseUrl = await start({ rateLimitPerMinute: 2 });
    const statuses = [(await ask(baseUrl)).status, (await ask(baseUrl)).status, (await ask(baseUrl)).status];
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe('API keys', () => {
  it('requires a configured key as a Bearer token on /api/*, answering 401 JSON otherwise', async () => {
    const baseUrl = await start({ apiKeys: ['alpha-key-0123456789', 'beta'] });
    const missing = await ask(baseUrl);
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('unauthorized');
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    for (const header of [
      'Bearer alpha-key-012345678',
      'Bearer alpha-key-01234567890',
      'Basic alpha-key-0123456789',
      'alpha-key-0123456789',
      'Bearer ',
      'Bearer beta beta',
    ]) {
      const response = await ask(baseUrl, { authorization: header });
      expect(response.status, header).toBe(401);
      expect(JSON.stringify(response.body)).not.toContain('alpha-key');
    }
    expect((await ask(baseUrl, { authorization: 'Bearer alpha-key-0123456789' })).status).toBe(200);
    expect((await ask(baseUrl, { authorization: 'bearer beta' })).status).toBe(200);
    const sources = await fetch(`${baseUrl}/api/sources`);
    expect(sources.status).toBe(401);
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
  });

  it('guards the OpenAI-compatible routes with the same keys and rate limit', async () => {
    const baseUrl = await start({ apiKeys: ['alpha-key-0123456789'], rateLimitPerMinute: 2 });
    const completion = (headers: Record<string, string> = {}) =>
      postJson(baseUrl, '/v1/chat/completions', { model: 'x', messages: [{ role: 'user', content: 'When was the lighthouse built?' }] }, headers);
    const refused = await completion();
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthorized');
    expect((await fetch(`${baseUrl}/v1/models`)).status).toBe(401);
    const key = { authorization: 'Bearer alpha-key-0123456789' };
    expect((await completion(key)).status).toBe(200);
    expect((await completion(key)).status).toBe(200);
    const limited = await completion(key);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('leaves the API open when no keys are configured', async () => {
    const baseUrl = await start({ apiKeys: [] });
    expect((await ask(baseUrl)).status).toBe(200);
  });
});

describe('security headers and CORS', () => {
  it('sends a strict CSP the same-origin chat page and widget work under, and no X-Powered-By', async () => {
    const baseUrl = await start({});
    const response = await fetch(`${baseUrl}/healthz`);
    const csp = response.headers.get('content-security-policy') ?? '';
    const directive = (name: string) =>
      csp
        .split(';')
        .find((part) => part.trim().startsWith(`${name} `))
        ?.trim();
    expect(directive('script-src')).toBe("script-src 'self'");
    expect(directive('connect-src')).toBe("connect-src 'self'");
    expect(directive('style-src')).toBe("style-src 'self' 'unsafe-inline'");
    expect(directive('object-src')).toBe("object-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
    // The widget script may be loaded by <script src> from an allowed site.
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('answers preflights and requests only for allowed origins', async () => {
    const baseUrl = await start({ corsOrigins: ['https://widget-host.example'], apiKeys: ['alpha-key-0123456789'] });
    const preflight = await fetch(`${baseUrl}/api/ask`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://widget-host.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://widget-host.example');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const allowed = await ask(baseUrl, { origin: 'https://widget-host.example', authorization: 'Bearer alpha-key-0123456789' });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://widget-host.example');
    const other = await ask(baseUrl, { origin: 'https://evil.example', authorization: 'Bearer alpha-key-0123456789' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const otherPreflight = await fetch(`${baseUrl}/api/ask`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(otherPreflight.headers.get('access-control-allow-origin')).toBeNull();
    // A refusal is readable by the allowed site too, so the widget can show it.
    const refused = await ask(baseUrl, { origin: 'https://widget-host.example' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://widget-host.example');
    const page = await fetch(`${baseUrl}/healthz`);
    expect(page.headers.get('content-security-policy') ?? '').toContain("frame-ancestors 'self' https://widget-host.example");
  });
});

describe('request timeout', () => {
  it('answers 504 JSON when the answer takes too long, and aborts the answerer', async () => {
    let reason: unknown;
    const slow = fakeAnswerer(async (input) => {
      reason = await aborted(input.signal);
      return FIXED_ANSWER;
    });
    const baseUrl = await start({ requestTimeoutMs: 300 }, slow);
    const started = Date.now();
    const response = await ask(baseUrl);
    expect(response.status).toBe(504);
    expect(response.body.error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reason).toMatchObject({ code: 'timeout' });
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
  });
});

describe('language-model concurrency', () => {
  it('runs at most N answers at once, queues a bounded number, and refuses the rest with 503 and Retry-After', async () => {
    const releases: (() => void)[] = [];
    let running = 0;
    let maxRunning = 0;
    const held = fakeAnswerer(async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await new Promise<void>((resolve) => releases.push(resolve));
      running -= 1;
      return FIXED_ANSWER;
    });
    const limiter = createConcurrencyLimiter({ maxConcurrent: 2, maxQueued: 1 });
    const baseUrl = await start({}, limitAnswerer(held, limiter));
    const inFlight = [ask(baseUrl), ask(baseUrl), ask(baseUrl)];
    while (limiter.active < 2 || limiter.queued < 1) await new Promise((resolve) => setTimeout(resolve, 10));
    const refused = await ask(baseUrl);
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('overloaded');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Let them finish one at a time: the queued one then gets its slot.
    while (releases.length > 0 || limiter.active > 0) {
      releases.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await Promise.all(inFlight)).map((response) => response.status)).toEqual([200, 200, 200]);
    expect(maxRunning).toBe(2);
    expect(limiter.active).toBe(0);
  });

  it('drops a queued request whose client went away', async () => {
    const limiter = createConcurrencyLimiter({ maxConcurrent: 1, maxQueued: 5 });
    const release = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    expect(limiter.queued).toBe(1);
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(limiter.queued).toBe(0);
    release();
    expect(limiter.active).toBe(0);
  });
});

describe('the OpenAPI document on keys and limits', () => {
  it('marks with 401 and 429 exactly the routes that a configured key guards', async () => {
    const baseUrl = await start({ apiKeys: ['alpha-key-0123456789'] });
    const document = buildOpenApiDocument() as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    for (const route of API_ROUTES) {
      const responses = document.paths[toOpenApiPath(route.path)]![route.method]!.responses;
      const url = `${baseUrl}${route.path.replace(/:\w+/g, 'unknown')}`;
      const reply =
        route.method === 'get' ? await fetch(url) : await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      await reply.arrayBuffer();
      const documented = '401' in responses;
      expect(reply.status === 401, `${route.method.toUpperCase()} ${route.path}`).toBe(documented);
      expect('429' in responses, route.path).toBe(documented);
    }
  });
});
