import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer } from '../../src/answer/create-answerer.js';
import { loadPrompts } from '../../src/answer/prompts.js';
import { loadConfig } from '../../src/config.js';
import { createTestApp } from '../helpers/create-test-app.js';
import { IndexHandle } from '../../src/http/process/index-handle.js';
import { createMetrics } from '../../src/http/observability/metrics.js';
import { buildTestIndex, REPO_ROOT, type TestIndex } from '../helpers/article-index.js';
import { startFakeOpenAiServer, type FakeBehaviour, type FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { listen, postJson } from '../helpers/start-app.js';

const FIXTURE_CORPUS = path.join(REPO_ROOT, 'test/fixtures/injection-corpus');
const REQUEST_TIMEOUT_MS = 3000;
const MODEL = 'secret-model-name-7b';

let fixture: TestIndex;
let fake: FakeOpenAiServer;
let closedPortUrl: string;

beforeAll(async () => {
  fixture = await buildTestIndex(FIXTURE_CORPUS);
  fake = await startFakeOpenAiServer();
  // A port that was just open and is now closed: connection refused.
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPortUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/v1`;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});
afterAll(async () => {
  await fake?.close();
  await fixture?.cleanup();
});

/** The real server wiring in LLM mode against `baseUrl`, with a request timeout shorter than the model's. */
async function startLlmApp(baseUrl: string) {
  const config = loadConfig(
    {
      ANSWER_MODE: 'llm',
      OPENAI_BASE_URL: baseUrl,
      OPENAI_MODEL: MODEL,
      LLM_TIMEOUT_MS: '60000',
      REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      INDEX_DIR: fixture.indexDir,
      PROMPTS_DIR: path.join(REPO_ROOT, 'prompts'),
    },
    REPO_ROOT,
  );
  const metrics = createMetrics({ processMetrics: false });
  const handle = new IndexHandle(fixture.reader);
  const answerer = await createAnswerer(
    config,
    () => handle.get(),
    (reason, error) => metrics.recordFallback(reason, error),
  );
  const server = await listen(createTestApp({ config, index: handle, answerer, metrics }));
  return { server, metrics, config };
}

const cases: [string, FakeBehaviour | 'closed port'][] = [
  ['returns HTTP 500', { kind: 'status', status: 500 }],
  ['returns HTTP 429', { kind: 'status', status: 429, body: { error: { message: 'rate limited by provider', type: 'rate_limit' } } }],
  ['hangs', { kind: 'hang' }],
  ['returns garbage', { kind: 'garbage' }],
  ['is down (connection refused)', 'closed port'],
];

describe('language model faults', () => {
  it.each(cases)('when the model %s, the answer comes extractively with a note, within the request timeout', async (_label, behaviour) => {
    if (behaviour !== 'closed port') fake.respond(behaviour);
    const { server } = await startLlmApp(behaviour === 'closed port' ? closedPortUrl : fake.baseUrl);
    try {
      const started = Date.now();
      const response = await postJson(server.baseUrl, '/api/ask', { question: 'When was the Harbour Lighthouse built?' });
      const elapsed = Date.now() - started;
      expect(response.status).toBe(200);
      expect(elapsed).toBeLessThan(REQUEST_TIMEOUT_MS);
      expect(response.body.mode).toBe('extractive');
      expect(response.body.grounded).toBe(true);
      expect(response.body.answer).toContain('1887');
      expect(response.body.note).toMatch(/language model/);
      // Neither the model settings nor the prompt nor the provider's error text reach the client.
      const body = JSON.stringify(response.body);
      const prompts = await loadPrompts(path.join(REPO_ROOT, 'prompts'));
      for (const secret of [MODEL, fake.baseUrl, closedPortUrl, '127.0.0.1', 'fake failure', 'rate limited by provider', prompts.system.slice(0, 60)]) {
        expect(body).not.toContain(secret);
      }
      const exposition = await (await fetch(`${server.baseUrl}/metrics`)).text();
      expect(exposition).toMatch(/^llm_fallbacks_total\{reason="[^"]+"\} 1$/m);
      expect(exposition).toMatch(/^llm_errors_total\{reason="[^"]+"\} 1$/m);
    } finally {
      await server.close();
    }
  });
});
