import hnsw from 'hnswlib-node';

const { HierarchicalNSW } = hnsw;

/** Median and 99th percentile of a sample (nearest-rank). */
export function percentiles(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
  return { p50: at(0.5), p99: at(0.99) };
}

export function median(values: number[]): number {
  return percentiles(values).p50;
}

/**
 * The file store's dense search as the server runs it, timed: three passes over `queries` (the first warms the
 * caches), with the chunks each query found on the first pass and every search's time in milliseconds.
 */
export async function timeStoreSearch(
  vectors: { similaritySearchVectorWithScore(query: number[], k: number): Promise<[{ metadata: Record<string, unknown> }, number][]> },
  queries: number[][],
): Promise<{ found: number[][]; times: number[] }> {
  const found: number[][] = [];
  const times: number[] = [];
  for (let pass = 0; pass < 3; pass += 1) {
    for (const [i, query] of queries.entries()) {
      const started = performance.now();
      const results = await vectors.similaritySearchVectorWithScore(query, 10);
      times.push(performance.now() - started);
      if (pass === 0) found[i] = results.map(([document]) => document.metadata.chunkIndex as number);
    }
  }
  return { found, times };
}

/** Vectors in one flat array, `dimension` floats each, for exact search. */
export function toMatrix(vectors: number[][], dimension: number): Float32Array {
  const matrix = new Float32Array(vectors.length * dimension);
  vectors.forEach((vector, i) => matrix.set(vector, i * dimension));
  return matrix;
}

/** Exact k nearest neighbours by inner product (all vectors unit length, so this is cosine). */
export function exactTopK(matrix: Float32Array, dimension: number, query: number[], k: number): number[] {
  const count = matrix.length / dimension;
  const bestIds: number[] = [];
  const bestScores: number[] = [];
  for (let row = 0; row < count; row += 1) {
    let score = 0;
    const offset = row * dimension;
    for (let i = 0; i < dimension; i += 1) score += matrix[offset + i]! * query[i]!;
    if (bestIds.length < k || score > bestScores[bestScores.length - 1]!) {
      let position = bestScores.length;
      while (position > 0 && bestScores[position - 1]! < score) position -= 1;
      bestScores.splice(position, 0, score);
      bestIds.splice(position, 0, row);
      if (bestIds.length > k) {
        bestIds.pop();
        bestScores.pop();
      }
    }
  }
  return bestIds;
}

/** Share of the exact top-k found by the approximate search, averaged over queries. */
export function recallAtK(approximate: number[][], exact: number[][], k: number): number {
  let found = 0;
  approximate.forEach((ids, i) => {
    const truth = new Set(exact[i]!.slice(0, k));
    found += ids.slice(0, k).filter((id) => truth.has(id)).length;
  });
  return found / (exact.length * k);
}

export interface GraphPoint {
  efSearch: number;
  recallAt10: number;
  p50Ms: number;
  p99Ms: number;
}

type Graph = InstanceType<typeof HierarchicalNSW>;

/** Recall@10 and per-query latency of `searchKnn` at each `ef`; three passes over the queries for the latency. */
export function sweepEf(graph: Graph, queries: number[][], exact: number[][], efValues: number[]): GraphPoint[] {
  return efValues.map((efSearch) => {
    graph.setEf(efSearch);
    const results: number[][] = [];
    const times: number[] = [];
    for (let pass = 0; pass < 3; pass += 1) {
      queries.forEach((query, i) => {
        const started = performance.now();
        const { neighbors } = graph.searchKnn(query, 10);
        times.push(performance.now() - started);
        if (pass === 0) results[i] = neighbors;
      });
    }
    const { p50, p99 } = percentiles(times);
    return { efSearch, recallAt10: recallAtK(results, exact, 10), p50Ms: p50, p99Ms: p99 };
  });
}

/** Builds a fresh graph over `vectors` with the given parameters; returns it and the build time. */
export function buildGraph(vectors: number[][], dimension: number, m: number, efConstruction: number): { graph: Graph; buildMs: number } {
  const started = performance.now();
  const graph = new HierarchicalNSW('cosine', dimension);
  graph.initIndex({ maxElements: vectors.length, m, efConstruction, randomSeed: 100 });
  vectors.forEach((vector, label) => graph.addPoint(vector, label));
  return { graph, buildMs: performance.now() - started };
}

/** Loads a saved graph the way LangChain's HNSWLib does: `readIndex`, after which `ef` is hnswlib's default 10. */
export async function readGraph(file: string, dimension: number): Promise<Graph> {
  const graph = new HierarchicalNSW('cosine', dimension);
  await graph.readIndex(file);
  return graph;
}
