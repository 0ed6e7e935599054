import type { ChunkerSettings } from '../domain/chunk.js';
import { AppError } from '../errors.js';
import type { HnswSettings } from './hnsw-vector-store.js';

/**
 * A build's manifest: what the index was built from and with (corpus hash, embedder, chunker settings), so a server
 * can tell a current index from a stale one and refuse one built with another embedder.
 */
export const INDEX_FORMAT_VERSION = 2;

export interface Manifest {
  formatVersion: number;
  buildId: string;
  builtAt: string;
  buildMs: number;
  corpusHash: string;
  documents: { id: string; file: string; hash: string; chunks: number }[];
  embedder: { id: string; dimension: number };
  chunker: ChunkerSettings & { version: number };
  hnsw: HnswSettings;
  counts: { documents: number; chunks: number; sentences: number; terms: number };
}

export function assertEmbedderMatches(manifest: Manifest, embedder: { id: string; dimension: number }): void {
  if (manifest.embedder.id !== embedder.id || manifest.embedder.dimension !== embedder.dimension) {
    throw new AppError(
      'index_unavailable',
      `The index was built with embedder ${manifest.embedder.id} (${manifest.embedder.dimension}-d) but ${embedder.id} (${embedder.dimension}-d) is configured. Run \`npm run ingest\` to rebuild it.`,
    );
  }
}

/** Whether chunks were cut with these settings (and this chunker's version): only then are their vectors reusable. */
export function chunkerMatches(chunker: ChunkerSettings & { version: number }, expected: ChunkerSettings & { version: number }): boolean {
  return chunker.version === expected.version && chunker.chunkSize === expected.chunkSize && chunker.overlapSentences === expected.overlapSentences;
}

/** Why an index must be rebuilt before serving, or undefined when it is current. */
export function staleReason(
  manifest: Manifest | undefined,
  expected: { corpusHash: string; embedderId: string; chunker: ChunkerSettings & { version: number } },
): string | undefined {
  if (!manifest) return 'no index has been built';
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) return 'the index format changed';
  if (manifest.embedder.id !== expected.embedderId) return `the embedder changed (${manifest.embedder.id} → ${expected.embedderId})`;
  if (manifest.corpusHash !== expected.corpusHash) return 'the corpus changed';
  if (!chunkerMatches(manifest.chunker, expected.chunker)) return 'the chunker settings changed';
  return undefined;
}
