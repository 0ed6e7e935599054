import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { createEmbedder } from '../src/embeddings/create-embedder.js';
import { buildIndex } from '../src/ingest/build-index.js';
import { ARTICLE_CORPUS, REPO_ROOT, SHARED_INDEX_ENV } from './helpers/article-index.js';

/**
 * Builds the real article's index once for the whole run (as `npm run ingest` would, default settings) and hands
 * its folder to the test workers, which load it read-only instead of each embedding the article again.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const indexDir = await mkdtemp(path.join(os.tmpdir(), 'cite-shared-index-'));
  const config = loadConfig({ CORPUS_DIR: ARTICLE_CORPUS, INDEX_DIR: indexDir }, REPO_ROOT);
  await buildIndex({ corpusDir: ARTICLE_CORPUS, indexDir, embedder: await createEmbedder(config), chunking: config.chunking, hnsw: config.hnsw });
  process.env[SHARED_INDEX_ENV] = indexDir;
  return async () => {
    await rm(indexDir, { recursive: true, force: true });
  };
}
