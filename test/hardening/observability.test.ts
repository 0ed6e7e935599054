import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { NOT_IN_SOURCES } from '../../src/answer/answer-types.js';
import { createTestApp } from '../helpers/create-test-app.js';
import { defaultHardening } from '../../src/http/middleware/api-access.js';
import type { Logger } from '../../src/http/observability/logger.js';
import { instrumentAnswerer } from '../../src/http/answerer-chain/instrument-answerer.js';
import { createMetrics } from '../../src/http/observability/metrics.js';
import { createPinoLogger } from '../../src/http/observability/pino-logger.js';
import { listen, postJson } from '../helpers/start-app.js';
import { FIXED_ANSWER, fakeAnswerer, fakeIndexHandle, recordingLogger } from '../helpers/http-fakes.js';

const servers: Awaited<ReturnType<typeof listen>>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const QUESTION = 'Where does Agnes Morrow live nowadays?';

async function start(options: { logger: Logger; logQuestions?: boolean }) {
  const metrics = createMetrics({ processMetrics: false });
  const answerer = instrumentAnswerer(
    fakeAnswerer(async (input) =>
      input.question.includes('nowhere') ? { answer: NOT_IN_SOURCES, grounded: false, mode: 'extractive', citations: [] } : FIXED_ANSWER,
    ),
    metrics,
  );
  const app = createTestApp({
    config: { bodyLimit: '64kb', retrieval: { topK: 5 }, hardening: { ...defaultHardening(), logQuestions: options.logQuestions ?? false } },
    index: fakeIndexHandle(),
    answerer,
    logger: options.logger,
    metrics,
  });
  const server = await listen(app);
  servers.push(server);
  return server.baseUrl;
}

describe('request logs', () => {
  it('writes one line per request with route, status, latency, mode and chunk ids, and echoes the request id; no question text', async () => {
    const logger = recordingLogger();
    const baseUrl = await start({ logger });
    const response = await postJson(baseUrl, '/api/ask', { question: QUESTION }, { 'x-request-id': 'client-id-42' });
    expect(response.headers.get('x-request-id')).toBe('client-id-42');
    const forged = await postJson(baseUrl, '/api/ask', { question: QUESTION }, { 'x-request-id': 'bad id; level=error' });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const requestLines = logger.lines.filter((line) => line.fields.route === '/api/ask');
    expect(requestLines).toHaveLength(2);
    expect(requestLines[0]!.fields).toMatchObject({ requestId: 'client-id-42', method: 'POST', status: 200, mode: 'extractive', chunks: ['doc#0'] });
    expect(typeof requestLines[0]!.fields.ms).toBe('number');
    expect(JSON.stringify(logger.lines)).not.toContain('Agnes Morrow');
  });

  it('logs the question only when LOG_QUESTIONS is on', async () => {
    const logger = recordingLogger();
    const baseUrl = await start({ logger, logQuestions: true });
    await postJson(baseUrl, '/api/ask', { question: QUESTION });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(logger.lines.find((line) => line.fields.route === '/api/ask')?.fields.question).toBe(QUESTION);
  });

  it('the pino logger writes JSON lines with level, time and message', () => {
    const stream = new PassThrough();
    const chunks: string[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const logger = createPinoLogger({ destination: stream });
    logger.warn({ requestId: 'r1', authorization: 'Bearer secret-key' }, 'llm fallback to extractive');
    const line = JSON.parse(chunks.join('').trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'warn', requestId: 'r1', msg: 'llm fallback to extractive', authorization: '[redacted]' });
    expect(Number.isNaN(Date.parse(String(line.time)))).toBe(false);
  });
});

describe('GET /metrics', () => {
  it('exposes request counts and latency histograms by route and mode, and abstentions, in Prometheus format', async () => {
    const baseUrl = await start({ logger: recordingLogger() });
    await postJson(baseUrl, '/api/ask', { question: QUESTION });
    await postJson(baseUrl, '/api/ask', { question: 'Is it nowhere to be found?' });
    await postJson(baseUrl, '/api/ask', { question: '' });
    await fetch(`${baseUrl}/api/sources/no-such-source`);
    const response = await fetch(`${baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('http_requests_total{method="POST",route="/api/ask",status="200",mode="extractive"} 2');
    expect(text).toContain('http_requests_total{method="POST",route="/api/ask",status="400",mode="none"} 1');
    expect(text).toContain('http_requests_total{method="GET",route="/api/sources/:sourceId",status="404",mode="none"} 1');
    expect(text).toMatch(/^http_request_duration_seconds_count\{method="POST",route="\/api\/ask",mode="extractive"\} 2$/m);
    expect(text).toMatch(/^http_request_duration_seconds_bucket\{le="\+Inf",method="POST",route="\/api\/ask",mode="extractive"\} 2$/m);
    expect(text).toContain('answers_abstained_total{mode="extractive"} 1');
    expect(text).toContain('# TYPE llm_fallbacks_total counter');
    expect(text).toContain('# TYPE llm_errors_total counter');
  });
});
