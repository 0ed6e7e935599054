import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { answerExtractively } from '../src/answer/extractive-answerer.js';
import { loadConfig } from '../src/config.js';
import { createEmbedder } from '../src/embeddings/create-embedder.js';
import type { Embedder } from '../src/embeddings/embedder.js';
import { LOCAL_EMBEDDER_DIMENSION, LOCAL_EMBEDDER_ID, LocalUseEmbeddings } from '../src/embeddings/local-use-embeddings.js';
import { buildIndex } from '../src/ingest/build-index.js';
import { retrieve } from '../src/retrieve/hybrid-retrieve.js';
import { fileIndexReader } from '../src/store/file-index-reader.js';
import { currentBuildDir, loadIndex, type LoadedIndex } from '../src/store/index-files.js';
import { terms } from '../src/text/tokenize.js';
import { BaselineHnswStore } from './langchain-baseline.js';
import { runLoad, startServer, warmUp, type LoadResult } from './http-load.js';
import { buildGraph, exactTopK, median, percentiles, readGraph, recallAtK, sweepEf, timeStoreSearch, toMatrix } from './retrieval-quality.js';
import { buildVocabulary, generateCorpus, SyntheticEmbeddings, writeCorpus } from './synthetic-corpus.js';
import { renderReport, type BenchResults } from './render-report.js';
import { UseWorkerPool } from './use-worker-pool.js';
import { measurePostgresStore, startBenchDatabase, type PostgresAtSize } from './postgres-store.js';

/**
 * `npm run bench`: ingest throughput, retrieval latency and recall against exact search, /api/ask under load next
 * to a fixed-JSON Express endpoint and the LangChain-style baseline, and server memory, at the article and at
 * synthetic corpora of 1k, 10k and 100k chunks. Every figure is a median over repeated runs (the count is
 * recorded). `BENCH_QUICK=1` runs small sizes and short load tests, for checking the harness.
 */
const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const QUICK = process.env.BENCH_QUICK === '1';
const SIZES = QUICK ? [1_000, 10_000] : [1_000, 10_000, 100_000];
const LOAD_SECONDS = QUICK ? 3 : 8;
const CONNECTIONS = 10;
const EF_VALUES = [10, 25, 50, 100, 200, 400];
// The Postgres store beside the file store (PGlite from `npm run db`); `BENCH_POSTGRES_SIZES=` (empty) skips it,
// `BENCH_POSTGRES_SIZES=1000,10000` limits it (PGlite is single-threaded WebAssembly: 100k takes it a long while).
const POSTGRES_SIZES = (process.env.BENCH_POSTGRES_SIZES ?? SIZES.join(',')).split(',').filter(Boolean).map(Number);

const log = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

async function readQuestions(): Promise<{ question: string; answers: string[] }[]> {
  const lines = (await readFile(path.join(REPO_ROOT, 'eval/dev.jsonl'), 'utf8')).trim().split('\n');
  return lines.map((line) => JSON.parse(line) as { question: string; answers: string[] });
}

function containsAnswer(text: string, answers: string[]): boolean {
  const haystack = text.toLowerCase();
  return answers.some((answer) => haystack.includes(answer.toLowerCase()));
}

function chunkMatrix(index: LoadedIndex): Float32Array {
  const vectors = index.chunks.map((_, label) => index.vectors.vectorAt(label));
  return toMatrix(vectors, index.manifest.embedder.dimension);
}

async function timeRetrieval(index: LoadedIndex, questions: string[]): Promise<{ p50Ms: number; p99Ms: number }> {
  const reader = fileIndexReader(index);
  for (const question of questions) await retrieve({ index: reader, question, topK: 5 });
  const times: number[] = [];
  for (let pass = 0; pass < 3; pass += 1) {
    for (const question of questions) {
      const started = performance.now();
      await retrieve({ index: reader, question, topK: 5 });
      times.push(performance.now() - started);
    }
  }
  const { p50, p99 } = percentiles(times);
  return { p50Ms: p50, p99Ms: p99 };
}

type RetrievalAtSize = BenchResults['retrieval'][number];

