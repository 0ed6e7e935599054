import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { Document } from '@langchain/core/documents';
import { beforeAll, describe, expect, it, test } from 'vitest';
import { HnswVectorStore, type HnswSettings } from '../../src/store/hnsw-vector-store.js';
import { FAKE_DIMENSION, FakeEmbeddings, fakeVector, seededRandom } from '../helpers/fake-embeddings.js';
import { cosine } from '../../src/embeddings/vector-math.js';
import { temporaryFolders } from '../helpers/temporary-folders.js';

const SETTINGS: HnswSettings = { m: 16, efConstruction: 100, efSearch: 50 };
const tempDir = temporaryFolders('hnsw-test-');

const docs = (count: number, prefix = 'doc') =>
  Array.from({ length: count }, (_, i) => new Document({ pageContent: `${prefix} ${i}`, metadata: { chunkIndex: i } }));
const labels = (results: [{ metadata: Record<string, unknown> }, number][]) => results.map(([document]) => document.metadata.chunkIndex);

describe('FakeEmbeddings (test fixture)', () => {
  it('is deterministic, unit length, and tells texts apart', async () => {
    const embeddings = new FakeEmbeddings();
    const [a, b] = await embeddings.embedDocuments(['alpha', 'beta']);
    expect(await embeddings.embedQuery('alpha')).toEqual(a);
    expect(a).toHaveLength(FAKE_DIMENSION);
    expect(Math.hypot(...a!)).toBeCloseTo(1, 10);
    expect(cosine(a!, b!)).toBeLessThan(0.9);
    expect(embeddings.calls.map((call) => call.method)).toEqual(['embedDocuments', 'embedQuery']);
  });
});

