import type { ChunkerSettings } from '../../domain/chunk.js';
import { chunkerMatches, INDEX_FORMAT_VERSION } from '../manifest.js';
import { readCurrentBuild } from './current-build.js';
import type { ConnectionPool } from './connection-pool.js';

/** What an incremental ingest may copy from the current build: its id and, per document, its hash and sizes. */
export interface ReusableDocuments {
  fromBuild: number;
  documents: Map<string, { hash: string; chunkCount: number; sentenceCount: number }>;
}

/**
 * The current build's documents, for an incremental ingest to copy the unchanged ones; undefined when there is no
 * current build or its vectors are not valid for the new one (another format, embedder or chunker settings).
 */
export async function readReusableDocuments(
  pool: ConnectionPool,
  expected: { embedder: { id: string; dimension: number }; chunker: ChunkerSettings & { version: number } },
): Promise<ReusableDocuments | undefined> {
  const current = await readCurrentBuild(pool);
  if (!current) return undefined;
  const { manifest } = current;
  if (
    manifest.formatVersion !== INDEX_FORMAT_VERSION ||
    manifest.embedder.id !== expected.embedder.id ||
    manifest.embedder.dimension !== expected.embedder.dimension ||
    !chunkerMatches(manifest.chunker, expected.chunker)
  ) {
    return undefined;
  }
  const { rows } = await pool.query<{ document_id: string; chunk_count: number; sentence_count: number }>(
    'SELECT document_id, chunk_count, sentence_count FROM index_documents WHERE build_id = $1',
    [current.buildId],
  );
  const sizes = new Map(rows.map((row) => [row.document_id, row]));
  const documents: ReusableDocuments['documents'] = new Map();
  for (const entry of manifest.documents) {
    const size = sizes.get(entry.id);
    if (size) documents.set(entry.id, { hash: entry.hash, chunkCount: size.chunk_count, sentenceCount: size.sentence_count });
  }
  return { fromBuild: current.buildId, documents };
}
