import cluster from 'node:cluster';
import os from 'node:os';
import type { Config } from '../../config.js';
import { createEmbedder } from '../../embeddings/create-embedder.js';
import { ensureIndexBuilt } from '../../ingest/ensure-index.js';
import type { Logger } from '../observability/logger.js';

/** `WORKERS` resolved to a process count: `auto` is one per core. */
export function workerCount(setting: Config['workers'], cores = os.availableParallelism()): number {
  return setting === 'auto' ? Math.max(1, cores) : setting;
}

// A worker that dies this soon after starting is crash-looping (bad index, port in use): stop replacing it.
const CRASH_LOOP_MS = 5_000;

/**
 * Runs the primary of a multi-process server when `WORKERS` asks for more than one process, and returns true; the
 * caller then does nothing else. The primary builds the index first when it is missing or stale (so workers never
 * race to build it), then forks the workers, which load the same read-only index and share the listening port
 * (node:cluster hands connections out round-robin). A worker that exits unexpectedly is replaced; SIGTERM/SIGINT are
 * passed on and the primary exits when every worker has finished its in-flight requests.
 *
 * Returns false in a worker, or when one process is configured: the caller serves as usual.
 */
export async function runClusterPrimary(config: Config, logger: Logger): Promise<boolean> {
  const workers = workerCount(config.workers);
  if (!cluster.isPrimary || workers <= 1) return false;

  if (config.autoIngest) {
    try {
      const embedder = await createEmbedder(config);
      await ensureIndexBuilt(config, embedder, (line) => logger.info({ role: 'primary' }, line));
    } catch (error) {
      // Workers still start and answer 503 with the fix, as a single process would.
      logger.error({ role: 'primary' }, `index build failed: ${(error as Error).message}`);
    }
  }

  let stopping = false;
  const startedAt = new Map<number, number>();
  const fork = () => {
    // Workers only load the index the primary prepared; they must never rebuild it concurrently.
    const worker = cluster.fork({ AUTO_INGEST: 'false' });
    startedAt.set(worker.id, Date.now());
  };
  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    logger.warn({ role: 'primary', pid: worker.process.pid, code, signal, livedMs: lived }, 'worker exited');
    if (lived < CRASH_LOOP_MS) {
      logger.error({ role: 'primary' }, 'worker exited right after starting; not restarting it (see its log above)');
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
      return;
    }
    fork();
  });
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ role: 'primary', signal }, 'shutting down workers');
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    setTimeout(() => process.exit(0), 15_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  logger.info({ role: 'primary', workers }, `starting ${workers} worker processes`);
  for (let i = 0; i < workers; i += 1) fork();
  return true;
}
