import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Config } from '../src/config.js';
import type { Embedder } from '../src/embeddings/embedder.js';
import { buildIndex } from '../src/ingest/build-index.js';
import { postgresBuildTarget } from '../src/ingest/postgres-build-target.js';
import { weightedTerms } from '../src/store/bm25.js';
import { createConnectionPool } from '../src/store/postgres/connection-pool.js';
import { PostgresIndexReader } from '../src/store/postgres/postgres-index-reader.js';
import { percentiles, recallAtK } from './retrieval-quality.js';

/** One size of the Postgres store beside the file store: ingest, recall@10 against exact search, query latency. */
export interface PostgresAtSize {
  label: string;
  chunks: number;
  queries: number;
  /** Whole ingest into Postgres (load, chunk, synthetic vectors, lexical index, rows, HNSW graph, switch). */
  ingestMs: number;
  /** Building the lexical index, then writing the rows and the HNSW graph in the database. */
  writeMs: number;
  efSearch: number;
  recallAt10: number;
  denseP50Ms: number;
  denseP99Ms: number;
  lexicalP50Ms: number;
  lexicalP99Ms: number;
}

/**
 * `npm run db` in a child process, as a separate database server is (its CPU is not the bench's), with its data in
 * `dir`; resolves with its URL once it listens.
 */
export async function startBenchDatabase(repoRoot: string, dir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/store/postgres/dev-database-cli.ts'], {
    cwd: repoRoot,
    env: { ...process.env, DB_PORT: '0', DB_DIR: dir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('DATABASE_URL=')) resolve(line.slice('DATABASE_URL='.length));
    });
    child.once('exit', (code) => reject(new Error(`npm run db exited with ${code}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Ingests `corpusDir` into the Postgres store at `url` and measures it with the same queries as the file store. */
export async function measurePostgresStore(options: {
  label: string;
  url: string;
  corpusDir: string;
  embedder: Embedder;
  config: Pick<Config, 'chunking' | 'hnsw'>;
  queryTexts: string[];
  queryVectors: number[][];
  /** Exact top 10 of each query vector, by chunk index (the same chunk order as the file store's). */
  exact: number[][];
}): Promise<PostgresAtSize> {
  const settings = { url: options.url, poolSize: 4, statementTimeoutMs: 0, connectTimeoutMs: 5000, buildGraceSeconds: 0 };
  const target = postgresBuildTarget(settings);
  let summary;
  try {
    summary = await buildIndex({
      corpusDir: options.corpusDir,
      indexDir: '',
      target,
      embedder: options.embedder,
      chunking: options.config.chunking,
      hnsw: options.config.hnsw,
      incremental: false,
    });
  } finally {
    await target.close();
  }
  const pool = createConnectionPool({ ...settings, statementTimeoutMs: 30_000 });
  try {
    const reader = await PostgresIndexReader.open(pool, Number(summary.manifest.buildId), { efSearch: options.config.hnsw.efSearch });
    const found: number[][] = [];
    const denseTimes: number[] = [];
    for (const query of options.queryVectors.slice(0, 10)) await reader.searchDense(query, 10);
    for (let pass = 0; pass < 3; pass += 1) {
      for (const [i, query] of options.queryVectors.entries()) {
        const started = performance.now();
        const hits = await reader.searchDense(query, 10);
        denseTimes.push(performance.now() - started);
        if (pass === 0) found[i] = hits.map((hit) => hit.chunkIndex);
      }
    }
    const lexicalTimes: number[] = [];
    const queryTerms = options.queryTexts.map((text) => weightedTerms([{ text, weight: 1 }], true));
    for (let pass = 0; pass < 3; pass += 1) {
      for (const terms of queryTerms) {
        const started = performance.now();
        await reader.searchLexical(terms, 50);
        lexicalTimes.push(performance.now() - started);
      }
    }
    const dense = percentiles(denseTimes);
    const lexical = percentiles(lexicalTimes);
    return {
      label: options.label,
      chunks: reader.chunkCount,
      queries: options.queryVectors.length,
      ingestMs: summary.manifest.buildMs,
      writeMs: summary.indexMs,
      efSearch: options.config.hnsw.efSearch,
      recallAt10: recallAtK(found, options.exact, 10),
      denseP50Ms: dense.p50,
      denseP99Ms: dense.p99,
      lexicalP50Ms: lexical.p50,
      lexicalP99Ms: lexical.p99,
    };
  } finally {
    await pool.end();
  }
}
