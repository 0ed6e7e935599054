import type { ChunkerSettings } from '../domain/chunk.js';
import type { Embedder } from '../embeddings/embedder.js';
import type { Manifest } from '../store/manifest.js';
import type { PostgresBuildInput } from '../store/postgres/postgres-build-input.js';
import type { VectorReuse } from './reuse-vectors.js';

/**
 * A build as the pipeline hands it to a store, before it has an id: the in-memory build the Postgres writer takes
 * (which the file store reads as well), with the ingest's own additions. The manifest's `buildMs` is set by the
 * target, when the build is complete (`Date.now() - startedAt`); a reused document's vectors and sentence vectors
 * are left for the store to copy.
 */
export interface BuildToSave extends Omit<PostgresBuildInput, 'reuse'> {
  /** When the ingest started (`Date.now()`). */
  startedAt: number;
  /** Each chunk's searchable text (title, section path and text). */
  texts: string[];
  /** Ids of unchanged documents whose vectors were not embedded again. */
  reusedDocuments: string[];
}

/**
 * Where `buildIndex` writes a build: the file store (`index/`, the default) or the Postgres store, chosen by
 * `INDEX_STORE` (create-build-target.ts). The pipeline (load, chunk, embed, lexical index) is the same for both.
 */
export interface BuildTarget {
  /** Where builds go, for messages ("index/", "postgres build 12"). */
  readonly description: string;
  /** The current build's manifest, to tell whether it is stale; undefined when there is none. */
  currentManifest(): Promise<Manifest | undefined>;
  /** What unchanged documents may take from the current build instead of being embedded again; undefined for nothing. */
  loadReuse(options: { embedder: Embedder; chunking: ChunkerSettings }): Promise<VectorReuse | undefined>;
  /** Writes the build and makes it current (atomically: a crash leaves the previous one current). */
  save(build: BuildToSave): Promise<{ manifest: Manifest; indexMs: number }>;
  /** Releases connections (the Postgres store); the file store has nothing to release. */
  close(): Promise<void>;
}
