import type { LoadResult } from './http-load.js';
import type { PostgresAtSize } from './postgres-store.js';
import type { GraphPoint } from './retrieval-quality.js';

/** The shape of `bench/results/*.json`, as far as the report reads it. */
export interface BenchResults {
  date: string;
  machine: { cores: number; cpu: string; memoryGb: number; node: string; loadAverageAtStart: number[] };
  loadAverageAtEnd: number[];
  config: {
    hnsw: { m: number; efConstruction: number; efSearch: number };
    chunking: { chunkSize: number; overlapSentences: number };
    topK: number;
    connections: number;
    loadSeconds: number;
  };
  encoder: { name: string; texts: number; textsPerSecond: number; runs: number }[];
  queryEncoder: { p50Ms: number; p99Ms: number; queries: number };
  ingest: Record<string, string | number>[];
  retrieval: {
    label: string;
    chunks: number;
    queries: number;
    exactP50Ms: number;
    ours: { efSearch: number; recallAt10: number; searchP50Ms: number; searchP99Ms: number; hybridP50Ms: number; hybridP99Ms: number };
    baseline: { ef: number; recallAt10: number; searchP50Ms: number; searchP99Ms: number };
    efCurve: GraphPoint[];
  }[];
  /** The Postgres store (PGlite) beside the file store, when the run measured it. */
  postgres?: PostgresAtSize[];
  buildCurve: { m: number | undefined; efConstruction: number | undefined; buildMs: number; points: GraphPoint[] }[];
  answerHitRate: { questions: number; ours: number; baseline: number };
  http: {
    label: string;
    chunks: number;
    rounds: number;
    fixed?: LoadResult;
    oursWarm: LoadResult;
    oursCold: LoadResult;
    oursSingleUserCold?: LoadResult;
    baseline?: LoadResult;
    /** The same server with WORKERS=auto (one process per core). */
    cluster?: { workers: number; warm: LoadResult; cold: LoadResult };
    oursPeakRssMb: number;
    baselinePeakRssMb?: number;
  }[];
  elapsedSeconds: number;
}

const ms = (value: number | undefined) =>
  value === undefined || Number.isNaN(value) ? '–' : value < 1 ? value.toFixed(2) : value < 10 ? value.toFixed(1) : Math.round(value).toString();
const rate = (value: number | undefined) => (value === undefined ? '–' : Math.round(value).toLocaleString('en-US'));
const ratio = (value: number) => `${value.toFixed(2)}×`;
const share = (value: number) => value.toFixed(3);

