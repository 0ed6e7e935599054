import type { Manifest } from '../manifest.js';
import { ABANDONED_AFTER_SECONDS, dropAbandonedBuilds, dropRetiredBuilds } from './build-housekeeping.js';
import { chunkVectorTable, createBuildTables, dropBuild } from './build-tables.js';
import { BUILDS_CHANNEL } from './current-build.js';
import type { PostgresBuildInput } from './postgres-build-input.js';
import { migrateSchema, PARTITIONED_TABLES } from './schema-migrations.js';
import { transaction } from './transaction.js';
import { writeBuildRows } from './write-build-rows.js';
import type { ConnectionPool } from './connection-pool.js';

export interface WriteBuildOptions {
  /** How long a replaced build stays readable before it is dropped (`BUILD_GRACE_SECONDS`). */
  graceSeconds: number;
  /** Builds in state `building` without a heartbeat for this long are dropped as abandoned. */
  abandonedAfterSeconds?: number;
  /** When the ingest started (`Date.now()`): the manifest's `buildMs` is measured from it to the switch. */
  startedAt?: number;
  /** Test seam: runs after every row is written, before the build becomes current. */
  beforeCommit?: (buildId: number) => Promise<void>;
}

/** How often a writer marks its build alive; `ABANDONED_AFTER_SECONDS` is twelve of these. */
const HEARTBEAT_MS = 5000;

/**
 * Writes a build into Postgres under a new build id and makes it the current one. Rows go in batches, each in its own
 * short transaction (so servers keep reading meanwhile); the switch is one transaction that retires the previous
 * current build, promotes this one and NOTIFYs `BUILDS_CHANNEL` with the new id. A writer killed before the switch
 * leaves the previous build current and its own in state `building`, which the next ingest drops once its heartbeat
 * is stale. Retired builds are dropped after the grace period.
 */
export async function writePostgresBuild(pool: ConnectionPool, build: PostgresBuildInput, options: WriteBuildOptions): Promise<Manifest> {
  await migrateSchema(pool);
  await dropAbandonedBuilds(pool, options.abandonedAfterSeconds ?? ABANDONED_AFTER_SECONDS);
  await dropRetiredBuilds(pool, options.graceSeconds);

  const dimension = build.manifest.embedder.dimension;
  const buildId = await transaction(pool, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO index_builds (state, dimension, chunk_count, average_length, manifest) VALUES ('building', $1, $2, $3, $4) RETURNING id`,
      [dimension, build.chunks.length, build.lexical.averageLength, build.manifest],
    );
    const id = Number(rows[0]!.id);
    await createBuildTables(client, id, dimension);
    return id;
  });
  const heartbeat = setInterval(() => {
    pool.query('UPDATE index_builds SET heartbeat_at = now() WHERE id = $1', [buildId]).catch(() => {});
  }, HEARTBEAT_MS);
  heartbeat.unref();
  try {
    await writeBuildRows(pool, buildId, build);
    await transaction(pool, async (client) => {
      // The graph is built once, after loading: faster than growing it row by row, and it can take minutes.
      await client.query('SET LOCAL statement_timeout = 0');
      await client.query(
        `CREATE INDEX ON ${chunkVectorTable(buildId)} USING hnsw (embedding vector_cosine_ops) WITH (m = ${Math.trunc(build.manifest.hnsw.m)}, ef_construction = ${Math.trunc(build.manifest.hnsw.efConstruction)})`,
      );
    });
    await analyzeBuild(pool, buildId);
    await options.beforeCommit?.(buildId);
    const buildMs = options.startedAt === undefined ? build.manifest.buildMs : Date.now() - options.startedAt;
    const manifest: Manifest = { ...build.manifest, buildMs, buildId: String(buildId) };
    await transaction(pool, async (client) => {
      // Retire first: at most one build is current at any moment (a unique index holds it).
      await client.query(`UPDATE index_builds SET state = 'retired', retired_at = now() WHERE state = 'current'`);
      const promoted = await client.query(
        `UPDATE index_builds SET state = 'current', switched_at = now(), manifest = $2 WHERE id = $1 AND state = 'building'`,
        [buildId, manifest],
      );
      if (promoted.rowCount !== 1) throw new Error(`build ${buildId} was dropped before it could be made current (another ingest took it for abandoned)`);
      await client.query('SELECT pg_notify($1, $2)', [BUILDS_CHANNEL, String(buildId)]);
    });
    clearInterval(heartbeat);
    await dropRetiredBuilds(pool, options.graceSeconds);
    return manifest;
  } catch (error) {
    clearInterval(heartbeat);
    await transaction(pool, (client) => dropBuild(client, buildId)).catch(() => {});
    throw error;
  }
}

/** Fresh statistics for the new partitions, so the planner reads them by key rather than by guess. */
async function analyzeBuild(pool: ConnectionPool, buildId: number): Promise<void> {
  await pool.query(`ANALYZE index_builds, ${PARTITIONED_TABLES.map((table) => `${table}_${buildId}`).join(', ')}, ${chunkVectorTable(buildId)}`);
}
