import type pg from 'pg';
import { PARTITIONED_TABLES } from './schema-migrations.js';

/** A build id as it appears in table names: always a positive integer, so a name built from it is safe SQL. */
function checkedId(buildId: number): number {
  if (!Number.isSafeInteger(buildId) || buildId <= 0) throw new Error(`Invalid build id ${buildId}`);
  return buildId;
}

/** The table holding one build's chunk vectors (`vector(d)`, with its own HNSW index). */
export function chunkVectorTable(buildId: number): string {
  return `index_chunk_vectors_${checkedId(buildId)}`;
}

/** Creates a build's partition of every per-build table, and its chunk-vector table. */
export async function createBuildTables(client: pg.ClientBase, buildId: number, dimension: number): Promise<void> {
  const id = checkedId(buildId);
  if (!Number.isInteger(dimension) || dimension <= 0) throw new Error(`Invalid vector dimension ${dimension}`);
  for (const table of PARTITIONED_TABLES) await client.query(`CREATE TABLE ${table}_${id} PARTITION OF ${table} FOR VALUES IN (${id})`);
  await client.query(`CREATE TABLE ${chunkVectorTable(id)} (chunk_index integer PRIMARY KEY, embedding vector(${dimension}) NOT NULL)`);
}

/** Drops everything a build wrote and its row: one statement per table, no row-by-row delete. */
export async function dropBuild(client: pg.ClientBase, buildId: number): Promise<void> {
  const id = checkedId(buildId);
  const tables = [...PARTITIONED_TABLES.map((table) => `${table}_${id}`), chunkVectorTable(id)];
  await client.query(`DROP TABLE IF EXISTS ${tables.join(', ')}`);
  await client.query('DELETE FROM index_builds WHERE id = $1', [id]);
}
