import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEvent, AnswerInput, Answerer } from '../../src/answer/answer-types.js';
import { createAnswerer } from '../../src/answer/create-answerer.js';
import { createExtractiveAnswerer } from '../../src/answer/extractive-answerer.js';
import { loadConfig } from '../../src/config.js';
import { AppError } from '../../src/errors.js';
import { createChatHandler } from '../../src/http/routes/chat-route.js';
import { createTestApp } from '../helpers/create-test-app.js';
import { parseAskRequest } from '../../src/http/wire/ask-request.js';
import { errorMiddleware } from '../../src/http/middleware/error-handler.js';
import { IndexHandle } from '../../src/http/process/index-handle.js';
import { writeSseEvent } from '../../src/http/wire/sse.js';
import { buildTestIndex, REPO_ROOT, type TestIndex } from '../helpers/article-index.js';
import { firstSentenceOf, startFakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { listen, postJson } from '../helpers/start-app.js';
import { parseSseBody } from './browser-harness.js';

/** An answerer scripted by the test; records the inputs it was given. */
function scriptedAnswerer(stream: (input: AnswerInput) => AsyncIterable<AnswerEvent>): Answerer & { inputs: AnswerInput[] } {
  const inputs: AnswerInput[] = [];
  return {
    inputs,
    answer: () => Promise.reject(new Error('not used')),
    stream(input) {
      inputs.push(input);
      return stream(input);
    },
  };
}

/** A bare app with only the chat route, so heartbeat timing can be set. */
async function chatOnlyApp(answerer: Answerer, heartbeatMs: number, index = new IndexHandle({} as never)) {
  const app = express();
  app.use(express.json());
  app.post(
    '/api/chat',
    createChatHandler({ index, answerer, heartbeatMs, readInput: (request) => ({ ...parseAskRequest(request.body), history: [], topK: 5 }) }),
  );
  app.use(errorMiddleware({ info() {}, warn() {}, error() {} }));
  return listen(app);
}

const chat = (baseUrl: string, body: unknown, init: RequestInit = {}) =>
  fetch(`${baseUrl}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), ...init });

describe('POST /api/chat on the real article (extractive)', () => {
  let testIndex: TestIndex;
  let server: Awaited<ReturnType<typeof listen>>;

  beforeAll(async () => {
    testIndex = await buildTestIndex();
    const handle = new IndexHandle(testIndex.reader);
    server = await listen(createTestApp({ config: testIndex.config, index: handle, answerer: createExtractiveAnswerer(() => handle.get()) }));
  });
  afterAll(async () => {
    await server?.close();
    await testIndex?.cleanup();
  });

  it('streams citations first, then the text in deltas, then one done event equal to the /api/ask answer', async () => {
    const question = { question: 'When was IOM founded and what did it do in the 1950s?' };
    const response = await chat(server.baseUrl, question);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toMatch(/no-cache/);
    const events = parseSseBody(await response.text());
    const names = events.map((event) => event.event);
    expect(names[0]).toBe('citations');
    expect(names.at(-1)).toBe('done');
    expect(names.filter((name) => name === 'done')).toHaveLength(1);
    expect(names.filter((name) => name === 'delta').length).toBeGreaterThanOrEqual(1);

    const done = events.at(-1)!.data;
    const deltas = events.filter((event) => event.event === 'delta').map((event) => event.data.text as string);
    expect(deltas.join('')).toBe(done.answer);
    const ask = await postJson(server.baseUrl, '/api/ask', question);
    // Each answer served gets its own answerId (for feedback); everything else is the same answer.
    const { answerId: streamedId, ...streamed } = done;
    const { answerId: askedId, ...asked } = ask.body;
    expect(streamed).toEqual(asked);
    expect(streamedId).toMatch(/\S/);
    expect(streamedId).not.toBe(askedId);
  });

  /** The app in LLM mode against a model at `modelBaseUrl`. */
  const llmApp = async (modelBaseUrl: string) => {
    const config = loadConfig(
      { OPENAI_BASE_URL: modelBaseUrl, OPENAI_MODEL: 'fake-model', LLM_TIMEOUT_MS: '10000', PROMPTS_DIR: path.join(REPO_ROOT, 'prompts') },
      REPO_ROOT,
    );
    const handle = new IndexHandle(testIndex.reader);
    return listen(createTestApp({ config, index: handle, answerer: await createAnswerer(config, () => handle.get()) }));
  };

  it("in LLM mode streams the model's tokens as deltas and ends with the checked answer", async () => {
    const model = await startFakeOpenAiServer();
    // A faithful model: it restates passage 1, so the faithfulness check keeps every word.
    model.respond((request) => ({ kind: 'reply', text: `${firstSentenceOf(request, 1)} [1].` }));
    const app = await llmApp(model.baseUrl);
    try {
      const events = parseSseBody(await (await chat(app.baseUrl, { question: 'When was IOM founded?' })).text());
      const deltas = events.filter((event) => event.event === 'delta');
      expect(events[0]!.event).toBe('citations');
      expect(deltas.length).toBeGreaterThan(5);
      const done = events.at(-1)!;
      expect(done.event).toBe('done');
      expect(done.data.mode).toBe('llm');
      expect(done.data.citations.map((citation: { n: number }) => citation.n)).toEqual([1]);
      expect(deltas.map((event) => event.data.text).join('')).toBe(`${firstSentenceOf(model.requests.at(-1)!, 1)} [1].`);
    } finally {
      await app.close();
      await model.close();
    }
  });

  it('in LLM mode closes the request to the model when the client disconnects', async () => {
    // A model that sends one token and then stalls; it records when its caller hangs up.
    let modelCallClosed: () => void = () => {};
    const closed = new Promise<void>((resolve) => (modelCallClosed = resolve));
    const model = http.createServer((request, response) => {
      request.resume();
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(
        `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 0, model: 'fake-model', choices: [{ index: 0, delta: { content: 'IOM ' }, finish_reason: null }] })}\n\n`,
      );
      response.on('close', () => modelCallClosed());
    });
    await new Promise<void>((resolve) => model.listen(0, '127.0.0.1', resolve));
    const app = await llmApp(`http://127.0.0.1:${(model.address() as AddressInfo).port}/v1`);
    try {
      const client = new AbortController();
      const response = await chat(app.baseUrl, { question: 'When was IOM founded?' }, { signal: client.signal });
      const reader = response.body!.getReader();
      let received = '';
      while (!received.includes('event: delta')) received += new TextDecoder().decode((await reader.read()).value);
      client.abort();
      await expect(
        Promise.race([closed.then(() => 'model call closed'), new Promise((resolve) => setTimeout(() => resolve('model call still open'), 3000))]),
      ).resolves.toBe('model call closed');
    } finally {
      await app.close();
      model.closeAllConnections();
      await new Promise<void>((resolve) => model.close(() => resolve()));
    }
  });

  it('rejects a bad body with the same JSON errors as /api/ask, before any stream starts', async () => {
    const empty = await chat(server.baseUrl, { question: '   ' });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ error: { code: 'invalid_request' } });
    const badHistory = await chat(server.baseUrl, { question: 'When?', history: [{ role: 'system', content: 'x' }] });
    expect(badHistory.status).toBe(400);
    const notJson = await fetch(`${server.baseUrl}/api/chat`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(notJson.status).toBe(415);
    expect(await notJson.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });
});

