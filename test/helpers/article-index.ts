import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import { createEmbedder } from '../../src/embeddings/create-embedder.js';
import type { Embedder } from '../../src/embeddings/embedder.js';
import { buildIndex } from '../../src/ingest/build-index.js';
import { fileIndexReader } from '../../src/store/file-index-reader.js';
import { loadIndex, type LoadedIndex } from '../../src/store/index-files.js';
import type { IndexReader } from '../../src/store/index-reader.js';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const ARTICLE_CORPUS = path.join(REPO_ROOT, 'corpus');
/** Set by test/global-setup.ts: a ready index of the article, shared read-only by every test file. */
export const SHARED_INDEX_ENV = 'CITE_TEST_SHARED_INDEX';

export interface TestIndex {
  config: Config;
  embedder: Embedder;
  index: LoadedIndex;
  /** The same build read through the interface the answerer and the server use. */
  reader: IndexReader;
  indexDir: string;
  cleanup: () => Promise<void>;
}

/**
 * Builds a real index (local sentence encoder, default settings) of `corpusDir` into a temporary folder, as
 * `npm run ingest` would, and loads it. For the article itself it loads the run's shared index instead (read-only:
 * a test must not write to it). Tests use it to exercise the product on the real article. The rate limit is off
 * (tests send many requests from one address); a test of the limit turns it on explicitly.
 */
export async function buildTestIndex(corpusDir = ARTICLE_CORPUS, env: NodeJS.ProcessEnv = {}): Promise<TestIndex> {
  const shared = process.env[SHARED_INDEX_ENV];
  if (shared && corpusDir === ARTICLE_CORPUS && Object.keys(env).length === 0) {
    const config = loadConfig(
      { RATE_LIMIT_PER_MINUTE: '0', CORPUS_DIR: corpusDir, INDEX_DIR: shared, PROMPTS_DIR: path.join(REPO_ROOT, 'prompts') },
      REPO_ROOT,
    );
    const embedder = await createEmbedder(config);
    const index = await loadIndex(shared, embedder, { efSearch: config.hnsw.efSearch });
    return { config, embedder, index, reader: fileIndexReader(index), indexDir: shared, cleanup: async () => {} };
  }
  const indexDir = await mkdtemp(path.join(os.tmpdir(), 'cite-index-'));
  const config = loadConfig(
    { RATE_LIMIT_PER_MINUTE: '0', ...env, CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, PROMPTS_DIR: path.join(REPO_ROOT, 'prompts') },
    REPO_ROOT,
  );
  const embedder = await createEmbedder(config);
  await buildIndex({ corpusDir, indexDir, embedder, chunking: config.chunking, hnsw: config.hnsw });
  const index = await loadIndex(indexDir, embedder, { efSearch: config.hnsw.efSearch });
  return { config, embedder, index, reader: fileIndexReader(index), indexDir, cleanup: () => rm(indexDir, { recursive: true, force: true }) };
}
