import { fromSql, toSql } from 'pgvector';
import { vectorNorm } from '../../embeddings/vector-math.js';

/**
 * Vectors in pgvector's text form (its npm package's `toSql`/`fromSql`). Chunk vectors are stored unit-length, as
 * hnswlib stores them in the file store, so `chunkVectors` returns the same values from both stores.
 */

/**
 * The unit vector along `vector` as pgvector text. Each component is a float32 written with 9 significant digits,
 * which reads back to the same float32 (pgvector stores float32) in about half the text of `toSql`'s 17 digits: at
 * 100k chunks of 512 floats that text is what an ingest sends.
 */
export function unitVectorLiteral(vector: number[]): string {
  const norm = vectorNorm(vector) || 1;
  return `[${vector.map((value) => Math.fround(value / norm).toPrecision(9)).join(',')}]`;
}

/** A query vector as pgvector text. */
export function vectorLiteral(vector: number[]): string {
  return toSql(vector) as string;
}

/** A stored vector read back from pgvector text. */
export function parseVector(text: string): number[] {
  return fromSql(text) as number[];
}
