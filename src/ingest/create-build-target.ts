import type { Config } from '../config.js';
import type { Embedder } from '../embeddings/embedder.js';
import type { BuildTarget } from './build-target.js';
import { fileBuildTarget } from './file-build-target.js';
import { postgresBuildTarget } from './postgres-build-target.js';

/** Where `npm run ingest` writes, by `INDEX_STORE`: `index/` (the default) or the Postgres store at `DATABASE_URL`. */
export function createBuildTarget(
  config: Pick<Config, 'indexDir' | 'hnsw'> & Partial<Pick<Config, 'indexStore' | 'postgres'>>,
  embedder: Embedder,
): BuildTarget {
  return config.indexStore === 'postgres' && config.postgres
    ? postgresBuildTarget(config.postgres)
    : fileBuildTarget(config.indexDir, { hnsw: config.hnsw, embeddings: embedder.embeddings });
}
