import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExtractiveAnswerer } from '../../src/answer/extractive-answerer.js';
import { createTestApp } from '../helpers/create-test-app.js';
import { IndexHandle } from '../../src/http/process/index-handle.js';
import { loadIndex } from '../../src/store/index-files.js';
import { ARTICLE_CORPUS, buildTestIndex, REPO_ROOT, type TestIndex } from '../helpers/article-index.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { listen, postJson } from '../helpers/start-app.js';
import { spawnScript, spawnServer } from '../helpers/spawn-server.js';
import { temporaryFolders } from '../helpers/temporary-folders.js';
import { fileIndexReader } from '../../src/store/file-index-reader.js';

/** Faults of the real processes: `src/http/main.ts` and `src/ingest/ingest-cli.ts` run as child processes. */
const FIXTURE_CORPUS = path.join(REPO_ROOT, 'test/fixtures/injection-corpus');
const QUESTION = { question: 'When was the Harbour Lighthouse built?' };

let fixture: TestIndex;
const tempDir = temporaryFolders('hardening-');

beforeAll(async () => {
  fixture = await buildTestIndex(FIXTURE_CORPUS);
});
afterAll(async () => {
  await fixture?.cleanup();
});

describe('index missing or corrupt at start', () => {
  it('serves 503 with the fix and logs it, instead of exiting; SIGHUP loads the index once built; SIGTERM exits 0', async () => {
    const indexDir = await tempDir('hardening-empty-');
    const server = await spawnServer({ AUTO_INGEST: 'false', INDEX_DIR: indexDir });
    try {
      const health = await fetch(`${server.baseUrl}/healthz`);
      expect(health.status).toBe(503);
      const healthBody = (await health.json()) as { error: { code: string; message: string } };
      expect(healthBody.error.code).toBe('index_unavailable');
      expect(healthBody.error.message).toContain('npm run ingest');
      const ask = await postJson(server.baseUrl, '/api/ask', QUESTION);
      expect(ask.status).toBe(503);
      expect(ask.body.error.code).toBe('index_unavailable');
      expect(server.lines.some((line) => line.level === 'error' && String(line.msg).includes('npm run ingest'))).toBe(true);
      expect(server.child.exitCode).toBeNull();

      // `npm run ingest` meanwhile (here: a copy of a finished build), then SIGHUP.
      await cp(fixture.indexDir, indexDir, { recursive: true });
      server.child.kill('SIGHUP');
      await server.waitForLine((line) => line.msg === 'index reloaded', 20_000);
      const healthy = await fetch(`${server.baseUrl}/healthz`);
      expect(healthy.status).toBe(200);
      expect(((await healthy.json()) as { index: { buildId: string } }).index.buildId).toBe(fixture.index.manifest.buildId);
      const answered = await postJson(server.baseUrl, '/api/ask', QUESTION);
      expect(answered.status).toBe(200);
      expect(answered.body.answer).toContain('1887');
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });

  it('reports a corrupt index as 503 index_unavailable with the fix', async () => {
    const indexDir = await tempDir('hardening-corrupt-');
    await mkdir(path.join(indexDir, 'builds', 'broken-build'), { recursive: true });
    await writeFile(path.join(indexDir, 'builds', 'broken-build', 'manifest.json'), '{"formatVersion": 2, "embedder": ');
    await writeFile(path.join(indexDir, 'CURRENT'), 'broken-build\n');
    const server = await spawnServer({ AUTO_INGEST: 'false', INDEX_DIR: indexDir });
    try {
      for (let i = 0; i < 2; i += 1) {
        const ask = await postJson(server.baseUrl, '/api/ask', QUESTION);
        expect(ask.status).toBe(503);
        expect(ask.body.error.code).toBe('index_unavailable');
        expect(ask.body.error.message).toMatch(/unreadable.*npm run ingest/);
      }
      expect(server.lines.some((line) => line.level === 'error' && line.code === 'index_unavailable')).toBe(true);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect((await server.exited).code).toBe(0);
  });
});

describe('SIGTERM', () => {
  let fake: FakeOpenAiServer;
  beforeAll(async () => {
    fake = await startFakeOpenAiServer();
  });
  afterAll(() => fake?.close());

  it('stops accepting connections, finishes the request in flight, and exits 0', async () => {
    fake.respond({ kind: 'hang' });
    // The model hangs for LLM_TIMEOUT_MS, so the request is still in flight when SIGTERM arrives.
    const server = await spawnServer({
      AUTO_INGEST: 'false',
      INDEX_DIR: fixture.indexDir,
      ANSWER_MODE: 'llm',
      OPENAI_BASE_URL: fake.baseUrl,
      LLM_TIMEOUT_MS: '2000',
    });
    const inFlight = postJson(server.baseUrl, '/api/ask', QUESTION);
    while (fake.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    server.child.kill('SIGTERM');
    await server.waitForLine((line) => String(line.msg).startsWith('shutting down'), 5000);
    await expect(fetch(`${server.baseUrl}/healthz`)).rejects.toThrow();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.body.answer).toContain('1887');
    expect(response.body.note).toMatch(/language model/);
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });
});

describe('kill -9 during npm run ingest', () => {
  it('leaves the previous index in place: it loads and the server answers from it', async () => {
    const indexDir = await tempDir('hardening-kill-');
    await cp(fixture.indexDir, indexDir, { recursive: true });
    const currentBefore = await readFile(path.join(indexDir, 'CURRENT'), 'utf8');
    // A changed corpus: the fixture plus the article and 20 variants of it, long enough to embed (~1 min here) that
    // the kill lands mid-ingest even on a machine several times faster.
    const corpusDir = await tempDir('hardening-corpus-');
    await cp(FIXTURE_CORPUS, corpusDir, { recursive: true });
    await cp(ARTICLE_CORPUS, corpusDir, { recursive: true });
    const article = await readFile(path.join(ARTICLE_CORPUS, 'international-organization-for-migration.txt'), 'utf8');
    for (let copy = 1; copy <= 20; copy++) await writeFile(path.join(corpusDir, `article-variant-${copy}.txt`), `${article}\n\nVariant ${copy}.\n`);

    const ingest = spawnScript('src/ingest/ingest-cli.ts', { CORPUS_DIR: corpusDir, INDEX_DIR: indexDir });
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(ingest.child.exitCode, `ingest finished before the kill:\n${ingest.output()}`).toBeNull();
    ingest.child.kill('SIGKILL');
    expect(await ingest.exited).toEqual({ code: null, signal: 'SIGKILL' });

    expect(await readFile(path.join(indexDir, 'CURRENT'), 'utf8')).toBe(currentBefore);
    const index = await loadIndex(indexDir, fixture.embedder);
    expect(index.manifest.buildId).toBe(fixture.index.manifest.buildId);
    const handle = new IndexHandle(fileIndexReader(index));
    const server = await listen(createTestApp({ config: fixture.config, index: handle, answerer: createExtractiveAnswerer(() => handle.get()) }));
    try {
      const response = await postJson(server.baseUrl, '/api/ask', QUESTION);
      expect(response.status).toBe(200);
      expect(response.body.grounded).toBe(true);
      expect(response.body.answer).toContain('1887');
    } finally {
      await server.close();
    }
  });
});
