import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../src/answer/answer-types.js';
import { createAnswerer } from '../src/answer/create-answerer.js';
import { createTestApp } from './helpers/create-test-app.js';
import { IndexHandle } from '../src/http/process/index-handle.js';
import { ARTICLE_CORPUS, buildTestIndex, REPO_ROOT, type TestIndex } from './helpers/article-index.js';
import { listen } from './helpers/start-app.js';

const QUESTION = 'How many member states does IOM have?';

let testIndex: TestIndex;
let server: Awaited<ReturnType<typeof listen>>;

/** Runs the CLI as a user would (through the `bin` entry), against the test index; never rejects. */
function ask(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(REPO_ROOT, 'bin/cite-ask.js'), ...args],
      { cwd: REPO_ROOT, timeout: 60_000, env: { ...process.env, CORPUS_DIR: ARTICLE_CORPUS, INDEX_DIR: testIndex.indexDir, ANSWER_MODE: 'extractive' } },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Each citation printed as `[n] title › section` followed by its quote. */
function expectPrintedCitations(stdout: string, answer: Answer): void {
  expect(answer.citations.length).toBeGreaterThan(0);
  expect(stdout.startsWith(answer.answer)).toBe(true);
  for (const citation of answer.citations) {
    expect(stdout).toContain(`[${citation.n}] ${citation.title} › ${citation.section}`);
    expect(stdout).toContain(`"${citation.quote.replace(/\s+/g, ' ').trim()}"`);
  }
}

beforeAll(async () => {
  testIndex = await buildTestIndex();
  const answerer = await createAnswerer(testIndex.config, () => testIndex.reader);
  server = await listen(createTestApp({ config: testIndex.config, index: new IndexHandle(testIndex.reader), answerer }));
});

afterAll(async () => {
  await server?.close();
  await testIndex?.cleanup();
});

describe('ask CLI', () => {
  it('answers from the local index without a server, with numbered citations (section + quote)', async () => {
    const json = await ask(['--json', QUESTION]);
    expect(json.code).toBe(0);
    const answer = JSON.parse(json.stdout) as Answer;
    expect(answer.answer).toMatch(/\[\d+\]/);
    const printed = await ask([QUESTION]);
    expect(printed.code).toBe(0);
    expectPrintedCitations(printed.stdout, answer);
  });

  it('asks a running server with --url and prints the same answer', async () => {
    const printed = await ask(['--url', server.baseUrl, QUESTION]);
    expect(printed.code).toBe(0);
    const json = await ask(['--url', `${server.baseUrl}/`, '--json', QUESTION]);
    const answer = JSON.parse(json.stdout) as Answer & { answerId?: string };
    expect(answer.answerId).toMatch(/\S/);
    expectPrintedCitations(printed.stdout, answer);
  });

  it.each([
    ['no question', [], /question must be a non-empty string/],
    ['a blank question', ['   '], /question must be a non-empty string/],
    ['a bad --top-k', ['--top-k', '99', QUESTION], /topK must be an integer from 1 to 20/],
    ['an unknown option', ['--verbose', QUESTION], /Unknown option/],
    ['a malformed --url', ['--url', 'localhost:3000', QUESTION], /--url must be an http\(s\) URL/],
  ])('exits 2 with a clear message for %s', async (_case, args, message) => {
    const result = await ask(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('exits 1 saying the server cannot be reached when --url points nowhere', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const result = await ask(['--url', url, QUESTION]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Could not reach ${url} (ECONNREFUSED)`);
  });

  it('exits 1 with the server error message when the server refuses the question', async () => {
    const unready = await listen(
      createTestApp({ config: testIndex.config, index: new IndexHandle(), answerer: await createAnswerer(testIndex.config, () => testIndex.reader) }),
    );
    try {
      const result = await ask(['--url', unready.baseUrl, QUESTION]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/The server answered 503: .*npm run ingest/);
    } finally {
      await unready.close();
    }
  });
});
