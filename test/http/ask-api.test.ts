import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../../src/answer/answer-types.js';
import { createExtractiveAnswerer } from '../../src/answer/extractive-answerer.js';
import { AppError } from '../../src/errors.js';
import { createTestApp } from '../helpers/create-test-app.js';
import { IndexHandle } from '../../src/http/process/index-handle.js';
import { buildTestIndex, type TestIndex } from '../helpers/article-index.js';
import { listen, postJson } from '../helpers/start-app.js';

let testIndex: TestIndex;
let baseUrl: string;
let close: () => Promise<void>;

beforeAll(async () => {
  testIndex = await buildTestIndex();
  const handle = new IndexHandle(testIndex.reader);
  const app = createTestApp({ config: { ...testIndex.config, bodyLimit: '16kb' }, index: handle, answerer: createExtractiveAnswerer(() => handle.get()) });
  ({ baseUrl, close } = await listen(app));
});

afterAll(async () => {
  await close?.();
  await testIndex?.cleanup();
});

describe('POST /api/ask', () => {
  it('answers with inline markers that match its citations, each quote cut from the source at its offsets', async () => {
    const { status, body } = await postJson(baseUrl, '/api/ask', { question: 'When was the International Organization for Migration founded?' });
    expect(status).toBe(200);
    expect(body.grounded).toBe(true);
    expect(body.mode).toBe('extractive');
    expect(body.answer).toContain('1951');
    const markers = new Set([...(body.answer as string).matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1])));
    const numbers = new Set((body.citations as { n: number }[]).map((citation) => citation.n));
    expect(markers).toEqual(numbers);
    for (const citation of body.citations) {
      const source = await (await fetch(`${baseUrl}/api/sources/${citation.sourceId}`)).json();
      expect(source.text.slice(citation.start, citation.end)).toBe(citation.quote);
      const section = source.sections.find((candidate: { title: string }) => candidate.title === citation.section);
      expect(section).toBeDefined();
      expect(citation.start).toBeGreaterThanOrEqual(section.start);
      expect(citation.end).toBeLessThanOrEqual(section.end);
      expect(citation.url).toMatch(/^https:\/\/en\.wikipedia\.org\//);
    }
  });

  it('honours topK and uses history for a follow-up', async () => {
    const { status, body } = await postJson(baseUrl, '/api/ask', {
      question: 'And what was it renamed to after that, and when?',
      history: [
        { role: 'user', content: 'What was IOM called in 1980?' },
        { role: 'assistant', content: 'In 1980 it was renamed the Intergovernmental Committee for Migration (ICM).' },
      ],
      topK: 3,
    });
    expect(status).toBe(200);
    expect(body.grounded).toBe(true);
    expect(body.answer).toContain('1989');
  });

  it('says plainly when the sources do not answer', async () => {
    const { status, body } = await postJson(baseUrl, '/api/ask', { question: 'What is the population of Geneva?' });
    expect(status).toBe(200);
    expect(body.grounded).toBe(false);
    expect(body.answer).toMatch(/sources don't say/i);
    expect(body.answer).not.toMatch(/\[\d+\]/);
  });

  const tooLong = 'x'.repeat(2001);
  it.each([
    ['malformed JSON', '{"question": ', 400, 'invalid_json'],
    ['a JSON array', '[]', 400, 'invalid_request'],
    ['a missing question', {}, 400, 'invalid_request'],
    ['an empty question', { question: '   ' }, 400, 'invalid_request'],
    ['a non-string question', { question: 42 }, 400, 'invalid_request'],
    ['an over-long question', { question: tooLong }, 400, 'invalid_request'],
    ['history that is not an array', { question: 'q?', history: 'hi' }, 400, 'invalid_request'],
    // zod 4 reads `length` for its length checks before it knows the type: a non-numeric `length` used to throw (500).
    ['history whose length is an object', { question: 'q?', history: { length: { toString: 0 } } }, 400, 'invalid_request'],
    ['a question whose length is an object', { question: { length: { toString: 0 } } }, 400, 'invalid_request'],
    ['a history turn with a bad role', { question: 'q?', history: [{ role: 'system', content: 'x' }] }, 400, 'invalid_request'],
    ['a history turn over 4000 characters', { question: 'q?', history: [{ role: 'user', content: 'x'.repeat(4001) }] }, 400, 'invalid_request'],
    ['more than 20 history turns', { question: 'q?', history: Array.from({ length: 21 }, () => ({ role: 'user', content: 'x' })) }, 400, 'invalid_request'],
    ['topK 0', { question: 'q?', topK: 0 }, 400, 'invalid_request'],
    ['topK 21', { question: 'q?', topK: 21 }, 400, 'invalid_request'],
    ['a fractional topK', { question: 'q?', topK: 2.5 }, 400, 'invalid_request'],
    ['a string topK', { question: 'q?', topK: '5' }, 400, 'invalid_request'],
    ['a body over the size limit', { question: 'q?', padding: 'x'.repeat(20_000) }, 413, 'payload_too_large'],
  ])('rejects %s with %i %s', async (_label, body, status, code) => {
    const response = await postJson(baseUrl, '/api/ask', body);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(response.body.error.code).toBe(code);
    expect(typeof response.body.error.message).toBe('string');
    expect(response.body.error.message.length).toBeGreaterThan(10);
  });

  it('rejects a body that is not declared as JSON with 415', async () => {
    const response = await fetch(`${baseUrl}/api/ask`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"question":"q?"}' });
    expect(response.status).toBe(415);
    expect((await response.json()).error.code).toBe('unsupported_media_type');
  });
});

