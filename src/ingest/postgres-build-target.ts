import type { PostgresSettings } from '../config.js';
import { createConnectionPool } from '../store/postgres/connection-pool.js';
import { readCurrentBuild } from '../store/postgres/current-build.js';
import { readReusableDocuments } from '../store/postgres/reusable-documents.js';
import { writePostgresBuild } from '../store/postgres/write-postgres-build.js';
import type { BuildTarget } from './build-target.js';
import { CHUNKER_VERSION } from './chunk-document.js';

/** Connections an ingest uses: it writes one batch at a time, and housekeeping needs one more. */
const INGEST_POOL_SIZE = 2;

/**
 * The Postgres store as a build target: rows written under a new build id, the current build switched in one
 * transaction. Unchanged documents are not embedded again: their rows are copied from the current build by SQL.
 */
export function postgresBuildTarget(settings: PostgresSettings, options: { beforeCommit?: (buildId: number) => Promise<void> } = {}): BuildTarget {
  if (!settings.url) throw new Error('INDEX_STORE=postgres needs DATABASE_URL');
  // No statement timeout: copying a large build's postings or building its HNSW graph takes minutes.
  const pool = createConnectionPool({ ...settings, url: settings.url, poolSize: INGEST_POOL_SIZE, statementTimeoutMs: 0 });
  let fromBuild: number | undefined;
  return {
    description: `PostgreSQL (${new URL(settings.url).host})`,
    currentManifest: async () => (await readCurrentBuild(pool))?.manifest,
    async loadReuse({ embedder, chunking }) {
      const reusable = await readReusableDocuments(pool, {
        embedder: { id: embedder.id, dimension: embedder.dimension },
        chunker: { ...chunking, version: CHUNKER_VERSION },
      });
      if (!reusable) return undefined;
      fromBuild = reusable.fromBuild;
      return (documentId, hash) => {
        const document = reusable.documents.get(documentId);
        return document && document.hash === hash ? { chunkCount: document.chunkCount, sentenceCount: document.sentenceCount } : undefined;
      };
    },
    async save(build) {
      const started = Date.now();
      if (build.reusedDocuments.length > 0 && fromBuild === undefined) throw new Error('documents were reused but no previous build was read');
      const manifest = await writePostgresBuild(
        pool,
        {
          manifest: build.manifest,
          documents: build.documents,
          chunks: build.chunks,
          lexical: build.lexical,
          vectors: build.vectors,
          sentenceVectors: build.sentenceVectors,
          ...(fromBuild !== undefined && build.reusedDocuments.length > 0 ? { reuse: { fromBuild, documentIds: build.reusedDocuments } } : {}),
        },
        { graceSeconds: settings.buildGraceSeconds, startedAt: build.startedAt, ...(options.beforeCommit ? { beforeCommit: options.beforeCommit } : {}) },
      );
      return { manifest, indexMs: Date.now() - started };
    },
    close: () => pool.end(),
  };
}
