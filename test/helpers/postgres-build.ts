import { loadCorpus } from '../../src/corpus/load-corpus.js';
import type { Chunk } from '../../src/domain/chunk.js';
import type { Document } from '../../src/domain/document.js';
import { CHUNKER_VERSION, chunkDocument } from '../../src/ingest/chunk-document.js';
import { searchableText } from '../../src/ingest/build-index.js';
import { buildLexicalIndex } from '../../src/store/bm25.js';
import { INDEX_FORMAT_VERSION } from '../../src/store/manifest.js';
import type { PostgresBuildInput } from '../../src/store/postgres/postgres-build-input.js';
import { fakeVector } from './fake-embeddings.js';

/** HNSW settings for test builds: the project's defaults. */
export const TEST_HNSW = { m: 16, efConstruction: 200, efSearch: 100 };

/**
 * A build as the ingest pipeline would hand it over, from real documents parsed by the project's loaders (the first
 * documents of `corpusDir` up to about `maxChunks` chunks), with deterministic fake vectors of `dimension`.
 */
export async function buildFromCorpus(corpusDir: string, options: { maxChunks: number; dimension: number }): Promise<PostgresBuildInput> {
  const { documents: all, files, hash } = await loadCorpus(corpusDir);
  const documents: Document[] = [];
  const chunks: Chunk[] = [];
  const entries: PostgresBuildInput['manifest']['documents'] = [];
  for (const [i, document] of all.entries()) {
    if (chunks.length >= options.maxChunks) break;
    const documentChunks = chunkDocument(document, { chunkSize: 500, overlapSentences: 0 });
    documents.push(document);
    chunks.push(...documentChunks);
    entries.push({ id: document.id, file: document.file, hash: files[i]!.hash, chunks: documentChunks.length });
  }
  return buildFromChunks(documents, chunks, entries, { dimension: options.dimension, corpusHash: hash });
}

/** The rest of a build from its documents and chunks: lexical index, fake chunk and sentence vectors, manifest. */
export function buildFromChunks(
  documents: Document[],
  chunks: Chunk[],
  entries: PostgresBuildInput['manifest']['documents'],
  options: { dimension: number; corpusHash?: string },
): PostgresBuildInput {
  const titles = new Map(documents.map((document) => [document.id, document.title]));
  const texts = chunks.map((chunk) => searchableText(chunk, titles.get(chunk.sourceId) ?? ''));
  const lexical = buildLexicalIndex(texts);
  const sentences = chunks.flatMap((chunk) => chunk.sentences.map((span) => `${chunk.sourceId}:${span.start}`));
  const sentenceVectors = new Float32Array(sentences.length * options.dimension);
  sentences.forEach((text, i) => sentenceVectors.set(fakeVector(text, options.dimension), i * options.dimension));
  return {
    manifest: {
      formatVersion: INDEX_FORMAT_VERSION,
      builtAt: new Date().toISOString(),
      buildMs: 0,
      corpusHash: options.corpusHash ?? 'test',
      documents: entries,
      embedder: { id: 'fake', dimension: options.dimension },
      chunker: { chunkSize: 500, overlapSentences: 0, version: CHUNKER_VERSION },
      hnsw: TEST_HNSW,
      counts: { documents: documents.length, chunks: chunks.length, sentences: sentences.length, terms: Object.keys(lexical.postings).length },
    },
    documents: new Map(documents.map((document) => [document.id, document])),
    chunks,
    lexical,
    vectors: texts.map((text) => fakeVector(text, options.dimension)),
    sentenceVectors,
  };
}
