import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** A running development database and how to reach it. */
export interface DevDatabase {
  /** `postgres://postgres@127.0.0.1:<port>/postgres?sslmode=disable` */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * How many client connections the multiplexer accepts at once: a server's pool (DB_POOL_SIZE, 10) plus its build
 * watcher, times a few servers and an ingest. PGlite runs one query at a time whatever this is; it only bounds sockets.
 */
const MAX_CONNECTIONS = 100;

/**
 * PostgreSQL compiled to WebAssembly (PGlite) with pgvector, behind pglite-socket's multiplexer so that several `pg`
 * clients (servers, an ingest, a test) reach it over the ordinary wire protocol, as they would a managed Postgres.
 * `dir` undefined keeps the data in memory (tests); `port` 0 picks a free port.
 *
 * Differences from a real server that the program must tolerate: every connection shares one backend session (one
 * query or transaction at a time; session advisory locks are shared), and a NOTIFY is delivered to the connection
 * that sent it rather than to the listeners, so replicas notice a new build by polling (CurrentBuildWatcher does both).
 */
export async function startDevDatabase(options: { port: number; dir?: string; host?: string }): Promise<DevDatabase> {
  if (options.dir) await mkdir(options.dir, { recursive: true });
  const database = await PGlite.create({ ...(options.dir ? { dataDir: options.dir } : {}), extensions: { vector } });
  const host = options.host ?? '127.0.0.1';
  const server = new PGLiteSocketServer({ db: database, port: options.port, host, maxConnections: MAX_CONNECTIONS });
  try {
    await server.start();
  } catch (error) {
    await database.close();
    throw error;
  }
  const port = Number(server.getServerConn().split(':').pop());
  let stopped: Promise<void> | undefined;
  return {
    url: `postgres://postgres@${host}:${port}/postgres?sslmode=disable`,
    port,
    stop: () =>
      (stopped ??= (async () => {
        await server.stop();
        await database.close();
      })()),
  };
}
