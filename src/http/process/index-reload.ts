import { watch, type FSWatcher } from 'node:fs';
import type { IndexReader } from '../../store/index-reader.js';
import type { IndexHandle } from './index-handle.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';

export interface ReloadResult {
  outcome: 'swapped' | 'unchanged' | 'failed';
  buildId?: string;
  previousBuildId?: string;
  error?: string;
}

export interface IndexReloader {
  /** Loads the current build and swaps it in; reloads asked for while one runs wait their turn. */
  reload(reason: string): Promise<ReloadResult>;
}

/**
 * Re-reads the index (after `npm run ingest`) while serving. The new index is loaded completely beside the old one
 * and then swapped in by one assignment (`IndexHandle.set`): a request in flight keeps the index it started with,
 * the next one gets the new index, none fails. A build that fails to load leaves the old one serving.
 */
export function createIndexReloader(options: { handle: IndexHandle; load: () => Promise<IndexReader>; logger: Logger; metrics?: Metrics }): IndexReloader {
  let queue: Promise<unknown> = Promise.resolve();
  const reloadOnce = async (reason: string): Promise<ReloadResult> => {
    const previousBuildId = options.handle.ready ? options.handle.get().manifest.buildId : undefined;
    try {
      const index = await options.load();
      const buildId = index.manifest.buildId;
      if (buildId === previousBuildId) {
        options.metrics?.indexReloads.inc({ outcome: 'unchanged' });
        options.logger.info({ reason, buildId }, 'index reload: already serving this build');
        return { outcome: 'unchanged', buildId };
      }
      options.handle.set(index);
      options.metrics?.indexReloads.inc({ outcome: 'swapped' });
      options.logger.info({ reason, buildId, previousBuildId, chunks: index.manifest.counts.chunks }, 'index reloaded');
      return { outcome: 'swapped', buildId, ...(previousBuildId ? { previousBuildId } : {}) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      options.metrics?.indexReloads.inc({ outcome: 'failed' });
      options.logger.error({ reason, previousBuildId, err: message }, 'index reload failed; still serving the previous index');
      return { outcome: 'failed', error: message, ...(previousBuildId ? { previousBuildId } : {}) };
    }
  };
  return {
    reload(reason) {
      const run = queue.then(() => reloadOnce(reason));
      queue = run;
      return run;
    },
  };
}

/** Waits for the pointer file to settle after a commit (it is written, then renamed) before reloading. */
const WATCH_DEBOUNCE_MS = 250;

/**
 * Reloads when `npm run ingest` commits a new build: watches the index folder for the `CURRENT` pointer being
 * replaced. Returns the watcher so the caller can close it.
 */
export function watchIndex(options: { indexDir: string; reloader: IndexReloader; logger: Logger }): FSWatcher | undefined {
  let timer: NodeJS.Timeout | undefined;
  try {
    const watcher = watch(options.indexDir, { persistent: false }, (_event, filename) => {
      if (filename !== 'CURRENT') return;
      clearTimeout(timer);
      timer = setTimeout(() => void options.reloader.reload('index watch'), WATCH_DEBOUNCE_MS);
    });
    watcher.on('error', (error) => options.logger.warn({ err: error.message }, 'index watch stopped'));
    return watcher;
  } catch (error) {
    options.logger.warn({ indexDir: options.indexDir, err: (error as Error).message }, 'cannot watch the index folder; send SIGHUP to reload');
    return undefined;
  }
}