/** Recall@10 of our store (as loaded, ef = HNSW_EF_SEARCH) and of the baseline (ef = 10 after load) against exact search. */
async function measureRetrieval(label: string, index: LoadedIndex, queryTexts: string[], queryVectors: number[][]): Promise<RetrievalAtSize> {
  const dimension = index.manifest.embedder.dimension;
  const matrix = chunkMatrix(index);
  const exactTimes: number[] = [];
  const exact = queryVectors.map((query) => {
    const started = performance.now();
    const ids = exactTopK(matrix, dimension, query, 10);
    exactTimes.push(performance.now() - started);
    return ids;
  });
  const buildDir = index.directory;
  const graph = await readGraph(path.join(buildDir, 'vectors.hnsw'), dimension);
  const baselineEf = graph.getEf();
  const [baselinePoint] = sweepEf(graph, queryVectors, exact, [baselineEf]);
  const efCurve = sweepEf(graph, queryVectors, exact, EF_VALUES);

  // Our store exactly as the server uses it: loaded by loadIndex, ef raised to the configured efSearch.
  const { found: ourResults, times: ourTimes } = await timeStoreSearch(index.vectors, queryVectors);
  const ourSearch = percentiles(ourTimes);
  const hybrid = await timeRetrieval(index, queryTexts);
  return {
    label,
    chunks: index.chunks.length,
    queries: queryVectors.length,
    exactP50Ms: median(exactTimes),
    ours: {
      efSearch: index.vectors.settings.efSearch,
      recallAt10: recallAtK(ourResults, exact, 10),
      searchP50Ms: ourSearch.p50,
      searchP99Ms: ourSearch.p99,
      hybridP50Ms: hybrid.p50Ms,
      hybridP99Ms: hybrid.p99Ms,
    },
    baseline: { ef: baselineEf, recallAt10: baselinePoint!.recallAt10, searchP50Ms: baselinePoint!.p50Ms, searchP99Ms: baselinePoint!.p99Ms },
    efCurve,
  };
}

type HttpAtSize = BenchResults['http'][number];

function medianResult(results: LoadResult[]): LoadResult {
  const pick = (key: keyof LoadResult) => median(results.map((result) => result[key]));
  return {
    p50Ms: pick('p50Ms'),
    p99Ms: pick('p99Ms'),
    requestsPerSecond: pick('requestsPerSecond'),
    requests: pick('requests'),
    non2xx: Math.max(...results.map((r) => r.non2xx)),
    errors: Math.max(...results.map((r) => r.errors)),
  };
}

