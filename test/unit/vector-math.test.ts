import { describe, expect, it } from 'vitest';
import { cosine, dotAt, unitVector, vectorNorm } from '../../src/embeddings/vector-math.js';

describe('vector arithmetic shared by retrieval, scoring and the stores', () => {
  it('scales a vector to unit length and leaves a zero vector zero', () => {
    expect(vectorNorm(unitVector([3, 4]))).toBeCloseTo(1, 12);
    expect(unitVector(new Float32Array([3, 4]))).toEqual([0.6, 0.8]);
    expect(unitVector([0, 0])).toEqual([0, 0]);
  });

  it('gives cosine 1 for parallel vectors, 0 for orthogonal or zero ones, -1 for opposite ones', () => {
    expect(cosine([1, 2], [2, 4])).toBeCloseTo(1, 12);
    expect(cosine([1, 0], [0, 5])).toBe(0);
    expect(cosine([1, 1], [0, 0])).toBe(0);
    expect(cosine([1, 2], [-1, -2])).toBeCloseTo(-1, 12);
  });

  it('reads one row of a flat matrix of unit vectors, which for unit vectors is their cosine', () => {
    const rows = [unitVector([1, 0, 0]), unitVector([1, 1, 0]), unitVector([0, 0, 1])];
    const matrix = new Float32Array(rows.flat());
    const query = unitVector([1, 1, 0]);
    rows.forEach((row, i) => expect(dotAt(query, matrix, i * 3)).toBeCloseTo(cosine(query, row), 6));
  });
});
