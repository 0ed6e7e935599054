import type { Embedder } from '../embeddings/embedder.js';
import { loadIndex, readManifest } from '../store/index-files.js';
import { chunkerMatches } from '../store/manifest.js';
import type { ChunkerSettings } from '../domain/chunk.js';
import { CHUNKER_VERSION } from './chunk-document.js';

/** What one unchanged document takes from the previous build. */
export interface ReusedDocument {
  chunkCount: number;
  sentenceCount: number;
  /**
   * Its vectors, when the store hands them to the pipeline (the file store). Absent when the store copies them from
   * the previous build itself (the Postgres store, by SQL).
   */
  vectors?: {
    /** One vector per chunk, in chunk order. */
    chunkVectors: number[][];
    /** Sentence vectors of the document's chunks, in chunk then sentence order, `dimension` floats each. */
    sentenceVectors: Float32Array;
  };
}

/** Looks up an unchanged document by id and content hash. */
export type VectorReuse = (documentId: string, hash: string) => ReusedDocument | undefined;

/**
 * Reads the current build so that an incremental ingest re-embeds only documents whose content hash changed.
 * Returns undefined (everything is embedded) when there is no usable previous build: none yet, another format,
 * another embedder or other chunker settings, since then no old vector is valid for the new chunks.
 */
export async function loadVectorReuse(options: { indexDir: string; embedder: Embedder; chunking: ChunkerSettings }): Promise<VectorReuse | undefined> {
  const manifest = await readManifest(options.indexDir);
  if (!manifest) return undefined;
  if (!chunkerMatches(manifest.chunker, { ...options.chunking, version: CHUNKER_VERSION })) return undefined;
  let previous;
  try {
    previous = await loadIndex(options.indexDir, options.embedder);
  } catch {
    // A missing, corrupt or foreign index is simply rebuilt from scratch.
    return undefined;
  }
  const { dimension } = previous.manifest.embedder;
  const firstChunk = new Map<string, number>();
  previous.chunks.forEach((chunk, chunkIndex) => {
    if (!firstChunk.has(chunk.sourceId)) firstChunk.set(chunk.sourceId, chunkIndex);
  });
  const hashes = new Map(previous.manifest.documents.map((document) => [document.id, document]));
  return (documentId, hash) => {
    const entry = hashes.get(documentId);
    const start = firstChunk.get(documentId);
    if (!entry || entry.hash !== hash || start === undefined) return undefined;
    const end = start + entry.chunks;
    const chunkVectors: number[][] = [];
    for (let chunkIndex = start; chunkIndex < end; chunkIndex += 1) chunkVectors.push(previous.vectors.vectorAt(chunkIndex));
    const sentenceStart = previous.sentenceBase[start]!;
    const sentenceEnd = end < previous.chunks.length ? previous.sentenceBase[end]! : previous.sentenceVectors.length / dimension;
    return {
      chunkCount: entry.chunks,
      sentenceCount: sentenceEnd - sentenceStart,
      vectors: { chunkVectors, sentenceVectors: previous.sentenceVectors.slice(sentenceStart * dimension, sentenceEnd * dimension) },
    };
  };
}
