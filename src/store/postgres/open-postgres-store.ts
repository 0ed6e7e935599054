import { LRUCache } from 'lru-cache';
import type { PostgresSettings } from '../../config.js';
import { AppError } from '../../errors.js';
import { createConnectionPool } from './connection-pool.js';
import { readCurrentBuildId } from './current-build.js';
import { CurrentBuildWatcher } from './current-build-watcher.js';
import { readingIndex } from './database-errors.js';
import { PostgresIndexReader, type PostgresReaderOptions } from './postgres-index-reader.js';
import type { ConnectionPool } from './connection-pool.js';

/** What a server holds of the Postgres store. */
export interface PostgresStore {
  pool: ConnectionPool;
  /** Emits `change` with the new build id when another process switches the current build. */
  watcher: CurrentBuildWatcher;
  /** A reader of the current build (the same object for the same build); `index_unavailable` when there is none. */
  currentReader(): Promise<PostgresIndexReader>;
  close(): Promise<void>;
}

/** Readers kept open: the current build and the one it replaced (requests still answering from it finish on it). */
const OPEN_READERS = 2;

/**
 * Connects to the Postgres store: a pool, a watcher of the current build (started), and readers by build. Does not
 * migrate the schema (ingest does) nor wait for a build: a server may start before the first ingest, or while the
 * database is down, and reports `index_unavailable` until both are there.
 */
export async function openPostgresStore(
  settings: PostgresSettings,
  options: PostgresReaderOptions & { pollIntervalMs?: number; onError?: (error: Error) => void },
): Promise<PostgresStore> {
  if (!settings.url) throw new AppError('config_invalid', 'INDEX_STORE=postgres needs DATABASE_URL');
  const onError = options.onError ?? (() => {});
  const pool = createConnectionPool({ ...settings, url: settings.url }, onError);
  const watcher = new CurrentBuildWatcher({
    url: settings.url,
    connectTimeoutMs: settings.connectTimeoutMs,
    pool,
    onError,
    ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
  });
  const readerOptions: PostgresReaderOptions = { efSearch: options.efSearch, ...(options.embedder ? { embedder: options.embedder } : {}) };
  const readers = new LRUCache<number, Promise<PostgresIndexReader>>({ max: OPEN_READERS });
  const readerFor = (buildId: number) => {
    let reader = readers.get(buildId);
    if (!reader) {
      reader = PostgresIndexReader.open(pool, buildId, readerOptions);
      readers.set(buildId, reader);
      // A failed open (database down) is retried by the next call rather than remembered.
      reader.catch(() => readers.delete(buildId));
    }
    return reader;
  };
  await watcher.start();
  return {
    pool,
    watcher,
    async currentReader() {
      const buildId = watcher.currentBuildId ?? (await readingIndex(() => readCurrentBuildId(pool)));
      if (buildId === undefined) {
        throw new AppError('index_unavailable', 'No build in the Postgres store yet. Run `INDEX_STORE=postgres npm run ingest`.');
      }
      return readerFor(buildId);
    },
    async close() {
      await watcher.stop();
      await pool.end();
    },
  };
}
