import { Document as LangChainDocument } from '@langchain/core/documents';
import { loadCorpus } from '../corpus/load-corpus.js';
import type { Embedder } from '../embeddings/embedder.js';
import { stripFootnotes } from '../text/sentences.js';
import { buildLexicalIndex } from '../store/bm25.js';
import { HnswVectorStore, type HnswSettings } from '../store/hnsw-vector-store.js';
import { INDEX_FORMAT_VERSION, saveIndex, type Manifest } from '../store/index-files.js';
import { CHUNKER_VERSION, chunkDocument, type Chunk, type ChunkerSettings } from './chunk-document.js';

export interface IngestProgress {
  phase: 'load' | 'chunk' | 'embed' | 'index' | 'save';
  done: number;
  total: number;
}

export interface BuildIndexOptions {
  corpusDir: string;
  indexDir: string;
  embedder: Embedder;
  chunking: ChunkerSettings;
  hnsw: HnswSettings;
  onProgress?: (progress: IngestProgress) => void;
  /** Prefix each chunk's searchable text with its document title and section path (default true). */
  titleEnrichment?: boolean;
  /** Test seam: runs after every file is written, before the build is committed. */
  beforeCommit?: () => Promise<void>;
}

export interface IngestSummary {
  manifest: Manifest;
  embedMs: number;
  indexMs: number;
}

/** Text a chunk is searched by: its place in the document plus its words, without footnote markers. */
export function searchableText(chunk: Chunk, documentTitle: string, titleEnrichment = true): string {
  return titleEnrichment ? `${documentTitle} — ${chunk.sectionPath}\n${stripFootnotes(chunk.text)}` : stripFootnotes(chunk.text);
}

/** Loads, chunks, embeds and indexes the corpus, then saves it atomically. */
export async function buildIndex(options: BuildIndexOptions): Promise<IngestSummary> {
  const started = Date.now();
  const { documents, files, hash } = await loadCorpus(options.corpusDir);
  options.onProgress?.({ phase: 'load', done: documents.length, total: documents.length });

  const chunks = documents.flatMap((document) => chunkDocument(document, options.chunking));
  options.onProgress?.({ phase: 'chunk', done: chunks.length, total: chunks.length });
  const titles = new Map(documents.map((document) => [document.id, document.title]));
  const texts = chunks.map((chunk) => searchableText(chunk, titles.get(chunk.sourceId) ?? '', options.titleEnrichment ?? true));

  const embedStarted = Date.now();
  const vectors: number[][] = [];
  const batch = 32;
  for (let i = 0; i < texts.length; i += batch) {
    vectors.push(...(await options.embedder.embeddings.embedDocuments(texts.slice(i, i + batch))));
    options.onProgress?.({ phase: 'embed', done: Math.min(i + batch, texts.length), total: texts.length });
  }
  // Sentence vectors let the extractive answerer pick the sentence that answers a paraphrased question.
  const byId = new Map(documents.map((document) => [document.id, document]));
  const sentenceTexts = chunks.flatMap((chunk) =>
    chunk.sentences.map((span) => stripFootnotes(byId.get(chunk.sourceId)!.text.slice(span.start, span.end))),
  );
  const sentenceVectors = new Float32Array(sentenceTexts.length * options.embedder.dimension);
  for (let i = 0; i < sentenceTexts.length; i += batch) {
    const vectorsOut = await options.embedder.embeddings.embedDocuments(sentenceTexts.slice(i, i + batch));
    vectorsOut.forEach((vector, offset) => sentenceVectors.set(vector, (i + offset) * options.embedder.dimension));
    options.onProgress?.({ phase: 'embed', done: Math.min(i + batch, sentenceTexts.length), total: sentenceTexts.length });
  }
  const embedMs = Date.now() - embedStarted;

  const indexStarted = Date.now();
  const store = new HnswVectorStore(options.embedder.embeddings, { dimension: options.embedder.dimension, settings: options.hnsw });
  await store.addVectors(
    vectors,
    chunks.map((chunk, i) => new LangChainDocument({ pageContent: texts[i]!, metadata: { chunkId: chunk.id, chunkIndex: i } })),
  );
  const lexical = buildLexicalIndex(texts);
  const indexMs = Date.now() - indexStarted;
  options.onProgress?.({ phase: 'index', done: chunks.length, total: chunks.length });

  const chunkCounts = new Map<string, number>();
  for (const chunk of chunks) chunkCounts.set(chunk.sourceId, (chunkCounts.get(chunk.sourceId) ?? 0) + 1);
  const manifest = await saveIndex(
    options.indexDir,
    {
      manifest: {
        formatVersion: INDEX_FORMAT_VERSION,
        builtAt: new Date().toISOString(),
        buildMs: Date.now() - started,
        corpusHash: hash,
        documents: documents.map((document, i) => ({ id: document.id, file: document.file, hash: files[i]!.hash, chunks: chunkCounts.get(document.id) ?? 0 })),
        embedder: { id: options.embedder.id, dimension: options.embedder.dimension },
        chunker: { ...options.chunking, version: CHUNKER_VERSION },
        hnsw: options.hnsw,
        counts: { documents: documents.length, chunks: chunks.length, sentences: sentenceTexts.length, terms: Object.keys(lexical.postings).length },
      },
      documents: byId,
      chunks,
      sentenceVectors,
      lexical,
      vectors: store,
    },
    options.beforeCommit ? { beforeCommit: options.beforeCommit } : {},
  );
  options.onProgress?.({ phase: 'save', done: 1, total: 1 });
  return { manifest, embedMs, indexMs };
}
