import { createConnectionPool, type ConnectionPool } from '../../src/store/postgres/connection-pool.js';
import { startDevDatabase, type DevDatabase } from '../../src/store/postgres/dev-database.js';

/** Pool settings for tests: small, with timeouts short enough that a broken test fails rather than hangs. */
export const TEST_POOL_SETTINGS: { poolSize: number; statementTimeoutMs: number; connectTimeoutMs: number } = {
  poolSize: 4,
  statementTimeoutMs: 30_000,
  connectTimeoutMs: 2000,
};

/** An in-memory PGlite + pgvector on a free port, and pools on it that are ended when the database stops. */
export async function startTestDatabase(): Promise<DevDatabase & { pool(settings?: Partial<typeof TEST_POOL_SETTINGS>): ConnectionPool }> {
  const database = await startDevDatabase({ port: 0 });
  const pools: ConnectionPool[] = [];
  return {
    ...database,
    pool(settings = {}) {
      const pool = createConnectionPool({ ...TEST_POOL_SETTINGS, ...settings, url: database.url });
      pools.push(pool);
      return pool;
    },
    async stop() {
      await Promise.all(pools.map((pool) => pool.end().catch(() => {})));
      await database.stop();
    },
  };
}
