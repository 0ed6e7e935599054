import 'dotenv/config';
import type { Server } from 'node:http';
import { createAnswerer } from '../answer/create-answerer.js';
import { createCachedAnswerer } from '../answer/cached-answerer.js';
import { llmEnabled, loadConfig } from '../config.js';
import { createEmbedder } from '../embeddings/create-embedder.js';
import { AppError, isAppError } from '../errors.js';
import { ensureIndex } from '../ingest/ensure-index.js';
import { loadIndex } from '../store/index-files.js';
import { runClusterPrimary } from './cluster.js';
import { createApp } from './create-app.js';
import { IndexHandle } from './index-handle.js';
import { createJsonLogger } from './logger.js';

/** `npm start`: builds the index when missing or stale (unless AUTO_INGEST=false), then serves. */
async function main(): Promise<void> {
  const logger = createJsonLogger();
  const config = loadConfig();
  if (await runClusterPrimary(config, logger)) return; // WORKERS > 1: this process only supervises the workers
  const embedder = await createEmbedder(config);
  const handle = new IndexHandle();
  try {
    const index = config.autoIngest
      ? await ensureIndex(config, embedder, (line) => logger.info({}, line))
      : await loadIndex(config.indexDir, embedder, { efSearch: config.hnsw.efSearch });
    handle.set(index);
  } catch (error) {
    // Serve anyway: /healthz and /api/* answer 503 with the fix instead of the process crash-looping.
    const problem = isAppError(error) ? error : new AppError('index_unavailable', `The index could not be loaded: ${(error as Error).message}. Run \`npm run ingest\`.`);
    handle.fail(problem);
    logger.error({ code: problem.code }, problem.message);
  }
  const answerer = createCachedAnswerer({
    answerer: await createAnswerer(config, () => handle.get(), (reason) => logger.warn({ reason }, 'llm fallback to extractive')),
    buildId: () => handle.get().manifest.buildId,
    size: config.answerCacheSize,
  });
  const app = createApp({ config, index: handle, answerer, logger });
  const server: Server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ port, mode: llmEnabled(config) ? 'llm' : 'extractive', embedder: embedder.id }, `listening on http://localhost:${port}`);
  });
  server.on('error', (error) => {
    logger.error({ err: error.message }, 'server error');
    process.exit(1);
  });
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