describe('HnswVectorStore', () => {
  it('returns the nearest vectors by cosine similarity, best first, as similarities', async () => {
    const store = new HnswVectorStore(new FakeEmbeddings({ dimension: 4 }), { dimension: 4, settings: SETTINGS });
    await store.addVectors(
      [
        [1, 0, 0, 0],
        [0, 1, 0, 0],
        [0.9, 0.1, 0, 0],
        [-1, 0, 0, 0.1],
      ],
      docs(4),
    );
    const results = await store.similaritySearchVectorWithScore([10, 0, 0, 0], 3);
    expect(labels(results)).toEqual([0, 2, 1]);
    // Cosine ignores magnitude: a scaled copy of a stored vector is a perfect match.
    expect(results[0]![1]).toBeCloseTo(1, 5);
    expect(results[1]![1]).toBeCloseTo(cosine([1, 0, 0, 0], [0.9, 0.1, 0, 0]), 5);
    expect(results[2]![1]).toBeCloseTo(0, 5);
    const all = await store.similaritySearchVectorWithScore([10, 0, 0, 0], 4);
    expect(labels(all)).toEqual([0, 2, 1, 3]);
    expect(all[3]![1]).toBeLessThan(0);
  });

  it('finds a document by its own text through the embeddings (similaritySearch)', async () => {
    const store = await HnswVectorStore.fromTexts(
      ['the seed exchange is in April', 'a fire destroyed the collection', 'workshops teach seed saving'],
      [{ chunkIndex: 0 }, { chunkIndex: 1 }, { chunkIndex: 2 }],
      new FakeEmbeddings(),
      { dimension: FAKE_DIMENSION, settings: SETTINGS },
    );
    const [top] = await store.similaritySearch('a fire destroyed the collection', 1);
    expect(top?.metadata.chunkIndex).toBe(1);
    expect(top?.pageContent).toBe('a fire destroyed the collection');
  });

  it('grows past its initial capacity and keeps every document findable', async () => {
    const store = new HnswVectorStore(new FakeEmbeddings(), { dimension: FAKE_DIMENSION, settings: SETTINGS });
    const first = docs(10, 'first');
    const second = docs(190, 'second').map((document, i) => new Document({ pageContent: document.pageContent, metadata: { chunkIndex: 10 + i } }));
    await store.addDocuments(first);
    await store.addDocuments(second);
    expect(store.size).toBe(200);
    for (const probe of [0, 9, 10, 150, 199]) {
      const text = probe < 10 ? `first ${probe}` : `second ${probe - 10}`;
      const [hit] = await store.similaritySearchVectorWithScore(fakeVector(text), 1);
      expect(hit![0].metadata.chunkIndex).toBe(probe);
    }
  });

  it('returns at most size results, and none from an empty store', async () => {
    const store = new HnswVectorStore(new FakeEmbeddings(), { dimension: FAKE_DIMENSION, settings: SETTINGS });
    expect(await store.similaritySearchVectorWithScore(fakeVector('q'), 5)).toEqual([]);
    await store.addDocuments(docs(3));
    expect(await store.similaritySearchVectorWithScore(fakeVector('q'), 10)).toHaveLength(3);
  });

  it('applies a filter', async () => {
    const store = new HnswVectorStore(new FakeEmbeddings(), { dimension: FAKE_DIMENSION, settings: SETTINGS });
    await store.addDocuments(docs(20));
    const results = await store.similaritySearchVectorWithScore(fakeVector('doc 4'), 5, (document) => (document.metadata.chunkIndex as number) % 2 === 1);
    expect(results.length).toBeGreaterThan(0);
    for (const [document] of results) expect((document.metadata.chunkIndex as number) % 2).toBe(1);
    expect(labels(results)).not.toContain(4);
  });

  it('rejects vectors and queries of the wrong dimension, and mismatched counts', async () => {
    const store = new HnswVectorStore(new FakeEmbeddings(), { dimension: FAKE_DIMENSION, settings: SETTINGS });
    await expect(store.addVectors([[1, 2, 3]], docs(1))).rejects.toThrow(/dimension 3/);
    await expect(store.addVectors([fakeVector('a')], docs(2))).rejects.toThrow(/1 vectors for 2 documents/);
    await store.addDocuments(docs(2));
    await expect(store.similaritySearchVectorWithScore([1, 2], 1)).rejects.toThrow(/dimension 2/);
  });

  // Regression: a batch with one bad vector once left orphan points in the graph (searches returned
  // `[undefined, score]` and a saved store would not load). All vectors are now checked before any is inserted.
  test('a rejected addVectors batch leaves the store unchanged', async () => {
    const store = new HnswVectorStore(new FakeEmbeddings(), { dimension: FAKE_DIMENSION, settings: SETTINGS });
    await store.addDocuments(docs(1));
    await expect(store.addVectors([fakeVector('orphan'), [1, 2]], docs(2, 'bad'))).rejects.toThrow(/dimension 2/);
    expect(store.size).toBe(1);
    const results = await store.similaritySearchVectorWithScore(fakeVector('orphan'), 1);
    for (const [document] of results) expect(document).toBeDefined();
    const dir = await tempDir();
    await store.save(dir);
    await expect(HnswVectorStore.load(dir, new FakeEmbeddings())).resolves.toBeInstanceOf(HnswVectorStore);
  });

  it('save + load returns the same neighbours, scores and metadata', async () => {
    const store = new HnswVectorStore(new FakeEmbeddings(), { dimension: FAKE_DIMENSION, settings: SETTINGS });
    await store.addDocuments(docs(300));
    const dir = await tempDir();
    await store.save(dir);
    const loaded = await HnswVectorStore.load(dir, new FakeEmbeddings());
    expect(loaded.size).toBe(300);
    expect(loaded.dimension).toBe(FAKE_DIMENSION);
    expect(loaded.settings).toEqual(SETTINGS);
    for (const query of ['doc 7', 'doc 123', 'something else entirely']) {
      const before = await store.similaritySearchVectorWithScore(fakeVector(query), 10);
      const after = await loaded.similaritySearchVectorWithScore(fakeVector(query), 10);
      expect(labels(after)).toEqual(labels(before));
      after.forEach(([document, score], i) => {
        expect(score).toBeCloseTo(before[i]![1], 6);
        expect(document.pageContent).toBe(before[i]![0].pageContent);
      });
    }
  });

  it('load refuses a vectors file that disagrees with the document list', async () => {
    const big = new HnswVectorStore(new FakeEmbeddings(), { dimension: FAKE_DIMENSION, settings: SETTINGS });
    await big.addDocuments(docs(5));
    const small = new HnswVectorStore(new FakeEmbeddings(), { dimension: FAKE_DIMENSION, settings: SETTINGS });
    await small.addDocuments(docs(3));
    const dir = await tempDir();
    await big.save(dir);
    const other = await tempDir();
    await small.save(other);
    // Pair the 5-vector graph with the 3-document list.
    await copyFile(path.join(other, 'vectors-docs.json'), path.join(dir, 'vectors-docs.json'));
    await expect(HnswVectorStore.load(dir, new FakeEmbeddings())).rejects.toThrow(/5 vectors.*3/);
  });

  describe('recall after load (hnswlib resets ef to 10 on readIndex)', () => {
    const dimension = 32;
    const count = 3000;
    const settings: HnswSettings = { m: 8, efConstruction: 40, efSearch: 200 };
    const random = seededRandom(20240601);
    const randomVector = () => Array.from({ length: dimension }, () => random() * 2 - 1);
    const vectors = Array.from({ length: count }, randomVector);
    const queries = Array.from({ length: 50 }, randomVector);
    const truth = queries.map((query) =>
      vectors
        .map((vector, i) => [cosine(query, vector), i] as const)
        .sort((a, b) => b[0] - a[0])
        .slice(0, 10)
        .map(([, i]) => i),
    );
    let dir: string;

    const recallAt10 = async (store: HnswVectorStore) => {
      let found = 0;
      for (const [q, query] of queries.entries()) {
        const got = new Set(labels(await store.similaritySearchVectorWithScore(query, 10)));
        found += truth[q]!.filter((i) => got.has(i)).length;
      }
      return found / (queries.length * 10);
    };

    beforeAll(async () => {
      const store = new HnswVectorStore(new FakeEmbeddings({ dimension: dimension }), { dimension, settings });
      await store.addVectors(
        vectors,
        vectors.map((_, i) => new Document({ pageContent: '', metadata: { chunkIndex: i } })),
      );
      dir = await tempDir();
      await store.save(dir);
    });

    it('stays >= 0.95 because ef is set back to the configured efSearch', async () => {
      const loaded = await HnswVectorStore.load(dir, new FakeEmbeddings({ dimension: dimension }));
      expect(loaded.settings.efSearch).toBe(200);
      expect(await recallAt10(loaded)).toBeGreaterThanOrEqual(0.95);
    });

    it('control: the same graph searched with ef 10 loses recall, so the check above can fail', async () => {
      const loaded = await HnswVectorStore.load(dir, new FakeEmbeddings({ dimension: dimension }), { efSearch: 10 });
      expect(await recallAt10(loaded)).toBeLessThan(0.8);
    });
  });
});