describe('POST /api/chat stream protocol', () => {
  it('answers 503 index_unavailable as JSON when no index is loaded', async () => {
    const answerer = scriptedAnswerer(async function* () {});
    const server = await listen(createTestApp({ config: { bodyLimit: '64kb', retrieval: { topK: 5 } }, index: new IndexHandle(), answerer }));
    try {
      const response = await chat(server.baseUrl, { question: 'When was IOM founded?' });
      expect(response.status).toBe(503);
      const body = await response.json();
      expect(body.error.code).toBe('index_unavailable');
      expect(body.error.message).toMatch(/npm run ingest/);
      expect(answerer.inputs).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('sends heartbeat comments while the answer is slow', async () => {
    const answerer = scriptedAnswerer(async function* () {
      yield { type: 'citations', citations: [] };
      await new Promise((resolve) => setTimeout(resolve, 400));
      yield { type: 'done', answer: { answer: 'x', grounded: false, mode: 'extractive', citations: [] } };
    });
    const server = await chatOnlyApp(answerer, 50);
    try {
      const text = await (await chat(server.baseUrl, { question: 'slow?' })).text();
      expect((text.match(/^: heartbeat$/gm) ?? []).length).toBeGreaterThanOrEqual(2);
      expect(parseSseBody(text).map((event) => event.event)).toEqual(['citations', 'done']);
    } finally {
      await server.close();
    }
  });

  it('aborts the answerer when the client disconnects', async () => {
    let aborted: () => void = () => {};
    const abortSeen = new Promise<void>((resolve) => (aborted = resolve));
    const answerer = scriptedAnswerer(async function* (input) {
      input.signal?.addEventListener('abort', () => aborted());
      yield { type: 'citations', citations: [] };
      yield { type: 'delta', text: 'first words' };
      // A model that would keep going for a long time, but stops when its signal is aborted.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 30_000);
        input.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    });
    const server = await chatOnlyApp(answerer, 15_000);
    try {
      const client = new AbortController();
      const response = await chat(server.baseUrl, { question: 'long?' }, { signal: client.signal });
      const reader = response.body!.getReader();
      const first = await reader.read();
      expect(new TextDecoder().decode(first.value)).toContain('event: citations');
      client.abort();
      await expect(Promise.race([abortSeen.then(() => 'aborted'), new Promise((resolve) => setTimeout(() => resolve('still running'), 3000))])).resolves.toBe(
        'aborted',
      );
      expect(answerer.inputs[0]!.signal!.aborted).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('turns a failure after the stream started into an error event with the JSON error body, then ends', async () => {
    const cases: [Error, { code: string; message: RegExp }][] = [
      [new AppError('overloaded', 'The server is busy; try again in a moment.'), { code: 'overloaded', message: /busy/ }],
      [new Error('secret internal detail'), { code: 'internal_error', message: /logged/ }],
    ];
    for (const [error, expected] of cases) {
      const answerer = scriptedAnswerer(async function* () {
        yield { type: 'citations', citations: [] };
        throw error;
      });
      const server = await chatOnlyApp(answerer, 15_000);
      try {
        const response = await chat(server.baseUrl, { question: 'fail?' });
        expect(response.status).toBe(200);
        const text = await response.text();
        expect(text).not.toContain('secret internal detail');
        const events = parseSseBody(text);
        expect(events.map((event) => event.event)).toEqual(['citations', 'error']);
        expect(events[1]!.data.error.code).toBe(expected.code);
        expect(events[1]!.data.error.message).toMatch(expected.message);
      } finally {
        await server.close();
      }
    }
  });

  it('refuses event names with CR or LF, which would let a payload forge events', async () => {
    const written: string[] = [];
    const response = { writableEnded: false, destroyed: false, write: (chunk: string) => written.push(chunk) > 0 } as never;
    await expect(writeSseEvent(response, { event: 'done\ndata: {}', data: {} })).rejects.toThrow(/CR or LF/);
    await writeSseEvent(response, { event: 'delta', data: { text: 'two\nlines' } });
    expect(written).toEqual(['event: delta\ndata: {"text":"two\\nlines"}\n\n']);
  });
});
