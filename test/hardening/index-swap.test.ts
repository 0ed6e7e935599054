import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExtractiveAnswerer } from '../../src/answer/extractive-answerer.js';
import { createTestApp } from '../helpers/create-test-app.js';
import { IndexHandle } from '../../src/http/process/index-handle.js';
import { createIndexReloader } from '../../src/http/process/index-reload.js';
import { loadIndex } from '../../src/store/index-files.js';
import { buildTestIndex, REPO_ROOT, type TestIndex } from '../helpers/article-index.js';
import { listen, postJson } from '../helpers/start-app.js';
import { recordingLogger } from '../helpers/http-fakes.js';
import { spawnScript } from '../helpers/spawn-server.js';
import { fileIndexReader } from '../../src/store/file-index-reader.js';

const FIXTURE_CORPUS = path.join(REPO_ROOT, 'test/fixtures/injection-corpus');
const NEW_QUESTION = 'When did the Port Elwin ferry begin service?';
const CONCURRENCY = 4;

let fixture: TestIndex;
let workDir: string;

beforeAll(async () => {
  fixture = await buildTestIndex(FIXTURE_CORPUS);
  workDir = await mkdtemp(path.join(os.tmpdir(), 'hardening-swap-'));
});
afterAll(async () => {
  await fixture?.cleanup();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('re-ingest while serving', () => {
  it('swaps to the new index atomically under concurrent requests, with no failed request', { timeout: 120_000 }, async () => {
    const indexDir = path.join(workDir, 'index');
    await cp(fixture.indexDir, indexDir, { recursive: true });
    const corpusDir = path.join(workDir, 'corpus');
    await cp(FIXTURE_CORPUS, corpusDir, { recursive: true });
    await writeFile(
      path.join(corpusDir, 'port-elwin-ferry.md'),
      '# Port Elwin ferry\n\n## History\n\nThe Port Elwin ferry began service in 1902, linking the harbour with the island of Carrow.\n',
    );

    const logger = recordingLogger();
    const handle = new IndexHandle(fileIndexReader(await loadIndex(indexDir, fixture.embedder)));
    const reloader = createIndexReloader({ handle, load: async () => fileIndexReader(await loadIndex(indexDir, fixture.embedder)), logger });
    const server = await listen(createTestApp({ config: fixture.config, index: handle, answerer: createExtractiveAnswerer(() => handle.get()) }));

    // For each request: was the new build in place when it was sent, and still the old one when its answer came?
    const results: { status: number; newSourceCited: boolean; sentOnNew: boolean; answeredOnOld: boolean; question: string }[] = [];
    const oldBuildId = fixture.index.manifest.buildId;
    const serving = () => handle.get().manifest.buildId;
    let stop = false;
    const questions = ['When was the Harbour Lighthouse built?', NEW_QUESTION, 'What do tickets for the tower climb cost?'];
    const worker = async (offset: number) => {
      for (let i = offset; !stop; i += 1) {
        const question = questions[i % questions.length]!;
        const sentOnNew = serving() !== oldBuildId;
        const response = await postJson(server.baseUrl, '/api/ask', { question });
        const answeredOnOld = serving() === oldBuildId;
        const citations = (response.body?.citations ?? []) as { sourceId: string }[];
        results.push({
          status: response.status,
          newSourceCited: citations.some((citation) => citation.sourceId === 'port-elwin-ferry'),
          sentOnNew,
          answeredOnOld,
          question,
        });
      }
    };
    const workers = Array.from({ length: CONCURRENCY }, (_, i) => worker(i));
    try {
      // `npm run ingest` of the changed corpus in its own process, while requests keep coming.
      const ingest = spawnScript('src/ingest/ingest-cli.ts', { CORPUS_DIR: corpusDir, INDEX_DIR: indexDir });
      expect((await ingest.exited).code, ingest.output()).toBe(0);
      const reload = await reloader.reload('test');
      expect(reload.outcome).toBe('swapped');
      expect(reload.previousBuildId).toBe(fixture.index.manifest.buildId);
      await new Promise((resolve) => setTimeout(resolve, 1500));
    } finally {
      stop = true;
      await Promise.all(workers);
      await server.close();
    }

    expect(results.filter((result) => result.status !== 200)).toEqual([]);
    expect(results.filter((result) => result.answeredOnOld).length).toBeGreaterThan(CONCURRENCY);
    expect(results.filter((result) => result.sentOnNew).length).toBeGreaterThan(CONCURRENCY);
    // Answered entirely before the swap: the new document was unknown. Sent after it: answered from the new index.
    expect(results.some((result) => result.answeredOnOld && result.newSourceCited)).toBe(false);
    const newQuestionAfterSwap = results.filter((result) => result.sentOnNew && result.question === NEW_QUESTION);
    expect(newQuestionAfterSwap.length).toBeGreaterThan(0);
    expect(newQuestionAfterSwap.every((result) => result.newSourceCited)).toBe(true);
    expect(handle.get().manifest.buildId).not.toBe(fixture.index.manifest.buildId);
    expect(logger.lines.some((line) => line.message === 'index reloaded')).toBe(true);
  });

  it('keeps serving the old index when the new build cannot be loaded', async () => {
    const logger = recordingLogger();
    const handle = new IndexHandle(fixture.reader);
    const reloader = createIndexReloader({
      handle,
      load: async () => fileIndexReader(await loadIndex(path.join(workDir, 'nothing-here'), fixture.embedder)),
      logger,
    });
    const result = await reloader.reload('test');
    expect(result.outcome).toBe('failed');
    expect(handle.get()).toBe(fixture.reader);
    expect(logger.lines.some((line) => line.level === 'error')).toBe(true);
  });
});
