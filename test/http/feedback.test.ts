import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../../src/answer/answer-types.js';
import { createAnswerer } from '../../src/answer/create-answerer.js';
import type { FeedbackStore } from '../../src/feedback/feedback-store.js';
import { openSqliteFeedbackStore } from '../../src/feedback/sqlite-feedback-store.js';
import { createTestApp } from '../helpers/create-test-app.js';
import { IndexHandle } from '../../src/http/process/index-handle.js';
import { buildTestIndex, REPO_ROOT, type TestIndex } from '../helpers/article-index.js';
import { listen, postJson } from '../helpers/start-app.js';

const run = promisify(execFile);
const QUESTION = 'How many member states does IOM have?';

let testIndex: TestIndex;
let answerer: Answerer;
let dataDir: string;

/** The server as `npm start` builds it: a SQLite store in the data folder, closed with the server. */
async function startServer(): Promise<{ baseUrl: string; store: FeedbackStore; stop: () => Promise<void> }> {
  const store = openSqliteFeedbackStore({ dataDir });
  const server = await listen(createTestApp({ config: testIndex.config, index: new IndexHandle(testIndex.reader), answerer, feedback: store }));
  return {
    baseUrl: server.baseUrl,
    store,
    stop: async () => {
      await server.close();
      store.close();
    },
  };
}

beforeAll(async () => {
  testIndex = await buildTestIndex();
  answerer = await createAnswerer(testIndex.config, () => testIndex.reader);
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'cite-data-'));
});

afterAll(async () => {
  await testIndex?.cleanup();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('feedback', () => {
  it('survives a server restart, with the question, answer, citations and mode it rates', async () => {
    const first = await startServer();
    const asked = await postJson(first.baseUrl, '/api/ask', { question: QUESTION });
    expect(asked.status).toBe(200);
    const answerId: string = asked.body.answerId;
    expect(answerId).toMatch(/\S/);
    const rated = await postJson(first.baseUrl, '/api/feedback', { answerId, rating: 'down', comment: 'Missing the observer states.' });
    expect(rated.status).toBe(201);
    expect(rated.body).toMatchObject({ answerId, rating: 'down', comment: 'Missing the observer states.' });
    await first.stop();

    const second = await startServer();
    try {
      // The answer served before the restart can still be rated, and the earlier rating is still there.
      const again = await postJson(second.baseUrl, '/api/feedback', { answerId, rating: 'up' });
      expect(again.status).toBe(201);
      const stored = second.store.feedbackFor(answerId);
      expect(stored.map((entry) => entry.rating)).toEqual(['down', 'up']);
      expect(stored[0]).toMatchObject({
        question: QUESTION,
        answer: asked.body.answer,
        citations: asked.body.citations,
        mode: asked.body.mode,
        comment: 'Missing the observer states.',
      });
    } finally {
      await second.stop();
    }
  });

  it('gives chat completions an answerId that can be rated', async () => {
    const server = await startServer();
    try {
      const completion = await postJson(server.baseUrl, '/v1/chat/completions', { messages: [{ role: 'user', content: QUESTION }] });
      expect(completion.status).toBe(200);
      const rated = await postJson(server.baseUrl, '/api/feedback', { answerId: completion.body.answerId, rating: 'up' });
      expect(rated.status).toBe(201);
    } finally {
      await server.stop();
    }
  });

  it.each([
    ['no rating', { answerId: 'x' }, 'invalid_request', /rating/],
    ['a bad rating', { answerId: 'x', rating: 'meh' }, 'invalid_request', /rating/],
    ['no answerId', { rating: 'up' }, 'invalid_request', /answerId/],
    ['an empty answerId', { answerId: '  ', rating: 'up' }, 'invalid_request', /answerId/],
    ['a non-string comment', { answerId: 'x', rating: 'up', comment: 5 }, 'invalid_request', /comment/],
    ['an over-long comment', { answerId: 'x', rating: 'up', comment: 'y'.repeat(2001) }, 'invalid_request', /comment/],
    ['an array', [], 'invalid_request', /JSON object/],
    ['malformed JSON', '{"answerId": ', 'invalid_json', /not valid JSON/],
  ])('answers %s with 400 JSON', async (_case, body, code, message) => {
    const server = await startServer();
    try {
      const response = await postJson(server.baseUrl, '/api/feedback', body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe(code);
      expect(response.body.error.message).toMatch(message);
    } finally {
      await server.stop();
    }
  });

  it('answers an unknown answerId with 404 JSON and stores nothing', async () => {
    const server = await startServer();
    try {
      const response = await postJson(server.baseUrl, '/api/feedback', { answerId: 'never-served', rating: 'up' });
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('not_found');
      expect(server.store.feedbackFor('never-served')).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it('is summarised by npm run feedback:report: counts up and down, by mode, recent comments', async () => {
    const reportDir = await mkdtemp(path.join(os.tmpdir(), 'cite-report-'));
    try {
      const store = openSqliteFeedbackStore({ dataDir: reportDir });
      const served = (answerId: string, mode: 'extractive' | 'llm') =>
        store.recordAnswer({ answerId, question: `question ${answerId}`, answer: 'An answer [1]', citations: [], mode, grounded: true });
      served('a', 'extractive');
      served('b', 'llm');
      store.addFeedback({ answerId: 'a', rating: 'up' });
      store.addFeedback({ answerId: 'a', rating: 'up', comment: 'Clear and cited.' });
      store.addFeedback({ answerId: 'b', rating: 'down', comment: 'Quoted the wrong section.' });
      store.close();
      const report = (...args: string[]) =>
        run(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), ['src/feedback/feedback-report-cli.ts', ...args], {
          cwd: REPO_ROOT,
          env: { ...process.env, DATA_DIR: reportDir },
          timeout: 30_000,
        });
      const { stdout: text } = await report();
      expect(text).toContain('answers served: 2; ratings: 3 (up 2, down 1');
      expect(text).toMatch(/extractive\s+up 2, down 0/);
      expect(text).toMatch(/llm\s+up 0, down 1/);
      expect(text.indexOf('Quoted the wrong section.')).toBeLessThan(text.indexOf('Clear and cited.'));
      const { stdout: json } = await report('--json');
      expect(JSON.parse(json)).toMatchObject({ answers: 2, ratings: { up: 2, down: 1 }, byMode: { extractive: { up: 2, down: 0 }, llm: { up: 0, down: 1 } } });
    } finally {
      await rm(reportDir, { recursive: true, force: true });
    }
  });
});
