import type pg from 'pg';

/**
 * Runs `work` in one transaction on one pooled connection: committed when it resolves, rolled back when it throws.
 * `pool` is the store's `ConnectionPool` or, inside it, pg's own pool (named by shape: that module imports this one).
 */
export async function transaction<T>(pool: Pick<pg.Pool, 'connect'>, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await checkOut(pool);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * A pooled connection held for several statements. A connection lost while held (the database restarting, the
 * network dropping) emits `error` on the client, and an `error` event nobody listens to ends the process: the
 * statement in flight fails with the same error, so the event itself is only noted until the client is released
 * (the pool then discards it).
 */
async function checkOut(pool: Pick<pg.Pool, 'connect'>): Promise<pg.PoolClient> {
  const client = await pool.connect();
  const ignore = () => {};
  client.on('error', ignore);
  const release = client.release.bind(client);
  client.release = (error?: Error | boolean) => {
    client.off('error', ignore);
    return release(error);
  };
  return client;
}
