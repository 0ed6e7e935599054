import type { Manifest } from '../manifest.js';
import type { ConnectionPool } from './connection-pool.js';

/** The LISTEN/NOTIFY channel a writer notifies, with the new build id as payload, when it switches the current build. */
export const BUILDS_CHANNEL = 'cite_index_builds';

/** The id of the current build, or undefined when none has been written (or the schema is not there yet). */
export async function readCurrentBuildId(queryable: Pick<ConnectionPool, 'query'>): Promise<number | undefined> {
  try {
    const { rows } = await queryable.query<{ id: string }>(`SELECT id FROM index_builds WHERE state = 'current'`);
    return rows[0] ? Number(rows[0].id) : undefined;
  } catch (error) {
    // 42P01: no index_builds table yet, i.e. nothing was ever ingested into this database.
    if ((error as { code?: string }).code === '42P01') return undefined;
    throw error;
  }
}

/** The current build's id and manifest, or undefined when there is none. */
export async function readCurrentBuild(queryable: Pick<ConnectionPool, 'query'>): Promise<{ buildId: number; manifest: Manifest } | undefined> {
  try {
    const { rows } = await queryable.query<{ id: string; manifest: Manifest }>(`SELECT id, manifest FROM index_builds WHERE state = 'current'`);
    return rows[0] ? { buildId: Number(rows[0].id), manifest: rows[0].manifest } : undefined;
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return undefined;
    throw error;
  }
}