/** Markdown tables of one bench run, for bench/README.md. */
export function renderReport(results: BenchResults): string {
  const lines: string[] = [];
  const { machine } = results;
  lines.push(
    `Run ${results.date.slice(0, 16).replace('T', ' ')} UTC · **${machine.cores} cores** (${machine.cpu}), ${machine.memoryGb} GB, Node ${machine.node} · ` +
      `load average ${machine.loadAverageAtStart[0]} at start, ${results.loadAverageAtEnd[0]} at end (the machine is shared) · ` +
      `HNSW M=${results.config.hnsw.m}, efConstruction=${results.config.hnsw.efConstruction}, efSearch=${results.config.hnsw.efSearch} · ` +
      `load tests: autocannon, ${results.config.connections} connections, ${results.config.loadSeconds} s each · whole run ${Math.round(results.elapsedSeconds / 60)} min.`,
    '',
  );

  lines.push('### /api/ask (offline, extractive) against the fixed-JSON ceiling and the LangChain-style baseline', '');
  lines.push('| corpus | endpoint | p50 ms | p99 ms | req/s | vs fixed JSON req/s | server peak RSS MB | runs (median) |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const entry of results.http) {
    const fixedRate = entry.fixed?.requestsPerSecond;
    const row = (name: string, result: LoadResult | undefined, rss?: number) => {
      if (!result) return;
      const versus = fixedRate ? `${Math.round((100 * result.requestsPerSecond) / fixedRate)} %` : '–';
      lines.push(
        `| ${entry.label} (${entry.chunks.toLocaleString('en-US')} chunks) | ${name} | ${ms(result.p50Ms)} | ${ms(result.p99Ms)} | ${rate(result.requestsPerSecond)} | ${versus} | ${rss ?? '–'} | ${entry.rounds} |`,
      );
    };
    row('fixed JSON (ceiling)', entry.fixed);
    row('ours, repeated questions (answer cache warm)', entry.oursWarm, entry.oursPeakRssMb);
    row('ours, every question new (no cache hit)', entry.oursCold);
    row('ours, every question new, 1 connection', entry.oursSingleUserCold);
    row('LangChain-style baseline (no cache)', entry.baseline, entry.baselinePeakRssMb);
    if (entry.cluster) {
      row(`ours, WORKERS=auto (${entry.cluster.workers} processes), repeated questions`, entry.cluster.warm);
      row(`ours, WORKERS=auto (${entry.cluster.workers} processes), every question new`, entry.cluster.cold);
    }
  }
  lines.push('');

  lines.push('### Ratios to the LangChain-style baseline (same chunks, same encoder, same run)', '');
  lines.push(
    '| corpus | recall@10 ours / baseline | latency p50 ours (new questions) / baseline | latency p50 ours (repeated) / baseline | req/s ours (new) / baseline |',
  );
  lines.push('|---|---:|---:|---:|---:|');
  for (const entry of results.http) {
    if (!entry.baseline) continue;
    const retrievalEntry = results.retrieval.find((candidate) => candidate.label === entry.label);
    const recall = retrievalEntry
      ? `${share(retrievalEntry.ours.recallAt10)} / ${share(retrievalEntry.baseline.recallAt10)} = ${ratio(retrievalEntry.ours.recallAt10 / retrievalEntry.baseline.recallAt10)}`
      : '–';
    lines.push(
      `| ${entry.label} | ${recall} | ${ratio(entry.oursCold.p50Ms / entry.baseline.p50Ms)} | ${ratio(entry.oursWarm.p50Ms / entry.baseline.p50Ms)} | ${ratio(entry.oursCold.requestsPerSecond / entry.baseline.requestsPerSecond)} |`,
    );
  }
  const hits = results.answerHitRate;
  lines.push(
    '',
    `Answer hit rate on the article's ${hits.questions} answerable eval questions (expected answer string in the reply): ours ${share(hits.ours)}, baseline (top chunk) ${share(hits.baseline)}.`,
    '',
  );

  lines.push('### Retrieval: HNSW against exact search', '');
  lines.push(
    '| corpus | chunks | queries | recall@10 ours (ef=' +
      results.config.hnsw.efSearch +
      ') | recall@10 baseline (ef=10 after load) | vector search p50 / p99 ms ours | baseline p50 / p99 ms | hybrid retrieve p50 / p99 ms (BM25 + HNSW + fusion, query vector cached) | exact search p50 ms |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const entry of results.retrieval) {
    lines.push(
      `| ${entry.label} | ${entry.chunks.toLocaleString('en-US')} | ${entry.queries} | ${share(entry.ours.recallAt10)} | ${share(entry.baseline.recallAt10)} | ${ms(entry.ours.searchP50Ms)} / ${ms(entry.ours.searchP99Ms)} | ${ms(entry.baseline.searchP50Ms)} / ${ms(entry.baseline.searchP99Ms)} | ${ms(entry.ours.hybridP50Ms)} / ${ms(entry.ours.hybridP99Ms)} | ${ms(entry.exactP50Ms)} |`,
    );
  }
  lines.push(
    '',
    `Query encoding with the local encoder, uncached: p50 ${ms(results.queryEncoder.p50Ms)} ms, p99 ${ms(results.queryEncoder.p99Ms)} ms over ${results.queryEncoder.queries} questions.`,
    '',
  );

  if (results.postgres?.length) {
    lines.push('### The Postgres store (PGlite + pgvector from `npm run db`, one process) beside the file store', '');
    lines.push('| corpus | chunks | ingest s (index + write s) | recall@10 (ef_search) | dense p50 / p99 ms | BM25 top 50 p50 / p99 ms |');
    lines.push('|---|---:|---:|---:|---:|---:|');
    for (const entry of results.postgres) {
      lines.push(
        `| ${entry.label} | ${entry.chunks.toLocaleString('en-US')} | ${(entry.ingestMs / 1000).toFixed(1)} (${(entry.writeMs / 1000).toFixed(1)}) | ${share(entry.recallAt10)} (${entry.efSearch}) | ${ms(entry.denseP50Ms)} / ${ms(entry.denseP99Ms)} | ${ms(entry.lexicalP50Ms)} / ${ms(entry.lexicalP99Ms)} |`,
      );
    }
    lines.push('');
  }

  lines.push('#### efSearch curve (M=' + results.config.hnsw.m + ', efConstruction=' + results.config.hnsw.efConstruction + '): recall@10 / p50 ms', '');
  const efValues = results.retrieval[0]?.efCurve.map((point) => point.efSearch) ?? [];
  lines.push(`| corpus | ${efValues.map((ef) => `ef=${ef}`).join(' | ')} |`);
  lines.push(`|---|${efValues.map(() => '---:').join('|')}|`);
  for (const entry of results.retrieval)
    lines.push(`| ${entry.label} | ${entry.efCurve.map((point) => `${share(point.recallAt10)} / ${ms(point.p50Ms)}`).join(' | ')} |`);
  lines.push('');

  lines.push('#### Build parameters at 10k chunks: recall@10 / p50 ms at each efSearch', '');
  const curveEf = results.buildCurve[0]?.points.map((point) => point.efSearch) ?? [];
  lines.push(`| M | efConstruction | build s | ${curveEf.map((ef) => `ef=${ef}`).join(' | ')} |`);
  lines.push(`|---:|---:|---:|${curveEf.map(() => '---:').join('|')}|`);
  for (const entry of results.buildCurve) {
    lines.push(
      `| ${entry.m} | ${entry.efConstruction} | ${(entry.buildMs / 1000).toFixed(1)} | ${entry.points.map((point) => `${share(point.recallAt10)} / ${ms(point.p50Ms)}`).join(' | ')} |`,
    );
  }
  lines.push('');

  lines.push('### Ingest', '');
  lines.push('| corpus | documents | chunks | sentences | vectors | embedding s | indexing s (HNSW + BM25) | total s | chunks/s | runs |');
  lines.push('|---|---:|---:|---:|---|---:|---:|---:|---:|---:|');
  for (const entry of results.ingest) {
    const real = entry.embedder === 'local USE (real)';
    const embedding = real
      ? (Number(entry.embedMs) / 1000).toFixed(1)
      : `(${Math.round(Number(entry.projectedLocalEncoderSeconds)).toLocaleString('en-US')} projected)`;
    const total = real ? Number(entry.totalMs) : Number(entry.totalWithoutEmbeddingMs);
    const perSecond = real ? Number(entry.chunksPerSecond) : Number(entry.chunksPerSecondWithoutEmbedding);
    lines.push(
      `| ${entry.label} | ${entry.documents ?? 1} | ${Number(entry.chunks).toLocaleString('en-US')} | ${Number(entry.sentences).toLocaleString('en-US')} | ${real ? 'local encoder' : 'precomputed'} | ${embedding} | ${(Number(entry.indexMs) / 1000).toFixed(1)} | ${(total / 1000).toFixed(1)}${real ? '' : ' (without embedding)'} | ${Math.round(perSecond).toLocaleString('en-US')} | ${entry.runs} |`,
    );
  }
  lines.push('');
  const sample = results.encoder[0];
  lines.push(
    `Local encoder on ${sample?.texts ?? 0} synthetic paragraphs (median of ${sample?.runs ?? 0}): ` +
      results.encoder.map((entry) => `${entry.name} ${entry.textsPerSecond.toFixed(1)} texts/s`).join(', ') +
      ". Projected embedding time for the synthetic corpora = (chunks + sentences) / the article ingest's measured texts/s.",
  );
  return lines.join('\n');
}
