import type { FSWatcher } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Answerer } from '../answer/answer-types.js';
import { createCachedAnswerer } from '../answer/cached-answerer.js';
import { createAnswerer } from '../answer/create-answerer.js';
import { llmEnabled, type Config } from '../config.js';
import { createEmbedder } from '../embeddings/create-embedder.js';
import { AppError, isAppError } from '../errors.js';
import type { FeedbackStore } from '../feedback/feedback-store.js';
import { openSqliteFeedbackStore } from '../feedback/sqlite-feedback-store.js';
import { ensureIndex } from '../ingest/ensure-index.js';
import { loadIndex } from '../store/index-files.js';
import { limitAnswerer, createConcurrencyLimiter } from './concurrency-limit.js';
import { createApp } from './create-app.js';
import { IndexHandle } from './index-handle.js';
import { createIndexReloader, watchIndex, type IndexReloader } from './index-reload.js';
import type { Logger } from './logger.js';
import { createMetrics, instrumentAnswerer, type Metrics } from './metrics.js';

export interface RunningServer {
  app: Express;
  server: Server;
  port: number;
  handle: IndexHandle;
  reloader: IndexReloader;
  metrics: Metrics;
  /** Served answers and their ratings (SQLite under DATA_DIR); the caller closes it after the server. */
  feedback: FeedbackStore;
  /** Stops the index watch; the caller closes `server` (see `shutdownGracefully`). */
  stopWatching(): void;
}

/**
 * Wires the product from config and listens: loads the index (building it first when `autoIngest`), serves `503`
 * with the fix when it cannot (never exits over a missing index), limits concurrent language-model answers,
 * counts metrics, and prepares the index reloader (`SIGHUP`, and `watchIndex` when `INDEX_WATCH`).
 */
export async function startServer(options: { config: Config; logger: Logger }): Promise<RunningServer> {
  const { config, logger } = options;
  const metrics = createMetrics();
  const embedder = await createEmbedder(config);
  const handle = new IndexHandle();
  const load = () => loadIndex(config.indexDir, embedder, { efSearch: config.hnsw.efSearch });
  try {
    handle.set(config.autoIngest ? await ensureIndex(config, embedder, (line) => logger.info({}, line)) : await load());
  } catch (error) {
    // Serve anyway: /healthz and /api/* answer 503 with the fix instead of the process crash-looping.
    const problem = isAppError(error) ? error : new AppError('index_unavailable', `The index could not be loaded: ${(error as Error).message}. Run \`npm run ingest\`.`);
    handle.fail(problem);
    logger.error({ code: problem.code, indexDir: config.indexDir }, problem.message);
  }
  const onFallback = (reason: string, error?: unknown) => {
    metrics.recordFallback(reason, error);
    // The error's message, never the request: it may carry the model's URL but not the prompt.
    logger.warn({ reason, err: error instanceof Error ? error.message : undefined }, 'llm fallback to extractive');
  };
  let answerer: Answerer = await createAnswerer(config, () => handle.get(), onFallback);
  // Repeated questions skip the pipeline (extractive answers only); a reload starts a fresh cache.
  answerer = createCachedAnswerer({ answerer, buildId: () => handle.get().manifest.buildId, size: config.answerCacheSize });
  if (llmEnabled(config)) {
    answerer = limitAnswerer(answerer, createConcurrencyLimiter({ maxConcurrent: config.hardening.llmMaxConcurrency, maxQueued: config.hardening.llmQueueSize, metrics }));
  }
  answerer = instrumentAnswerer(answerer, metrics);
  const feedback = openSqliteFeedbackStore({ dataDir: config.dataDir });
  const app = createApp({ config, index: handle, answerer, logger, metrics, feedback });
  const reloader = createIndexReloader({ handle, load, logger, metrics });
  let watcher: FSWatcher | undefined;
  if (config.hardening.indexWatch) watcher = watchIndex({ indexDir: config.indexDir, reloader, logger });

  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, config.host, (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  // Slow senders (slowloris): headers and body must arrive within the request timeout, like the answer itself.
  server.requestTimeout = config.hardening.requestTimeoutMs;
  server.headersTimeout = Math.min(server.headersTimeout, config.hardening.requestTimeoutMs);
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, mode: llmEnabled(config) ? 'llm' : 'extractive', embedder: embedder.id, buildId: handle.ready ? handle.get().manifest.buildId : null }, `listening on http://localhost:${port}`);
  return { app, server, port, handle, reloader, metrics, feedback, stopWatching: () => watcher?.close() };
}
