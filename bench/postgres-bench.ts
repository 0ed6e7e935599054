import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { createEmbedder } from '../src/embeddings/create-embedder.js';
import type { Embedder } from '../src/embeddings/embedder.js';
import { LOCAL_EMBEDDER_DIMENSION, LOCAL_EMBEDDER_ID } from '../src/embeddings/local-use-embeddings.js';
import { buildIndex } from '../src/ingest/build-index.js';
import { loadIndex } from '../src/store/index-files.js';
import { terms } from '../src/text/tokenize.js';
import { measurePostgresStore, startBenchDatabase, type PostgresAtSize } from './postgres-store.js';
import { exactTopK, percentiles, recallAtK, timeStoreSearch, toMatrix } from './retrieval-quality.js';
import { buildVocabulary, generateCorpus, SyntheticEmbeddings, writeCorpus } from './synthetic-corpus.js';

/**
 * `npm run bench:postgres`: the Postgres store (PGlite + pgvector from `npm run db`, in a child process) beside the file
 * store on synthetic corpora, without the HTTP part of `npm run bench` (which measures it too). Sizes from
 * `BENCH_POSTGRES_SIZES` (default 1000,10000,100000): PGlite is single-threaded WebAssembly, and 100k chunks take it
 * a long while to ingest.
 */
const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const SIZES = (process.env.BENCH_POSTGRES_SIZES ?? '1000,10000,100000').split(',').filter(Boolean).map(Number);
const QUERIES = 200;

const log = (message: string) => process.stderr.write(`[bench:postgres ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

async function main(): Promise<void> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'cite-bench-pg-'));
  const config = loadConfig({ PROMPTS_DIR: path.join(REPO_ROOT, 'prompts') }, REPO_ROOT);
  const database = await startBenchDatabase(REPO_ROOT, path.join(workDir, 'pg'));
  const rows: { file: { recallAt10: number; p50Ms: number; p99Ms: number; ingestMs: number }; postgres: PostgresAtSize }[] = [];
  try {
    // Vocabulary and vector bases from the article, as npm run bench does.
    const articleIndexDir = path.join(workDir, 'article-index');
    await buildIndex({
      corpusDir: path.join(REPO_ROOT, 'corpus'),
      indexDir: articleIndexDir,
      embedder: await createEmbedder(config),
      chunking: config.chunking,
      hnsw: config.hnsw,
    });
    const article = await loadIndex(articleIndexDir, await createEmbedder(config));
    const vocabulary = buildVocabulary([...new Set(article.chunks.flatMap((chunk) => chunk.text.toLowerCase().match(/[a-z]{3,}/g) ?? []))], 20_000);
    const bases = Array.from({ length: article.sentenceVectors.length / LOCAL_EMBEDDER_DIMENSION }, (_, i) =>
      article.sentenceVectors.slice(i * LOCAL_EMBEDDER_DIMENSION, (i + 1) * LOCAL_EMBEDDER_DIMENSION),
    );
    const synthetic = new SyntheticEmbeddings(bases);
    const embedder: Embedder = { id: LOCAL_EMBEDDER_ID, dimension: LOCAL_EMBEDDER_DIMENSION, embeddings: synthetic };

    for (const size of SIZES) {
      const label = `${size / 1000}k`;
      log(`${label}: generating`);
      const corpus = generateCorpus({ targetChunks: size, vocabulary, chunking: config.chunking });
      const corpusDir = path.join(workDir, `corpus-${size}`);
      await writeCorpus(corpus, corpusDir);
      log(`${label}: file store ingest`);
      const indexDir = path.join(workDir, `index-${size}`);
      const fileSummary = await buildIndex({ corpusDir, indexDir, embedder, chunking: config.chunking, hnsw: config.hnsw, incremental: false });
      const index = await loadIndex(indexDir, embedder, { efSearch: config.hnsw.efSearch });
      const queryTexts = Array.from({ length: QUERIES }, (_, i) => {
        const words = terms([...corpus.files.values()][i % corpus.files.size]!.slice(200 + i * 7, 320 + i * 7)).slice(0, 6);
        return `what about ${words.join(' ')} ${i}`;
      });
      const queryVectors = await Promise.all(queryTexts.map((text) => synthetic.embedQuery(text)));
      const matrix = toMatrix(
        index.chunks.map((_, label) => index.vectors.vectorAt(label)),
        LOCAL_EMBEDDER_DIMENSION,
      );
      const exact = queryVectors.map((query) => exactTopK(matrix, LOCAL_EMBEDDER_DIMENSION, query, 10));
      const { found: fileFound, times: fileTimes } = await timeStoreSearch(index.vectors, queryVectors);
      const file = { recallAt10: recallAtK(fileFound, exact, 10), ...percentiles(fileTimes), ingestMs: fileSummary.manifest.buildMs };
      log(`${label}: file ${JSON.stringify(file)}`);
      log(`${label}: postgres ingest and queries`);
      const postgres = await measurePostgresStore({ label, url: database.url, corpusDir, embedder, config, queryTexts, queryVectors, exact });
      log(`${label}: postgres ${JSON.stringify(postgres)}`);
      rows.push({ file: { recallAt10: file.recallAt10, p50Ms: file.p50, p99Ms: file.p99, ingestMs: file.ingestMs }, postgres });
    }
  } finally {
    await database.stop();
    await rm(workDir, { recursive: true, force: true });
  }
  const table = [
    `| chunks | file store: ingest s / recall@10 / p50 / p99 ms | Postgres (PGlite): ingest s (write s) / recall@10 (ef_search ${config.hnsw.efSearch}) / dense p50 / p99 ms / BM25 p50 / p99 ms |`,
    '|---:|---|---|',
    ...rows.map(
      ({ file, postgres }) =>
        `| ${postgres.chunks.toLocaleString('en-US')} | ${(file.ingestMs / 1000).toFixed(1)} / ${file.recallAt10.toFixed(3)} / ${file.p50Ms.toFixed(2)} / ${file.p99Ms.toFixed(2)} | ` +
        `${(postgres.ingestMs / 1000).toFixed(1)} (${(postgres.writeMs / 1000).toFixed(1)}) / ${postgres.recallAt10.toFixed(3)} / ${postgres.denseP50Ms.toFixed(1)} / ${postgres.denseP99Ms.toFixed(1)} / ${postgres.lexicalP50Ms.toFixed(1)} / ${postgres.lexicalP99Ms.toFixed(1)} |`,
    ),
  ].join('\n');
  const resultsDir = path.join(REPO_ROOT, 'bench/results');
  await mkdir(resultsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  await writeFile(
    path.join(resultsDir, `postgres-${stamp}.json`),
    `${JSON.stringify({ machine: { cores: os.availableParallelism(), loadAverage: os.loadavg() }, config: config.hnsw, rows }, null, 2)}\n`,
  );
  process.stdout.write(`${table}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
