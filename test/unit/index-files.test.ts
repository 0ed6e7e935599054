import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, test, vi } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { buildIndex, searchableText, type IngestProgress } from '../../src/ingest/build-index.js';
import type { ChunkerSettings } from '../../src/domain/chunk.js';
import { CHUNKER_VERSION } from '../../src/ingest/chunk-document.js';
import { searchLexical, weightedTerms } from '../../src/store/bm25.js';
import type { HnswSettings } from '../../src/store/hnsw-vector-store.js';
import { currentBuildDir, loadIndex, readManifest, type LoadedIndex } from '../../src/store/index-files.js';
import { INDEX_FORMAT_VERSION, staleReason, type Manifest } from '../../src/store/manifest.js';
import { stripFootnotes } from '../../src/text/sentences.js';
import { FAKE_DIMENSION, fakeEmbedder, fakeVector } from '../helpers/fake-embeddings.js';
import { expectAppError } from '../helpers/expect-app-error.js';
import { SMALL_CORPUS_DIR } from '../helpers/corpus-files.js';
import { temporaryFolders } from '../helpers/temporary-folders.js';

const CHUNKING: ChunkerSettings = { chunkSize: 200, overlapSentences: 0 };
const HNSW: HnswSettings = { m: 8, efConstruction: 50, efSearch: 40 };

const tempDir = temporaryFolders('index-test-');

const build = (indexDir: string, extra: { beforeCommit?: () => Promise<void>; onProgress?: (progress: IngestProgress) => void } = {}) =>
  buildIndex({ corpusDir: SMALL_CORPUS_DIR, indexDir, embedder: fakeEmbedder(), chunking: CHUNKING, hnsw: HNSW, ...extra });

const buildsIn = async (indexDir: string) => (await readdir(path.join(indexDir, 'builds'))).sort();

