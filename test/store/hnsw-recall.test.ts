import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Document } from '@langchain/core/documents';
import hnsw from 'hnswlib-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HnswVectorStore } from '../../src/store/hnsw-vector-store.js';
import { FakeEmbeddings } from '../helpers/fake-embeddings.js';

const DIMENSION = 48;
const COUNT = 4000;
const QUERIES = 100;

/** Seeded unit vectors with Gaussian components: the hard case for an approximate index. */
function randomVectors(count: number, seed: number): number[][] {
  let state = seed;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  return Array.from({ length: count }, () => {
    const vector = Array.from({ length: DIMENSION }, () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()));
    const norm = Math.hypot(...vector);
    return vector.map((value) => value / norm);
  });
}

function exactTop10(vectors: number[][], query: number[]): Set<number> {
  const scored = vectors.map((vector, label) => ({ label, score: vector.reduce((sum, value, i) => sum + value * query[i]!, 0) }));
  return new Set(
    scored
      .sort((a, b) => b.score - a.score)
      .slice(0, 10)
      .map((entry) => entry.label),
  );
}

function recall(found: number[][], truth: Set<number>[]): number {
  let hits = 0;
  found.forEach((labels, i) => (hits += labels.filter((label) => truth[i]!.has(label)).length));
  return hits / (found.length * 10);
}

describe('HnswVectorStore recall after a save and load', () => {
  let directory: string;
  const vectors = randomVectors(COUNT, 1);
  const queries = randomVectors(QUERIES, 2);
  const truth = queries.map((query) => exactTop10(vectors, query));

  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'cite-hnsw-'));
    const store = new HnswVectorStore(new FakeEmbeddings({ dimension: DIMENSION, vectors: 'word-hash' }), {
      dimension: DIMENSION,
      settings: { m: 16, efConstruction: 200, efSearch: 100 },
    });
    await store.addVectors(
      vectors,
      vectors.map((_, chunkIndex) => new Document({ pageContent: `chunk ${chunkIndex}`, metadata: { chunkIndex } })),
    );
    await store.save(directory);
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function loadedRecall(overrides: { efSearch?: number } = {}): Promise<number> {
    const loaded = await HnswVectorStore.load(directory, new FakeEmbeddings({ dimension: DIMENSION, vectors: 'word-hash' }), overrides);
    const found = await Promise.all(
      queries.map(async (query) => (await loaded.similaritySearchVectorWithScore(query, 10)).map(([document]) => document.metadata.chunkIndex as number)),
    );
    return recall(found, truth);
  }

  it('keeps recall@10 against brute force at 0.95 or more once loaded from disk', async () => {
    expect(await loadedRecall()).toBeGreaterThanOrEqual(0.95);
  });

  it('does better than hnswlib as loaded without raising ef (what LangChain HNSWLib does)', async () => {
    const raw = new hnsw.HierarchicalNSW('cosine', DIMENSION);
    await raw.readIndex(path.join(directory, 'vectors.hnsw'));
    expect(raw.getEf()).toBe(10);
    const rawRecall = recall(
      queries.map((query) => raw.searchKnn(query, 10).neighbors),
      truth,
    );
    expect(rawRecall).toBeLessThan(0.95);
    expect(await loadedRecall()).toBeGreaterThan(rawRecall);
    // The configured efSearch wins over what the build recorded.
    expect(await loadedRecall({ efSearch: 10 })).toBeCloseTo(rawRecall, 2);
  });
});
