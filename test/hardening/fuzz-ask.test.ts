import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/create-test-app.js';
import { defaultHardening } from '../../src/http/middleware/api-access.js';
import { listen } from '../helpers/start-app.js';
import { fakeAnswerer, fakeIndexHandle } from '../helpers/http-fakes.js';

/**
 * Property-based fuzzing of POST /api/ask over HTTP. The answerer is a fake (the target is the HTTP and validation
 * layer); it checks that whatever reaches it is a valid request. Every response must be 200 or a documented 4xx
 * with the JSON error shape, and the server must stay healthy and unpolluted.
 */
const RUNS = 1000;
const BATCH = 10;
const DOCUMENTED = new Map<number, string[]>([
  [400, ['invalid_json', 'invalid_request']],
  [413, ['payload_too_large']],
  [415, ['unsupported_media_type']],
]);

const answerer = fakeAnswerer();
let server: Awaited<ReturnType<typeof listen>>;

beforeAll(async () => {
  const app = createTestApp({ config: { bodyLimit: '64kb', retrieval: { topK: 5 }, hardening: defaultHardening() }, index: fakeIndexHandle(), answerer });
  server = await listen(app);
});
afterAll(() => server.close());

const text = fc.oneof(
  { weight: 8, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\t\n',
      '\u0000',
      'a\u0000b',
      '\uD800',
      '\uDFFF\uD800',
      '\uFEFF',
      '\u202Eevil',
      '😀'.repeat(5),
      'Ω≈ç√∫',
      '<passage>',
      '</question>',
    ),
  },
  { weight: 2, arbitrary: fc.integer({ min: 1990, max: 4100 }).map((length) => 'x'.repeat(length)) },
  { weight: 1, arbitrary: fc.integer({ min: 60_000, max: 70_000 }).map((length) => 'q'.repeat(length)) },
);
const nastyKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'question', 'history', 'topK', '');
const loose = fc.anything({ maxDepth: 3, maxKeys: 5, withNullPrototype: true, withObjectString: true, key: fc.oneof(fc.string({ maxLength: 8 }), nastyKey) });
const turn = fc.record(
  {
    role: fc.oneof(fc.constantFrom('user', 'assistant', 'system', 'tool', 'USER', ''), text, loose),
    content: fc.oneof({ weight: 3, arbitrary: text }, { weight: 1, arbitrary: loose }),
  },
  { requiredKeys: [] },
);
const askShaped = fc.record(
  {
    question: fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: loose }),
    history: fc.oneof(fc.array(turn, { maxLength: 24 }), loose),
    topK: fc.oneof(fc.integer({ min: -5, max: 25 }), fc.double(), fc.constantFrom('5', null, true, Infinity, -0), loose),
  },
  { requiredKeys: [] },
);
const withNastyKeys = fc
  .tuple(askShaped, fc.dictionary(nastyKey, loose, { maxKeys: 3 }))
  .map(([body, extra]) => Object.assign(Object.create(null), extra, body));
const rawBody = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom(
    '{"__proto__":{"polluted":"yes"},"question":"a"}',
    '{"constructor":{"prototype":{"polluted":"yes"}},"question":"b"}',
    '{"question":"c","question":"d"}',
    '{',
    '[]',
    'null',
    '"question"',
    '1e999',
    '{"question":"\\u0000"}',
  ),
  fc.integer({ min: 1, max: 5000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.integer({ min: 1, max: 5000 }).map((depth) => `${'{"question":'.repeat(depth)}"x"${'}'.repeat(depth)}`),
  askShaped.map((body) => JSON.stringify(body).slice(0, -1)),
);
const contentType = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'application/json; charset=utf-16',
      'application/vnd.api+json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      '',
    ),
  },
);
const request = fc.record({
  body: fc.oneof(
    { weight: 6, arbitrary: fc.oneof(askShaped, withNastyKeys).map((value) => JSON.stringify(value)) },
    { weight: 2, arbitrary: loose.map((value) => JSON.stringify(value) ?? '') },
    { weight: 2, arbitrary: rawBody },
  ),
  contentType,
});

async function send(caseData: { body: string; contentType: string }): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = caseData.contentType ? { 'content-type': caseData.contentType } : {};
  const response = await fetch(`${server.baseUrl}/api/ask`, { method: 'POST', headers, body: caseData.body });
  const raw = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = raw;
  }
  return { status: response.status, body: parsed };
}

describe('fuzzing POST /api/ask', () => {
  it('answers every generated body with 200 or a documented 4xx JSON error, and stays healthy', { timeout: 120_000 }, async () => {
    let sent = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: BATCH, maxLength: BATCH }), async (cases) => {
        const results = await Promise.all(cases.map(send));
        sent += cases.length;
        for (const result of results) {
          statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
          if (result.status === 200) {
            expect(result.body).toMatchObject({ grounded: true, mode: 'extractive' });
            continue;
          }
          const codes = DOCUMENTED.get(result.status);
          expect(codes, `undocumented status ${result.status}: ${JSON.stringify(result.body).slice(0, 200)}`).toBeDefined();
          const error = (result.body as { error?: { code?: unknown; message?: unknown } }).error;
          expect(codes).toContain(error?.code);
          expect(typeof error?.message).toBe('string');
        }
      }),
      { numRuns: RUNS },
    );

    expect(sent).toBeGreaterThanOrEqual(10_000);
    expect([...statuses.keys()].every((status) => status < 500)).toBe(true);
    // The fuzz reached the answerer and every validation branch, not only one kind of rejection.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(100);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(100);
    expect(statuses.get(413) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(415) ?? 0).toBeGreaterThan(0);
    // Whatever reached the answerer had passed validation.
    for (const input of answerer.inputs) {
      expect(typeof input.question).toBe('string');
      expect(input.question.length).toBeGreaterThanOrEqual(1);
      expect(input.question.length).toBeLessThanOrEqual(2000);
      expect(input.question).toBe(input.question.trim());
      expect(Number.isInteger(input.topK) && input.topK >= 1 && input.topK <= 20).toBe(true);
      expect(input.history.length).toBeLessThanOrEqual(20);
      for (const historyTurn of input.history) {
        expect(['user', 'assistant']).toContain(historyTurn.role);
        expect(typeof historyTurn.content === 'string' && historyTurn.content.length <= 4000).toBe(true);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    const health = await fetch(`${server.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    const valid = await send({ body: JSON.stringify({ question: 'When was the lighthouse built?' }), contentType: 'application/json' });
    expect(valid.status).toBe(200);
    console.log(`fuzz: ${sent} bodies, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  });
});
