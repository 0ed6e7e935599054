import 'dotenv/config';
import { loadConfig } from '../config.js';
import { shutdownGracefully } from './process/graceful-shutdown.js';
import { createPinoLogger } from './observability/pino-logger.js';
import { runClusterPrimary } from './process/cluster.js';
import { startServer } from './compose.js';

/**
 * `npm start`: builds the index when missing or stale (unless AUTO_INGEST=false), then serves.
 * SIGHUP reloads the index (after `npm run ingest`); SIGTERM/SIGINT stop accepting, finish in-flight requests, exit 0.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createPinoLogger({ level: config.hardening.logLevel });
  if (await runClusterPrimary(config, logger)) return; // WORKERS > 1: this process only supervises the workers
  const running = await startServer({ config, logger });
  running.server.on('error', (error) => {
    logger.error({ err: error.message }, 'server error');
    process.exit(1);
  });
  process.on('SIGHUP', () => void running.reloader.reload('SIGHUP'));
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    running.stopWatching();
    const outcome = await shutdownGracefully({ server: running.server, graceMs: config.hardening.shutdownGraceMs, logger });
    running.feedback.close();
    logger.info({ outcome }, 'stopped');
    process.exit(outcome === 'drained' ? 0 : 1);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