describe('buildIndex + loadIndex on the fixture corpus', () => {
  let indexDir: string;
  let manifest: Manifest;
  let loaded: LoadedIndex;
  const progress: IngestProgress[] = [];
  const startedAt = Date.now();

  beforeAll(async () => {
    indexDir = await tempDir();
    ({ manifest } = await build(indexDir, { onProgress: (event) => progress.push(event) }));
    loaded = await loadIndex(indexDir, fakeEmbedder());
  });

  it('records what the index was built from in the manifest', async () => {
    const { hash, documents } = await loadCorpus(SMALL_CORPUS_DIR);
    expect(manifest.formatVersion).toBe(INDEX_FORMAT_VERSION);
    expect(manifest.corpusHash).toBe(hash);
    expect(manifest.embedder).toEqual({ id: 'fake-hash-32', dimension: FAKE_DIMENSION });
    expect(manifest.chunker).toEqual({ ...CHUNKING, version: CHUNKER_VERSION });
    expect(manifest.hnsw).toEqual(HNSW);
    expect(manifest.documents.map((document) => document.id)).toEqual(documents.map((document) => document.id));
    expect(manifest.buildId).toMatch(/\S/);
    const builtAt = Date.parse(manifest.builtAt);
    expect(builtAt).toBeGreaterThanOrEqual(startedAt - 1000);
    expect(builtAt).toBeLessThanOrEqual(Date.now());
    expect(manifest.buildMs).toBeGreaterThanOrEqual(0);
  });

  it('has counts that match what was loaded', () => {
    const sentences = loaded.chunks.reduce((sum, chunk) => sum + chunk.sentences.length, 0);
    expect(manifest.counts).toEqual({
      documents: 2,
      chunks: loaded.chunks.length,
      sentences,
      terms: Object.keys(loaded.lexical.postings).length,
    });
    expect(manifest.documents.reduce((sum, document) => sum + document.chunks, 0)).toBe(loaded.chunks.length);
    for (const document of manifest.documents) expect(document.chunks).toBeGreaterThan(0);
  });

  it('loads back the same manifest, the documents and chunks whose text is a slice of their document', () => {
    expect(loaded.manifest).toEqual(manifest);
    expect(loaded.directory).toBe(path.join(indexDir, 'builds', manifest.buildId));
    expect([...loaded.documents.keys()].sort()).toEqual(['composting-guide', 'northwind-seed-library']);
    expect(loaded.documents.get('northwind-seed-library')?.references).toHaveLength(3);
    for (const chunk of loaded.chunks) {
      const document = loaded.documents.get(chunk.sourceId);
      expect(document).toBeDefined();
      expect(chunk.text).toBe(document!.text.slice(chunk.start, chunk.end));
    }
  });

  it('has one vector and one lexical entry per chunk', () => {
    expect(loaded.vectors.size).toBe(loaded.chunks.length);
    expect(loaded.lexical.documentCount).toBe(loaded.chunks.length);
    expect(loaded.vectors.settings.efSearch).toBe(HNSW.efSearch);
  });

  it('stores each chunk vector under that chunk (dense search by its searchable text finds it)', async () => {
    for (const [i, chunk] of loaded.chunks.entries()) {
      const title = loaded.documents.get(chunk.sourceId)!.title;
      const [hit] = await loaded.vectors.similaritySearchVectorWithScore(fakeVector(searchableText(chunk, title)), 1);
      expect(hit![0].metadata).toEqual({ chunkId: chunk.id, chunkIndex: i });
      expect(hit![1]).toBeCloseTo(1, 5);
    }
  });

  it('stores sentence vectors in chunk order, aligned with sentenceBase', () => {
    expect(loaded.sentenceVectors.length).toBe(manifest.counts.sentences * FAKE_DIMENSION);
    expect(loaded.sentenceBase).toHaveLength(loaded.chunks.length);
    for (const [i, chunk] of loaded.chunks.entries()) {
      const text = loaded.documents.get(chunk.sourceId)!.text;
      chunk.sentences.forEach((span, s) => {
        const offset = (loaded.sentenceBase[i]! + s) * FAKE_DIMENSION;
        const stored = Array.from(loaded.sentenceVectors.subarray(offset, offset + FAKE_DIMENSION));
        const expected = fakeVector(stripFootnotes(text.slice(span.start, span.end)));
        stored.forEach((value, d) => expect(value).toBeCloseTo(expected[d]!, 5));
      });
    }
  });

  it('finds the right chunk lexically, including by section title', () => {
    const top = (question: string) => {
      const [hit] = searchLexical(loaded.lexical, weightedTerms([{ text: question, weight: 1 }]), 1);
      return loaded.chunks[hit!.chunkIndex]!;
    };
    expect(top('When is the seed exchange?').section).toBe('Seed Exchange');
    expect(top('Why does my compost heap smell?').section).toBe('Troubleshooting');
    expect(top('How many staff?').text).toContain('Staff\n42');
  });

  it('reports progress through every phase', () => {
    expect(new Set(progress.map((event) => event.phase))).toEqual(new Set(['load', 'chunk', 'embed', 'index', 'save']));
    expect(progress[progress.length - 1]).toEqual({ phase: 'save', done: 1, total: 1 });
  });

  it('loads with an efSearch override', async () => {
    const again = await loadIndex(indexDir, fakeEmbedder(), { efSearch: 77 });
    expect(again.vectors.settings.efSearch).toBe(77);
  });

  it('refuses an index built with a different embedder id, saying to run npm run ingest', async () => {
    const error = await expectAppError(loadIndex(indexDir, fakeEmbedder('another-embedder')), 'index_unavailable');
    expect(error.status).toBe(503);
    expect(error.message).toContain('npm run ingest');
    expect(error.message).toContain('fake-hash-32');
    expect(error.message).toContain('another-embedder');
  });

  it('refuses an index built with a different dimension', async () => {
    const error = await expectAppError(loadIndex(indexDir, fakeEmbedder('fake-hash-32', 64)), 'index_unavailable');
    expect(error.message).toContain('npm run ingest');
  });
});

describe('loadIndex failures', () => {
  it('a missing index is index_unavailable and says how to build it', async () => {
    const indexDir = await tempDir();
    const error = await expectAppError(loadIndex(indexDir, fakeEmbedder()), 'index_unavailable');
    expect(error.message).toContain('npm run ingest');
    expect(await readManifest(indexDir)).toBeUndefined();
    expect(await currentBuildDir(indexDir)).toBeUndefined();
  });

  it('a build with a missing file is index_unavailable, not a crash', async () => {
    const indexDir = await tempDir();
    await build(indexDir);
    const directory = (await currentBuildDir(indexDir))!;
    await rm(path.join(directory, 'chunks.json'));
    const error = await expectAppError(loadIndex(indexDir, fakeEmbedder()), 'index_unavailable');
    expect(error.message).toContain('npm run ingest');
  });
});

