import { loadCorpus, type SkippedFile } from '../corpus/load-corpus.js';
import type { UnreadType } from '../corpus/unread-files.js';
import type { Embedder } from '../embeddings/embedder.js';
import { stripFootnotes } from '../text/sentences.js';
import { buildLexicalIndex } from '../store/bm25.js';
import type { HnswSettings } from '../store/hnsw-vector-store.js';
import { INDEX_FORMAT_VERSION, type Manifest } from '../store/manifest.js';
import type { Chunk, ChunkerSettings } from '../domain/chunk.js';
import type { BuildTarget } from './build-target.js';
import { CHUNKER_VERSION, chunkDocument } from './chunk-document.js';
import { fileBuildTarget } from './file-build-target.js';

export interface IngestProgress {
  phase: 'load' | 'chunk' | 'embed' | 'index' | 'save';
  done: number;
  total: number;
}

export interface BuildIndexOptions {
  corpusDir: string;
  /** The file store's folder: where the build goes unless `target` says otherwise. */
  indexDir: string;
  /** Where the build goes instead of `indexDir` (the Postgres store; see create-build-target.ts). */
  target?: BuildTarget;
  embedder: Embedder;
  /** Files larger than this are skipped and named (`CORPUS_MAX_FILE_BYTES`); default: each format's own limit. */
  maxFileBytes?: number;
  chunking: ChunkerSettings;
  hnsw: HnswSettings;
  onProgress?: (progress: IngestProgress) => void;
  /** Prefix each chunk's searchable text with its document title and section path (default true). */
  titleEnrichment?: boolean;
  /**
   * Reuse the previous build's vectors for documents whose content hash is unchanged (default true), so a re-ingest
   * embeds only new and changed documents. `false` re-embeds everything.
   */
  incremental?: boolean;
  /** Test seam (file store): runs after every file is written, before the build is committed. */
  beforeCommit?: () => Promise<void>;
}

export interface IngestSummary {
  manifest: Manifest;
  embedMs: number;
  /** Building the lexical and vector indexes (for Postgres: writing the build, its HNSW graph included). */
  indexMs: number;
  /** Ids of documents whose vectors came from the previous build. */
  reusedDocuments: string[];
  /** Texts sent to the embedder (chunks plus sentences of new or changed documents). */
  embeddedTexts: number;
  /** Files left out because they could not be parsed, with the reason. */
  skipped: SkippedFile[];
  /** Files of types no reader takes, counted by extension (`unread-files.ts`). */
  unread: UnreadType[];
  /** What was read from each file that was indexed. */
  read: FileReading[];
}

/** What ingest read from one file: its pages (a PDF), its clean text's length and its sections. */
export interface FileReading {
  file: string;
  pages?: number;
  characters: number;
  sections: number;
}

/** Text a chunk is searched by: its place in the document plus its words, without footnote markers. */
export function searchableText(chunk: Chunk, documentTitle: string, titleEnrichment = true): string {
  return titleEnrichment ? `${documentTitle} — ${chunk.sectionPath}\n${stripFootnotes(chunk.text)}` : stripFootnotes(chunk.text);
}

