import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { Chunk } from '../domain/chunk.js';
import type { Document } from '../domain/document.js';
import type { Manifest } from './manifest.js';

/** A chunk found by a search, with its score (BM25, or cosine similarity for dense search; larger is better). */
export interface ChunkHit {
  chunkIndex: number;
  score: number;
}

/** A document as listed by `GET /api/sources`: no text. */
export interface DocumentSummary {
  id: string;
  title: string;
  url?: string;
  /** Titles of its sections of level ≥ 1, in order. */
  sectionTitles: string[];
}

/** How every store lists a document: its sections of level ≥ 1 (the lead and infobox, level 0, are not listed). */
export function documentSummary(document: Document): DocumentSummary {
  return {
    id: document.id,
    title: document.title,
    ...(document.url ? { url: document.url } : {}),
    sectionTitles: document.sections.filter((section) => section.level >= 1).map((section) => section.title),
  };
}

/**
 * What retrieval and answering read from one build of the index. Every method is asynchronous so that a store may
 * answer by querying a database (PostgreSQL) as well as from memory (the file store); every call on one reader reads
 * the same build, so a request that holds a reader never sees two builds.
 *
 * Chunks are numbered 0…n-1 in build order (document by document, so one document's chunks are contiguous); the
 * number is the chunk's identity within the build. Both stores must rank identically: lexical scores are BM25 exactly
 * as `bm25.ts` computes it (k1 1.2, b 0.75, idf `ln(1 + (N - df + 0.5) / (df + 0.5))`, a chunk's length its number of
 * terms), ties broken by chunk order.
 */
export interface IndexReader {
  readonly manifest: Manifest;
  /** The query encoder: the one the build was embedded with (its id and dimension checked against the manifest). */
  readonly embeddings: EmbeddingsInterface;

  /** BM25 over weighted query terms (term → weight), the best `limit` chunks, best first. */
  searchLexical(queryTerms: Map<string, number>, limit: number): Promise<ChunkHit[]>;
  /** BM25 of the given chunks for the same query, in the order given (0 for a chunk with none of the terms). */
  scoreLexical(queryTerms: Map<string, number>, chunkIndices: number[]): Promise<number[]>;
  /** How many chunks hold each term (0 for a term no chunk has), and the number of chunks in the build. */
  termFrequencies(terms: string[]): Promise<{ chunkCount: number; frequencies: Map<string, number> }>;
  /**
   * Chunks that hold every one of `terms`, in chunk order, at most `limit`; with `sourceId`, only that document's.
   * Empty when `terms` is empty or one of them is unknown.
   */
  chunksWithAllTerms(terms: string[], options: { limit: number; sourceId?: string }): Promise<number[]>;

  /** The `limit` chunks whose vectors are nearest to `vector` by cosine similarity, best first. */
  searchDense(vector: number[], limit: number): Promise<ChunkHit[]>;
  /** The stored vectors of the given chunks, in the order given. */
  chunkVectors(chunkIndices: number[]): Promise<number[][]>;
  /**
   * The unit vectors of each given chunk's sentences (`chunk.sentences.length × dimension` floats, in sentence order),
   * in the order given.
   */
  sentenceVectors(chunkIndices: number[]): Promise<Float32Array[]>;

  /** The given chunks, in the order given; throws for an index outside the build. */
  chunks(chunkIndices: number[]): Promise<Chunk[]>;
  /** The documents with these ids that exist in the build (with their clean text, sections, blocks, references). */
  documents(ids: string[]): Promise<Map<string, Document>>;
  /** Every document of the build, without text, in build order. */
  documentSummaries(): Promise<DocumentSummary[]>;
}