async function measureHttp(options: {
  label: string;
  chunks: number;
  indexDir: string;
  corpusDir: string;
  questions: string[];
  rounds: number;
  fixed: boolean;
  baseline: boolean;
  singleUser: boolean;
  cluster?: boolean;
}): Promise<HttpAtSize> {
  const env = {
    INDEX_DIR: options.indexDir,
    CORPUS_DIR: options.corpusDir,
    AUTO_INGEST: 'false',
    PORT: '0',
    HOST: '127.0.0.1',
    ANSWER_MODE: 'extractive',
    OPENAI_API_KEY: '',
    OPENAI_BASE_URL: '',
    WORKERS: '1',
    RATE_LIMIT_PER_MINUTE: '0',
    API_KEYS: '',
  };
  const ours = await startServer({ script: 'src/http/main.ts', env, cwd: REPO_ROOT });
  const fixed = options.fixed ? await startServer({ script: 'bench/bench-server.ts', args: ['fixed'], cwd: REPO_ROOT }) : undefined;
  const baseline = options.baseline ? await startServer({ script: 'bench/bench-server.ts', args: ['baseline', options.indexDir], cwd: REPO_ROOT }) : undefined;
  const workers = os.availableParallelism();
  const clustered = options.cluster ? await startServer({ script: 'src/http/main.ts', env: { ...env, WORKERS: 'auto' }, cwd: REPO_ROOT }) : undefined;
  try {
    // Each worker has its own encoder and caches, and connections are spread over workers: warm them all up.
    if (clustered) await runLoad({ url: clustered.url, questions: options.questions, connections: CONNECTIONS, durationSeconds: 3 });
    await warmUp(ours.url, options.questions);
    if (fixed) await warmUp(fixed.url, options.questions.slice(0, 3));
    if (baseline) await warmUp(baseline.url, options.questions.slice(0, 3));
    const runs: Record<string, LoadResult[]> = {
      fixed: [],
      oursWarm: [],
      oursCold: [],
      oursSingleUserCold: [],
      baseline: [],
      clusterWarm: [],
      clusterCold: [],
    };
    const load = (url: string, extra: { unique?: boolean; connections?: number } = {}) =>
      runLoad({
        url,
        questions: options.questions,
        connections: extra.connections ?? CONNECTIONS,
        durationSeconds: LOAD_SECONDS,
        ...(extra.unique ? { unique: true } : {}),
      });
    for (let round = 0; round < options.rounds; round += 1) {
      log(`http ${options.label}: round ${round + 1}/${options.rounds}`);
      if (fixed) runs.fixed!.push(await load(fixed.url));
      runs.oursWarm!.push(await load(ours.url));
      runs.oursCold!.push(await load(ours.url, { unique: true }));
      if (options.singleUser) runs.oursSingleUserCold!.push(await load(ours.url, { unique: true, connections: 1 }));
      if (baseline) runs.baseline!.push(await load(baseline.url));
      if (clustered) {
        runs.clusterWarm!.push(await load(clustered.url));
        runs.clusterCold!.push(await load(clustered.url, { unique: true }));
      }
    }
    return {
      label: options.label,
      chunks: options.chunks,
      rounds: options.rounds,
      ...(fixed ? { fixed: medianResult(runs.fixed!) } : {}),
      oursWarm: medianResult(runs.oursWarm!),
      oursCold: medianResult(runs.oursCold!),
      ...(options.singleUser ? { oursSingleUserCold: medianResult(runs.oursSingleUserCold!) } : {}),
      ...(baseline ? { baseline: medianResult(runs.baseline!) } : {}),
      ...(clustered ? { cluster: { workers, warm: medianResult(runs.clusterWarm!), cold: medianResult(runs.clusterCold!) } } : {}),
      oursPeakRssMb: (await ours.memory()).peakRssMb,
      ...(baseline ? { baselinePeakRssMb: (await baseline.memory()).peakRssMb } : {}),
    };
  } finally {
    await Promise.all([ours.stop(), fixed?.stop(), baseline?.stop(), clustered?.stop()]);
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'cite-bench-'));
  const machine = {
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverageAtStart: os.loadavg().map((value) => Number(value.toFixed(2))),
  };
  log(`machine: ${JSON.stringify(machine)} quick=${QUICK}`);
  const config = loadConfig({ PROMPTS_DIR: path.join(REPO_ROOT, 'prompts') }, REPO_ROOT);
  const realEmbedder = await createEmbedder(config);
  const evalSet = await readQuestions();
  const questions = evalSet.map((item) => item.question);

  let postgresDatabase: Awaited<ReturnType<typeof startBenchDatabase>> | undefined;
  try {
    // 1. The article, with the real encoder: full ingest, three times.
    const articleCorpus = path.join(REPO_ROOT, 'corpus');
    const articleIndexDir = path.join(workDir, 'article-index');
    const articleRuns = [];
    for (let run = 0; run < (QUICK ? 1 : 3); run += 1) {
      log(`ingest article: run ${run + 1}`);
      const summary = await buildIndex({
        corpusDir: articleCorpus,
        indexDir: articleIndexDir,
        embedder: realEmbedder,
        chunking: config.chunking,
        hnsw: config.hnsw,
        incremental: false,
      });
      articleRuns.push({
        buildMs: summary.manifest.buildMs,
        embedMs: summary.embedMs,
        indexMs: summary.indexMs,
        chunks: summary.manifest.counts.chunks,
        sentences: summary.manifest.counts.sentences,
      });
    }
    const articleIndex = await loadIndex(articleIndexDir, realEmbedder, { efSearch: config.hnsw.efSearch });
    const { chunks: articleChunks, sentences: articleSentences } = articleRuns[0]!;
    const articleEmbedMs = median(articleRuns.map((run) => run.embedMs));
    const ingestArticle = {
      label: 'article',
      chunks: articleChunks,
      sentences: articleSentences,
      runs: articleRuns.length,
      embedder: 'local USE (real)',
      embedMs: articleEmbedMs,
      indexMs: median(articleRuns.map((run) => run.indexMs)),
      totalMs: median(articleRuns.map((run) => run.buildMs)),
      chunksPerSecond: articleChunks / (median(articleRuns.map((run) => run.buildMs)) / 1000),
      encoderTextsPerSecond: (articleChunks + articleSentences) / (articleEmbedMs / 1000),
    };
    log(`article: ${JSON.stringify(ingestArticle)}`);

    // 2. Encoder throughput on synthetic chunk texts (single process; batch sizes compared).
    const vocabulary = buildVocabulary([...new Set(articleIndex.chunks.flatMap((chunk) => chunk.text.toLowerCase().match(/[a-z]{3,}/g) ?? []))], 20_000);
    const sample = generateCorpus({ targetChunks: 64, vocabulary, chunking: config.chunking, seed: 99 });
    const sampleTexts = [...sample.files.values()].flatMap((text) => text.split('\n\n').filter((paragraph) => !paragraph.startsWith('#'))).slice(0, 64);
    // In-process at two batch sizes, and a pool of one worker thread per core, interleaved so load changes hit all three.
    const variants: { name: string; embed: (texts: string[]) => Promise<number[][]>; rates: number[] }[] = [
      { name: 'in-process, batch 16', embed: (texts) => new LocalUseEmbeddings({ batchSize: 16 }).embedDocuments(texts), rates: [] },
      { name: 'in-process, batch 64', embed: (texts) => new LocalUseEmbeddings({ batchSize: 64 }).embedDocuments(texts), rates: [] },
    ];
    const pool = new UseWorkerPool(os.availableParallelism());
    variants.push({ name: `worker pool, ${pool.size} threads`, embed: (texts) => pool.embedDocuments(texts), rates: [] });
    try {
      for (const variant of variants) await variant.embed(sampleTexts.slice(0, 4));
      for (let run = 0; run < (QUICK ? 1 : 3); run += 1) {
        for (const variant of variants) {
          const begin = performance.now();
          await variant.embed(sampleTexts);
          variant.rates.push(sampleTexts.length / ((performance.now() - begin) / 1000));
        }
      }
    } finally {
      await pool.close();
    }
    const encoder = variants.map((variant) => ({
      name: variant.name,
      texts: sampleTexts.length,
      textsPerSecond: median(variant.rates),
      runs: variant.rates.length,
    }));
    log(`encoder: ${JSON.stringify(encoder)}`);
    const useQueryTimes: number[] = [];
    const uncached = new LocalUseEmbeddings({ queryCacheSize: 0 });
    for (const question of questions) {
      const begin = performance.now();
      await uncached.embedQuery(question);
      useQueryTimes.push(performance.now() - begin);
    }
    const queryEncoder = percentiles(useQueryTimes);

    // 3. Retrieval on the article: real questions, real vectors.
    log('retrieval: article');
    const articleQueryVectors = await Promise.all(questions.map((question) => realEmbedder.embeddings.embedQuery(question)));
    const retrieval: RetrievalAtSize[] = [await measureRetrieval('article', articleIndex, questions, articleQueryVectors)];

    // Answer hit rate on the eval set: our extractive answer vs the baseline's top chunk.
    const baselineStore = await BaselineHnswStore.load(
      (await currentBuildDir(articleIndexDir))!,
      new LocalUseEmbeddings({ queryCacheSize: 0 }),
      LOCAL_EMBEDDER_DIMENSION,
    );
    let oursHits = 0;
    let baselineHits = 0;
    for (const item of evalSet) {
      if (item.answers.length === 0) continue;
      const answer = await answerExtractively(fileIndexReader(articleIndex), { question: item.question, history: [], topK: config.retrieval.topK });
      if (containsAnswer(answer.answer, item.answers)) oursHits += 1;
      const [top] = await baselineStore.similaritySearch(item.question, 4);
      if (top && containsAnswer(top.text, item.answers)) baselineHits += 1;
    }
    const answerable = evalSet.filter((item) => item.answers.length > 0).length;
    const answerHitRate = { questions: answerable, ours: oursHits / answerable, baseline: baselineHits / answerable };
    log(`answer hit rate: ${JSON.stringify(answerHitRate)}`);

    // 4. Synthetic corpora: real pipeline (load, chunk, BM25, HNSW, save) with deterministic precomputed vectors.
    const bases = [];
    for (let i = 0; i < articleIndex.sentenceVectors.length / LOCAL_EMBEDDER_DIMENSION; i += 1) {
      bases.push(articleIndex.sentenceVectors.slice(i * LOCAL_EMBEDDER_DIMENSION, (i + 1) * LOCAL_EMBEDDER_DIMENSION));
    }
    const synthetic = new SyntheticEmbeddings(bases);
    // The synthetic index claims the local encoder's id so the real server (and its real query encoder) loads it.
    const syntheticEmbedder: Embedder = { id: LOCAL_EMBEDDER_ID, dimension: LOCAL_EMBEDDER_DIMENSION, embeddings: synthetic };
    // Projections use the article's measured rate: real chunk and sentence texts, as ingest embeds them.
    const encoderRate = ingestArticle.encoderTextsPerSecond;
    const ingest: Record<string, string | number>[] = [ingestArticle];
    const http: HttpAtSize[] = [];
    const postgres: PostgresAtSize[] = [];
    postgresDatabase = POSTGRES_SIZES.length > 0 ? await startBenchDatabase(REPO_ROOT, path.join(workDir, 'pg')) : undefined;
    const syntheticIndexDirs = new Map<number, { indexDir: string; corpusDir: string; chunks: number }>();
    for (const size of SIZES) {
      log(`synthetic ${size}: generating`);
      const genStarted = performance.now();
      const corpus = generateCorpus({ targetChunks: size, vocabulary, chunking: config.chunking });
      const corpusDir = path.join(workDir, `corpus-${size}`);
      await writeCorpus(corpus, corpusDir);
      const generateMs = performance.now() - genStarted;
      const indexDir = path.join(workDir, `index-${size}`);
      const runs = [];
      const repeats = QUICK || size >= 100_000 ? 1 : 3;
      for (let run = 0; run < repeats; run += 1) {
        log(`synthetic ${size}: ingest run ${run + 1}/${repeats}`);
        const summary = await buildIndex({
          corpusDir,
          indexDir,
          embedder: syntheticEmbedder,
          chunking: config.chunking,
          hnsw: config.hnsw,
          incremental: false,
        });
        runs.push({
          buildMs: summary.manifest.buildMs,
          embedMs: summary.embedMs,
          indexMs: summary.indexMs,
          chunks: summary.manifest.counts.chunks,
          sentences: summary.manifest.counts.sentences,
          documents: summary.manifest.counts.documents,
        });
      }
      const { chunks, sentences, documents } = runs[0]!;
      const withoutEmbedMs = median(runs.map((run) => run.buildMs - run.embedMs));
      ingest.push({
        label: `${size / 1000}k synthetic`,
        chunks,
        sentences,
        documents,
        runs: runs.length,
        embedder: 'deterministic precomputed vectors',
        generateMs,
        syntheticVectorMs: median(runs.map((run) => run.embedMs)),
        indexMs: median(runs.map((run) => run.indexMs)),
        totalWithoutEmbeddingMs: withoutEmbedMs,
        chunksPerSecondWithoutEmbedding: chunks / (withoutEmbedMs / 1000),
        projectedLocalEncoderSeconds: (chunks + sentences) / encoderRate,
      });
      syntheticIndexDirs.set(size, { indexDir, corpusDir, chunks });

      log(`synthetic ${size}: retrieval`);
      const index = await loadIndex(indexDir, syntheticEmbedder, { efSearch: config.hnsw.efSearch });
      const queryTexts = Array.from({ length: QUICK ? 50 : 200 }, (_, i) => {
        const words = terms([...corpus.files.values()][i % corpus.files.size]!.slice(200 + i * 7, 320 + i * 7)).slice(0, 6);
        return `what about ${words.join(' ')} ${i}`;
      });
      const queryVectors = await Promise.all(queryTexts.map((text) => synthetic.embedQuery(text)));
      retrieval.push(await measureRetrieval(`${size / 1000}k`, index, queryTexts, queryVectors));
      log(`synthetic ${size}: ${JSON.stringify(retrieval[retrieval.length - 1]!.ours)} baseline ${JSON.stringify(retrieval[retrieval.length - 1]!.baseline)}`);
      if (postgresDatabase && POSTGRES_SIZES.includes(size)) {
        log(`synthetic ${size}: postgres store`);
        const matrix = chunkMatrix(index);
        const exact = queryVectors.map((query) => exactTopK(matrix, LOCAL_EMBEDDER_DIMENSION, query, 10));
        const label = `${size / 1000}k`;
        postgres.push(
          await measurePostgresStore({ label, url: postgresDatabase.url, corpusDir, embedder: syntheticEmbedder, config, queryTexts, queryVectors, exact }),
        );
        log(`synthetic ${size}: postgres ${JSON.stringify(postgres[postgres.length - 1])}`);
      }
    }
    await postgresDatabase?.stop();
    postgresDatabase = undefined;

    // 5. HNSW build parameters at 10k: M and efConstruction against build time and recall.
    const curveSize = 10_000;
    const curveIndexDir = syntheticIndexDirs.get(curveSize)!.indexDir;
    const curveIndex = await loadIndex(curveIndexDir, syntheticEmbedder);
    const curveVectors = curveIndex.chunks.map((_, label) => curveIndex.vectors.vectorAt(label));
    const curveQueries = await Promise.all(Array.from({ length: QUICK ? 50 : 200 }, (_, i) => synthetic.embedQuery(`curve query ${i}`)));
    const curveMatrix = toMatrix(curveVectors, LOCAL_EMBEDDER_DIMENSION);
    const curveExact = curveQueries.map((query) => exactTopK(curveMatrix, LOCAL_EMBEDDER_DIMENSION, query, 10));
    const buildCurve = [];
    const settings = QUICK
      ? [[16, 200]]
      : [
          [8, 200],
          [16, 100],
          [16, 200],
          [16, 400],
          [32, 200],
        ];
    for (const [m, efConstruction] of settings) {
      log(`hnsw curve: M=${m} efConstruction=${efConstruction}`);
      const { graph, buildMs } = buildGraph(curveVectors, LOCAL_EMBEDDER_DIMENSION, m!, efConstruction!);
      buildCurve.push({ m, efConstruction, buildMs, points: sweepEf(graph, curveQueries, curveExact, [10, 50, 100, 200]) });
    }

    // 6. HTTP: /api/ask under load, next to the fixed-JSON ceiling and the baseline, and server memory.
    log('http: article');
    http.push(
      await measureHttp({
        label: 'article',
        chunks: articleChunks,
        indexDir: articleIndexDir,
        corpusDir: articleCorpus,
        questions,
        rounds: QUICK ? 1 : 3,
        fixed: true,
        baseline: true,
        singleUser: true,
        cluster: true,
      }),
    );
    for (const size of SIZES) {
      const { indexDir, corpusDir, chunks } = syntheticIndexDirs.get(size)!;
      log(`http: ${size}`);
      http.push(
        await measureHttp({
          label: `${size / 1000}k`,
          chunks,
          indexDir,
          corpusDir,
          questions,
          rounds: size === 10_000 && !QUICK ? 2 : 1,
          fixed: false,
          baseline: size === 10_000,
          singleUser: size >= 100_000,
        }),
      );
    }

    const results: BenchResults & Record<string, unknown> = {
      date: new Date().toISOString(),
      quick: QUICK,
      machine,
      loadAverageAtEnd: os.loadavg().map((value) => Number(value.toFixed(2))),
      config: { hnsw: config.hnsw, chunking: config.chunking, topK: config.retrieval.topK, connections: CONNECTIONS, loadSeconds: LOAD_SECONDS },
      encoder,
      queryEncoder: { p50Ms: queryEncoder.p50, p99Ms: queryEncoder.p99, queries: questions.length },
      ingest,
      retrieval,
      postgres,
      buildCurve,
      answerHitRate,
      http,
      elapsedSeconds: Math.round((Date.now() - started) / 1000),
    };
    const resultsDir = path.join(REPO_ROOT, 'bench/results');
    await mkdir(resultsDir, { recursive: true });
    const stamp = results.date.replace(/[:.]/g, '-');
    await writeFile(path.join(resultsDir, `${QUICK ? 'quick-' : ''}${stamp}.json`), `${JSON.stringify(results, null, 2)}\n`);
    if (!QUICK) await writeFile(path.join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
    const readmePath = path.join(REPO_ROOT, 'bench/README.md');
    const readme = await readFile(readmePath, 'utf8').catch(() => '<!-- results:start -->\n<!-- results:end -->\n');
    const table = renderReport(results);
    if (!QUICK)
      await writeFile(
        readmePath,
        readme.replace(/<!-- results:start -->[\s\S]*<!-- results:end -->/, `<!-- results:start -->\n${table}\n<!-- results:end -->`),
      );
    process.stdout.write(`${table}\n`);
    log(`done in ${results.elapsedSeconds} s`);
  } finally {
    await postgresDatabase?.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
