import type { Config } from '../../config.js';
import type { Embedder } from '../../embeddings/embedder.js';
import type { IndexReader } from '../../store/index-reader.js';
import { readingIndex } from '../../store/postgres/database-errors.js';
import { openPostgresStore } from '../../store/postgres/open-postgres-store.js';
import type { Logger } from '../observability/logger.js';
import type { IndexHandle } from './index-handle.js';
import { loadOrServeUnavailable } from './load-or-serve-unavailable.js';

/**
 * Serves the Postgres store's current build: the handle gets the current build's reader at start. `/healthz` probes
 * the database, so a database that is down reads 503 there as on `/api/*`, and both recover by themselves when it
 * returns. Returns how to read the current build again and when to (`onBuildChange`: any process switched the
 * current build, seen by NOTIFY or the watcher's poll; the composition root hands both to the index reloader, which
 * swaps readers between requests as it does for the file store), and how to close the pool and the watcher.
 */
export async function servePostgresIndex(options: {
  config: Config;
  embedder: Embedder;
  handle: IndexHandle;
  logger: Logger;
}): Promise<{ close: () => Promise<void>; currentReader: () => Promise<IndexReader>; onBuildChange: (listener: () => void) => void }> {
  const { config, embedder, handle, logger } = options;
  const store = await openPostgresStore(config.postgres, {
    efSearch: config.hnsw.efSearch,
    embedder: { id: embedder.id, dimension: embedder.dimension, embeddings: embedder.embeddings },
    onError: (error) => logger.warn({ err: error.message }, 'postgres store: connection problem'),
  });
  await loadOrServeUnavailable({
    handle,
    load: () => store.currentReader(),
    unavailableMessage: (error) => `The Postgres store could not be read: ${error.message}`,
    logger,
  });
  handle.setProbe(async () => {
    await readingIndex(() => store.pool.query('SELECT 1'));
  });
  return {
    close: () => store.close(),
    currentReader: () => store.currentReader(),
    onBuildChange: (listener: () => void) => void store.watcher.on('change', listener),
  };
}