/** Loads, chunks, embeds and indexes the corpus, then saves it atomically. */
export async function buildIndex(options: BuildIndexOptions): Promise<IngestSummary> {
  const started = Date.now();
  const { documents, files, hash, skipped, unread } = await loadCorpus(options.corpusDir, options.maxFileBytes ? { maxFileBytes: options.maxFileBytes } : {});
  options.onProgress?.({ phase: 'load', done: documents.length, total: documents.length });

  const chunksByDocument = documents.map((document) => chunkDocument(document, options.chunking));
  const chunks = chunksByDocument.flat();
  options.onProgress?.({ phase: 'chunk', done: chunks.length, total: chunks.length });
  const titles = new Map(documents.map((document) => [document.id, document.title]));
  const texts = chunks.map((chunk) => searchableText(chunk, titles.get(chunk.sourceId) ?? '', options.titleEnrichment ?? true));

  const byId = new Map(documents.map((document) => [document.id, document]));
  // Sentence vectors let the extractive answerer pick the sentence that answers a paraphrased question.
  const sentenceTexts = chunks.flatMap((chunk) => chunk.sentences.map((span) => stripFootnotes(byId.get(chunk.sourceId)!.text.slice(span.start, span.end))));

  const embedStarted = Date.now();
  const { dimension } = options.embedder;
  const target =
    options.target ??
    fileBuildTarget(options.indexDir, {
      hnsw: options.hnsw,
      embeddings: options.embedder.embeddings,
      ...(options.beforeCommit ? { beforeCommit: options.beforeCommit } : {}),
    });
  const reuse = options.incremental === false ? undefined : await target.loadReuse({ embedder: options.embedder, chunking: options.chunking });
  const vectors: (number[] | undefined)[] = Array.from({ length: chunks.length }, () => undefined);
  const sentenceVectors = new Float32Array(sentenceTexts.length * dimension);
  // Positions (in chunk and sentence order) still to embed: every chunk and sentence of a new or changed document.
  const chunkPositions: number[] = [];
  const sentencePositions: number[] = [];
  const reusedDocuments: string[] = [];
  let chunkStart = 0;
  let sentenceStart = 0;
  chunksByDocument.forEach((documentChunks, documentIndex) => {
    const document = documents[documentIndex]!;
    const chunkCount = documentChunks.length;
    const sentenceCount = documentChunks.reduce((sum, chunk) => sum + chunk.sentences.length, 0);
    const reused = reuse?.(document.id, files[documentIndex]!.hash);
    if (reused && reused.chunkCount === chunkCount && reused.sentenceCount === sentenceCount) {
      // Without vectors the store copies them from its previous build itself.
      reused.vectors?.chunkVectors.forEach((vector, offset) => (vectors[chunkStart + offset] = vector));
      if (reused.vectors) sentenceVectors.set(reused.vectors.sentenceVectors, sentenceStart * dimension);
      reusedDocuments.push(document.id);
    } else {
      for (let offset = 0; offset < chunkCount; offset += 1) chunkPositions.push(chunkStart + offset);
      for (let offset = 0; offset < sentenceCount; offset += 1) sentencePositions.push(sentenceStart + offset);
    }
    chunkStart += chunkCount;
    sentenceStart += sentenceCount;
  });
  const total = chunkPositions.length + sentencePositions.length;
  let done = 0;
  /** Embeds the texts at `positions`, 32 at a time, handing each vector to `keep`, with progress. */
  const embedAt = async (positions: number[], textAt: (position: number) => string, keep: (position: number, vector: number[]) => void) => {
    const batch = 32;
    for (let i = 0; i < positions.length; i += batch) {
      const slice = positions.slice(i, i + batch);
      const embedded = await options.embedder.embeddings.embedDocuments(slice.map(textAt));
      slice.forEach((position, offset) => keep(position, embedded[offset]!));
      done += slice.length;
      options.onProgress?.({ phase: 'embed', done, total });
    }
  };
  await embedAt(
    chunkPositions,
    (position) => texts[position]!,
    (position, vector) => (vectors[position] = vector),
  );
  await embedAt(
    sentencePositions,
    (position) => sentenceTexts[position]!,
    (position, vector) => sentenceVectors.set(vector, position * dimension),
  );
  const embedMs = Date.now() - embedStarted;

  const lexicalStarted = Date.now();
  const lexical = buildLexicalIndex(texts);
  const lexicalMs = Date.now() - lexicalStarted;
  options.onProgress?.({ phase: 'index', done: chunks.length, total: chunks.length });

  const { manifest, indexMs } = await target.save({
    manifest: {
      formatVersion: INDEX_FORMAT_VERSION,
      builtAt: new Date().toISOString(),
      buildMs: 0,
      corpusHash: hash,
      documents: documents.map((document, i) => ({ id: document.id, file: document.file, hash: files[i]!.hash, chunks: chunksByDocument[i]!.length })),
      embedder: { id: options.embedder.id, dimension: options.embedder.dimension },
      chunker: { ...options.chunking, version: CHUNKER_VERSION },
      hnsw: options.hnsw,
      counts: { documents: documents.length, chunks: chunks.length, sentences: sentenceTexts.length, terms: Object.keys(lexical.postings).length },
    },
    startedAt: started,
    documents: byId,
    chunks,
    texts,
    lexical,
    vectors,
    sentenceVectors,
    reusedDocuments,
  });
  options.onProgress?.({ phase: 'save', done: 1, total: 1 });
  const read = documents.map((document) => ({
    file: document.file,
    ...(document.pages ? { pages: document.pages.length } : {}),
    characters: document.text.length,
    sections: document.sections.filter((section) => section.level >= 1).length,
  }));
  return { manifest, embedMs, indexMs: lexicalMs + indexMs, reusedDocuments, embeddedTexts: total, skipped, unread, read };
}