describe('other routes', () => {
  it('serves the indexed document with sections and references', async () => {
    const response = await fetch(`${baseUrl}/api/sources/international-organization-for-migration`);
    expect(response.status).toBe(200);
    const source = await response.json();
    expect(source.title).toBe('International Organization for Migration');
    expect(source.sections.map((section: { title: string }) => section.title)).toEqual(
      expect.arrayContaining(['History', 'Activities', 'Counter-Trafficking', 'Member States']),
    );
    expect(source.references).toHaveLength(19);
    expect(source.references[3]).toEqual({ n: 4, text: expect.stringContaining('Humanitarian Emergencies') });
  });

  it.each([
    ['GET', '/api/sources/no-such-document'],
    ['GET', '/no/such/route'],
    ['GET', '/api/ask'],
  ])('%s %s is a JSON 404', async (method, path) => {
    const response = await fetch(`${baseUrl}${path}`, { method });
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('not_found');
  });

  it('reports health with the index build', async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.status).toBe('ok');
    expect(body.index.chunks).toBe(testIndex.index.chunks.length);
  });
});

describe('failures', () => {
  it('answers 503 index_unavailable with the fix when no index is loaded', async () => {
    const handle = new IndexHandle(undefined, new AppError('index_unavailable', 'No index found in /tmp/x. Run `npm run ingest` to build it.'));
    const app = createTestApp({ config: testIndex.config, index: handle, answerer: createExtractiveAnswerer(() => handle.get()) });
    const server = await listen(app);
    try {
      const ask = await postJson(server.baseUrl, '/api/ask', { question: 'When was IOM founded?' });
      expect(ask.status).toBe(503);
      expect(ask.body.error.code).toBe('index_unavailable');
      expect(ask.body.error.message).toContain('npm run ingest');
      const health = await fetch(`${server.baseUrl}/healthz`);
      expect(health.status).toBe(503);
      expect((await health.json()).error.code).toBe('index_unavailable');
    } finally {
      await server.close();
    }
  });

  it('turns an unexpected error into a generic 500 without a stack trace', async () => {
    const broken: Answerer = {
      answer: async () => {
        throw new Error('secret internal detail at /src/answer/x.ts:12');
      },
      stream: async function* () {
        yield* [];
      },
    };
    const app = createTestApp({ config: testIndex.config, index: new IndexHandle(testIndex.reader), answerer: broken });
    const server = await listen(app);
    try {
      const response = await postJson(server.baseUrl, '/api/ask', { question: 'When was IOM founded?' });
      expect(response.status).toBe(500);
      expect(response.body.error.code).toBe('internal_error');
      expect(JSON.stringify(response.body)).not.toMatch(/secret|\.ts:|at /);
    } finally {
      await server.close();
    }
  });
});
