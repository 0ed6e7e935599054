import type { Chunk } from '../../domain/chunk.js';
import type { Document } from '../../domain/document.js';
import type { LexicalIndex } from '../bm25.js';
import type { Manifest } from '../manifest.js';

/** A build as the ingest pipeline has it in memory: what `saveIndex` takes, with vectors as arrays. */
export interface PostgresBuildInput {
  manifest: Omit<Manifest, 'buildId'>;
  /** Every document, in build order (the order of `manifest.documents`). */
  documents: Map<string, Document>;
  /** Every chunk, in build order: a document's chunks are contiguous. */
  chunks: Chunk[];
  lexical: LexicalIndex;
  /** One vector per chunk; `undefined` for the chunks of a reused document, whose vectors the store copies itself. */
  vectors: (number[] | undefined)[];
  /** Sentence vectors of every chunk, in chunk then sentence order (`dimension` floats each; zeros where the store copies them). */
  sentenceVectors: Float32Array;
  /** Unchanged documents whose rows (document, chunks, postings, vectors) are copied from a previous build by SQL. */
  reuse?: { fromBuild: number; documentIds: string[] };
}
