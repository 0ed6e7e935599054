import { dropBuild } from './build-tables.js';
import { transaction } from './transaction.js';
import type { ConnectionPool } from './connection-pool.js';

/**
 * How long a build may go without its writer's heartbeat before another ingest treats it as abandoned (the writer was
 * killed): twelve missed heartbeats, so a live writer that is merely slow is never taken for dead.
 */
export const ABANDONED_AFTER_SECONDS = 60;

/** Drops builds left in state `building` whose writer has not sent a heartbeat for `abandonedAfterSeconds`. */
export async function dropAbandonedBuilds(pool: ConnectionPool, abandonedAfterSeconds = ABANDONED_AFTER_SECONDS): Promise<number[]> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id FROM index_builds WHERE state = 'building' AND heartbeat_at < now() - make_interval(secs => $1) ORDER BY id`,
    [abandonedAfterSeconds],
  );
  return dropEach(pool, rows);
}

/**
 * Drops builds retired more than `graceSeconds` ago: by then every server has swapped to a newer build and finished
 * the requests it was answering from this one.
 */
export async function dropRetiredBuilds(pool: ConnectionPool, graceSeconds: number): Promise<number[]> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id FROM index_builds WHERE state = 'retired' AND retired_at <= now() - make_interval(secs => $1) ORDER BY id`,
    [graceSeconds],
  );
  return dropEach(pool, rows);
}

async function dropEach(pool: ConnectionPool, rows: { id: string }[]): Promise<number[]> {
  const dropped: number[] = [];
  for (const { id } of rows) {
    await transaction(pool, async (client) => {
      // Another ingest may be dropping the same build: the row lock makes one of them do it, the other skip it.
      const locked = await client.query(`SELECT 1 FROM index_builds WHERE id = $1 AND state <> 'current' FOR UPDATE SKIP LOCKED`, [id]);
      if (locked.rowCount === 1) {
        await dropBuild(client, Number(id));
        dropped.push(Number(id));
      }
    });
  }
  return dropped;
}
