/**
 * The vector arithmetic every part that compares embeddings shares: retrieval and neighbour passages (cosine of the
 * query to a chunk), sentence scoring (dot product with a sentence's stored unit vector), the encoder (unit length)
 * and the PostgreSQL store (unit vectors as pgvector text). Written here rather than taken from a library: the
 * four functions are a few lines each, and a numeric package would add a dependency for them alone.
 */

/** Euclidean length of `vector`. */
export function vectorNorm(vector: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < vector.length; i += 1) sum += vector[i]! * vector[i]!;
  return Math.sqrt(sum);
}

/** `vector` scaled to unit length (a zero vector stays zero), so that cosine similarity is a dot product. */
export function unitVector(vector: ArrayLike<number>): number[] {
  const norm = vectorNorm(vector) || 1;
  return Array.from(vector, (value) => value / norm);
}

/** Cosine similarity of two vectors of the same length; 0 when either is zero. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i += 1) {
    dot += a[i]! * b[i]!;
    normA += a[i]! * a[i]!;
    normB += b[i]! * b[i]!;
  }
  return normA > 0 && normB > 0 ? dot / Math.sqrt(normA * normB) : 0;
}

/** Dot product of `vector` with the `vector.length` floats of `matrix` from `offset`: one row of a flat matrix of
 * unit vectors (a chunk's sentence vectors), which is its cosine when `vector` is a unit vector too. */
export function dotAt(vector: ArrayLike<number>, matrix: ArrayLike<number>, offset: number): number {
  let sum = 0;
  for (let i = 0; i < vector.length; i += 1) sum += vector[i]! * matrix[offset + i]!;
  return sum;
}
