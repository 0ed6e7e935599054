import type { Config } from '../../config.js';
import type { Embedder } from '../../embeddings/embedder.js';
import type { IndexReader } from '../../store/index-reader.js';
import { AppError, isAppError } from '../../errors.js';
import { readingIndex } from '../../store/postgres/database-errors.js';
import { openPostgresStore } from '../../store/postgres/open-postgres-store.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { IndexHandle } from './index-handle.js';

/**
 * Serves the Postgres store's current build: the handle gets the current build's reader at start, and the next
 * build's reader whenever any process switches the current build (NOTIFY, or the watcher's poll), swapped in by one
 * assignment between requests. `/healthz` probes the database, so a database that is down reads 503 there as on
 * `/api/*`, and both recover by themselves when it returns. Returns how to read the current build again (`SIGHUP`)
 * and how to close the pool and the watcher.
 */
export async function servePostgresIndex(options: {
  config: Config;
  embedder: Embedder;
  handle: IndexHandle;
  logger: Logger;
  metrics: Metrics;
}): Promise<{ close: () => Promise<void>; currentReader: () => Promise<IndexReader> }> {
  const { config, embedder, handle, logger, metrics } = options;
  const store = await openPostgresStore(config.postgres, {
    efSearch: config.hnsw.efSearch,
    embedder: { id: embedder.id, dimension: embedder.dimension, embeddings: embedder.embeddings },
    onError: (error) => logger.warn({ err: error.message }, 'postgres store: connection problem'),
  });
  const swapTo = async (buildId: number, reason: string) => {
    const previousBuildId = handle.ready ? handle.get().manifest.buildId : undefined;
    try {
      handle.set(await store.readerFor(buildId));
      metrics.indexReloads.inc({ outcome: 'swapped' });
      logger.info({ reason, buildId, previousBuildId }, 'index: serving the current build');
    } catch (error) {
      metrics.indexReloads.inc({ outcome: 'failed' });
      logger.error({ reason, buildId, err: (error as Error).message }, 'index: the new build could not be opened; still serving the previous one');
    }
  };
  try {
    handle.set(await store.currentReader());
  } catch (error) {
    const problem = isAppError(error) ? error : new AppError('index_unavailable', `The Postgres store could not be read: ${(error as Error).message}`);
    handle.fail(problem);
    logger.error({ code: problem.code }, problem.message);
  }
  store.watcher.on('change', (buildId) => void swapTo(buildId, 'the current build changed'));
  handle.setProbe(async () => {
    await readingIndex(() => store.pool.query('SELECT 1'));
  });
  return { close: () => store.close(), currentReader: () => store.currentReader() };
}
