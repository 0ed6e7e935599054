import type { FSWatcher } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Answerer } from '../answer/answer-types.js';
import { createCachedAnswerer } from '../answer/cached-answerer.js';
import { createAnswerer } from '../answer/create-answerer.js';
import { llmEnabled, type Config } from '../config.js';
import { createEmbedder } from '../embeddings/create-embedder.js';
import type { FeedbackStore } from '../feedback/feedback-store.js';
import { openSqliteFeedbackStore } from '../feedback/sqlite-feedback-store.js';
import { ensureIndex, ensureIndexBuilt } from '../ingest/ensure-index.js';
import { fileIndexReader } from '../store/file-index-reader.js';
import { loadIndex } from '../store/index-files.js';
import { createApp } from './app.js';
import { createConcurrencyLimiter, limitAnswerer } from './answerer-chain/concurrency-limit.js';
import { instrumentAnswerer } from './answerer-chain/instrument-answerer.js';
import { recordAnswers } from './answerer-chain/record-answers.js';
import type { Logger } from './observability/logger.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { IndexHandle } from './process/index-handle.js';
import { loadOrServeUnavailable } from './process/load-or-serve-unavailable.js';
import { servePostgresIndex } from './process/postgres-index.js';
import { createIndexReloader, watchIndex, type IndexReloader } from './process/index-reload.js';

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

/** Wraps an answerer so every answer is recorded in `feedback` and carries an `answerId`; a failed write is logged, the answer still served. */
export function recordServedAnswers(options: { answerer: Answerer; feedback: FeedbackStore; logger: Logger }): Answerer {
  const { logger } = options;
  return recordAnswers({
    answerer: options.answerer,
    store: options.feedback,
    onRecordError: (error) => logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'answer not recorded for feedback'),
  });
}

export interface AnswererChainOptions {
  /** The answerer chosen by config: extractive, or the language model with its extractive fallback. */
  answerer: Answerer;
  config: Config;
  index: IndexHandle;
  metrics: Metrics;
  feedback: FeedbackStore;
  logger: Logger;
}

/**
 * The answerer as the routes see it, built from the inside out:
 * 1. the cache: repeated questions skip the pipeline (extractive answers only); a new build starts a fresh cache;
 * 2. the concurrency limit, with the language model only: at most `LLM_MAX_CONCURRENCY` answers at once and
 *    `LLM_QUEUE_SIZE` waiting, beyond that `503 overloaded`;
 * 3. instrumentation: abstentions counted by mode;
 * 4. recording: every answer stored for feedback, with the `answerId` a rating refers to.
 */
export function composeAnswerer(options: AnswererChainOptions): Answerer {
  const { config, index, metrics } = options;
  let answerer = createCachedAnswerer({ answerer: options.answerer, buildId: () => index.get().manifest.buildId, size: config.answerCacheSize });
  if (llmEnabled(config)) {
    answerer = limitAnswerer(
      answerer,
      createConcurrencyLimiter({ maxConcurrent: config.hardening.llmMaxConcurrency, maxQueued: config.hardening.llmQueueSize, metrics }),
    );
  }
  answerer = instrumentAnswerer(answerer, metrics);
  return recordServedAnswers({ answerer, feedback: options.feedback, logger: options.logger });
}

/**
 * The composition root: builds every collaborator of the server from config, in one place, and listens. Loads the
 * index (building it first when `autoIngest`), serves `503` with the fix when it cannot (never exits over a missing
 * index), composes the answerer chain, opens the feedback store, prepares the index reloader (`SIGHUP`, and
 * `watchIndex` when `INDEX_WATCH`), and hands all of it to `createApp`, which only mounts routers.
 */
export async function startServer(options: { config: Config; logger: Logger }): Promise<RunningServer> {
  const { config, logger } = options;
  const metrics = createMetrics();
  const embedder = await createEmbedder(config);
  const handle = new IndexHandle();
  const load = async () => fileIndexReader(await loadIndex(config.indexDir, embedder, { efSearch: config.hnsw.efSearch }));
  let postgres: Awaited<ReturnType<typeof servePostgresIndex>> | undefined;
  if (config.indexStore === 'postgres') {
    // The index is the database's current build, shared with every other replica; ingest runs elsewhere (or here,
    // once, when AUTO_INGEST and the corpus is newer than the current build).
    if (config.autoIngest)
      await ensureIndexBuilt(config, embedder, (line) => logger.info({}, line)).catch((error: Error) =>
        logger.error({ err: error.message }, 'ingest into the Postgres store failed'),
      );
    postgres = await servePostgresIndex({ config, embedder, handle, logger });
  } else {
    await loadOrServeUnavailable({
      handle,
      load: async () => (config.autoIngest ? fileIndexReader(await ensureIndex(config, embedder, (line) => logger.info({}, line))) : load()),
      unavailableMessage: (error) => `The index could not be loaded: ${error.message}. Run \`npm run ingest\`.`,
      logger,
      logFields: { indexDir: config.indexDir },
    });
  }
  const onFallback = (reason: string, error?: unknown) => {
    metrics.recordFallback(reason, error);
    // The error's message, never the request: it may carry the model's URL but not the prompt.
    logger.warn({ reason, err: error instanceof Error ? error.message : undefined }, 'llm fallback to extractive');
  };
  const chosen = await createAnswerer(config, () => handle.get(), onFallback);
  const feedback = openSqliteFeedbackStore({ dataDir: config.dataDir });
  const answerer = composeAnswerer({ answerer: chosen, config, index: handle, metrics, feedback, logger });
  const app = createApp({ config, index: handle, answerer, feedback, metrics, logger });
  const reloader = createIndexReloader({ handle, load: postgres ? postgres.currentReader : load, logger, metrics });
  let watcher: FSWatcher | undefined;
  if (postgres) postgres.onBuildChange(() => void reloader.reload('the current build changed'));
  else if (config.hardening.indexWatch) watcher = watchIndex({ indexDir: config.indexDir, reloader, logger });

  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, config.host, (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  // Slow senders (slowloris): headers and body must arrive within the request timeout, like the answer itself.
  server.requestTimeout = config.hardening.requestTimeoutMs;
  server.headersTimeout = Math.min(server.headersTimeout, config.hardening.requestTimeoutMs);
  const port = (server.address() as AddressInfo).port;
  logger.info(
    { port, mode: llmEnabled(config) ? 'llm' : 'extractive', embedder: embedder.id, buildId: handle.ready ? handle.get().manifest.buildId : null },
    `listening on http://localhost:${port}`,
  );
  return {
    app,
    server,
    port,
    handle,
    reloader,
    metrics,
    feedback,
    stopWatching: () => {
      watcher?.close();
      void postgres?.close();
    },
  };
}
