/**
 * BM25 as `src/store/bm25.ts` computes it, for the SQL side: the same constants and the same floating-point steps, so
 * both stores give bit-identical scores (test/store/postgres/bm25-parity.test.ts checks it). bm25.ts keeps its
 * constants private; if they change there, that test fails until they change here.
 */
// Robertson's standard constants, as in bm25.ts: k1 saturates repeated terms, b normalises for chunk length.
const K1 = 1.2;
const B = 0.75;

/** `tf * (K1 + 1)`'s factor, passed to SQL rather than written there, so Postgres multiplies by the same double. */
export const K1_PLUS_ONE = K1 + 1;

/** The length part of BM25's denominator per chunk, `K1 * (1 - B + B * length / averageLength)`, as bm25.ts. */
export function bm25Norm(length: number, averageLength: number): number {
  return K1 * (1 - B + (B * length) / (averageLength || 1));
}

/** Inverse document frequency as bm25.ts (BM25+ style, never negative); 0 for a term no chunk has. */
export function bm25Idf(chunkCount: number, documentFrequency: number): number {
  if (documentFrequency === 0) return 0;
  return Math.log(1 + (chunkCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}