describe('crash safety of saving', () => {
  it('an ingest interrupted before commit leaves the previous build current and no temporary folder', async () => {
    const indexDir = await tempDir();
    const first = await build(indexDir);
    let hookRan = false;
    await expect(
      build(indexDir, {
        beforeCommit: async () => {
          hookRan = true;
          // Every file of the new build has been written by now.
          const temporaries = (await buildsIn(indexDir)).filter((name) => name.startsWith('.tmp'));
          expect(temporaries).toHaveLength(1);
          throw new Error('simulated crash');
        },
      }),
    ).rejects.toThrow('simulated crash');
    expect(hookRan).toBe(true);
    const loaded = await loadIndex(indexDir, fakeEmbedder());
    expect(loaded.manifest.buildId).toBe(first.manifest.buildId);
    expect((await readManifest(indexDir))?.buildId).toBe(first.manifest.buildId);
    expect((await buildsIn(indexDir)).filter((name) => name.startsWith('.'))).toEqual([]);
    expect(await buildsIn(indexDir)).toEqual([first.manifest.buildId]);
  });

  it('a completed rebuild becomes current; the previous build is kept, older ones and abandoned temporaries are removed', async () => {
    const indexDir = await tempDir();
    const first = await build(indexDir);
    // What a hard crash (no chance to clean up) leaves behind.
    await mkdir(path.join(indexDir, 'builds', '.tmp-abandoned'), { recursive: true });
    const second = await build(indexDir);
    expect((await loadIndex(indexDir, fakeEmbedder())).manifest.buildId).toBe(second.manifest.buildId);
    expect(await buildsIn(indexDir)).toEqual([first.manifest.buildId, second.manifest.buildId].sort());
    const third = await build(indexDir);
    expect((await loadIndex(indexDir, fakeEmbedder())).manifest.buildId).toBe(third.manifest.buildId);
    const remaining = await buildsIn(indexDir);
    expect(remaining).toHaveLength(2);
    expect(remaining).toContain(third.manifest.buildId);
    expect(remaining.some((name) => name.startsWith('.'))).toBe(false);
    expect((await readFile(path.join(indexDir, 'CURRENT'), 'utf8')).trim()).toBe(third.manifest.buildId);
    expect((await readdir(indexDir)).filter((name) => name.startsWith('.'))).toEqual([]);
  });
});

describe('pruning old builds', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  // Regression: pruning once kept "the one before" by sorting build ids (second + random suffix), so two builds in
  // the same second could delete the previous build. The clock is pinned out of order to make that deterministic.
  test('the build kept besides the current one is the one committed just before it', async () => {
    const indexDir = await tempDir();
    vi.setSystemTime(new Date('2031-01-01T00:00:00Z'));
    await build(indexDir);
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const second = await build(indexDir);
    vi.setSystemTime(new Date('2030-06-01T00:00:00Z'));
    const third = await build(indexDir);
    expect(await buildsIn(indexDir)).toEqual([second.manifest.buildId, third.manifest.buildId].sort());
  });
});

describe('staleReason', () => {
  const base: Manifest = {
    formatVersion: INDEX_FORMAT_VERSION,
    buildId: 'b',
    builtAt: '2024-01-01T00:00:00.000Z',
    buildMs: 1,
    corpusHash: 'hash-a',
    documents: [],
    embedder: { id: 'fake-hash-32', dimension: 32 },
    chunker: { chunkSize: 500, overlapSentences: 0, version: CHUNKER_VERSION },
    hnsw: HNSW,
    counts: { documents: 0, chunks: 0, sentences: 0, terms: 0 },
  };
  const expected = { corpusHash: 'hash-a', embedderId: 'fake-hash-32', chunker: { chunkSize: 500, overlapSentences: 0, version: CHUNKER_VERSION } };

  it('is undefined when everything matches', () => {
    expect(staleReason(base, expected)).toBeUndefined();
  });

  it.each([
    ['no index', undefined, expected, /no index/],
    ['another corpus', base, { ...expected, corpusHash: 'hash-b' }, /corpus/],
    ['another embedder', base, { ...expected, embedderId: 'openai:text-embedding-3-small' }, /embedder/],
    ['another chunk size', base, { ...expected, chunker: { ...expected.chunker, chunkSize: 800 } }, /chunker/],
    ['another overlap', base, { ...expected, chunker: { ...expected.chunker, overlapSentences: 1 } }, /chunker/],
    ['another chunker version', base, { ...expected, chunker: { ...expected.chunker, version: CHUNKER_VERSION + 1 } }, /chunker/],
    ['another index format', { ...base, formatVersion: INDEX_FORMAT_VERSION - 1 }, expected, /format/],
  ] as const)('gives a reason for %s', (_name, manifest, wanted, pattern) => {
    expect(staleReason(manifest, wanted)).toMatch(pattern);
  });

  it('agrees with a real build: current right after building, stale once the chunker changes', async () => {
    const indexDir = await tempDir();
    await build(indexDir);
    const manifest = await readManifest(indexDir);
    const { hash } = await loadCorpus(SMALL_CORPUS_DIR);
    const current = { corpusHash: hash, embedderId: 'fake-hash-32', chunker: { ...CHUNKING, version: CHUNKER_VERSION } };
    expect(staleReason(manifest, current)).toBeUndefined();
    expect(staleReason(manifest, { ...current, chunker: { ...current.chunker, chunkSize: 300 } })).toMatch(/chunker/);
  });
});
