import pg from 'pg';
import type { PostgresSettings } from '../../config.js';
import { transaction } from './transaction.js';

/** What a pool needs from the configuration. */
export type PoolSettings = Pick<PostgresSettings, 'poolSize' | 'statementTimeoutMs' | 'connectTimeoutMs'> & { url: string };

/**
 * The store's connections: pg's pool behind a `query` of our own (see `atomicStatements`). The store calls this object,
 * never the pg pool, which stays as pg made it.
 */
export interface ConnectionPool {
  /** Runs one statement; one with `values` as a transaction of its own. */
  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<Row>>;
  /** A pooled connection held for several statements (`transaction` takes and releases it). */
  connect(): Promise<pg.PoolClient>;
  /** Test seam: `listener` runs on every new connection (pg's `connect` event), e.g. to LISTEN on it. */
  on(event: 'connect', listener: (client: pg.PoolClient) => void): void;
  end(): Promise<void>;
}

/**
 * The store's pool, with the configured size and timeouts. The database cancels a statement after `statementTimeoutMs`;
 * the client also gives up a little later on its own (`query_timeout`), so a database that stops answering without
 * closing the connection (a paused host, a dropped network) fails the query instead of hanging the request.
 * A `statementTimeoutMs` of 0 sets no timeouts (the ingest's pool). `onError` receives errors of idle connections (the database restarting): without a listener they would crash the
 * process.
 */
export function createConnectionPool(settings: PoolSettings, onError: (error: Error) => void = () => {}): ConnectionPool {
  // 0 means no timeout: an ingest's index build runs for minutes.
  const timeouts =
    settings.statementTimeoutMs > 0
      ? {
          statement_timeout: settings.statementTimeoutMs,
          query_timeout: settings.statementTimeoutMs + CLIENT_TIMEOUT_MARGIN_MS,
          // A transaction left open by a crashed request must not hold locks (or, on PGlite, the whole database).
          idle_in_transaction_session_timeout: settings.statementTimeoutMs,
        }
      : {};
  const pool = new pg.Pool({
    connectionString: settings.url,
    max: settings.poolSize,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    ...timeouts,
    keepAlive: true,
    application_name: 'cite-assistant',
  });
  pool.on('error', onError);
  return atomicStatements(pool);
}

/**
 * `pool` with every `query(text, values)` a transaction of its own (a statement without values is one simple-protocol
 * message already). PGlite's multiplexer (`npm run db`, the tests) serves all connections from one session and keeps
 * a connection's turn only inside a transaction: without this, two replicas' statements interleave their
 * Parse/Bind/Execute messages and one fails with "unnamed prepared statement does not exist". PostgreSQL needs no
 * such care; there it costs two short round trips per statement, and every statement stays atomic as it was.
 */
function atomicStatements(pool: pg.Pool): ConnectionPool {
  return {
    query: <Row extends pg.QueryResultRow>(text: string, values?: unknown[]) =>
      values === undefined ? pool.query<Row>(text) : transaction(pool, (client) => client.query<Row>(text, values)),
    connect: () => pool.connect(),
    on: (event, listener) => void pool.on(event, listener),
    end: () => pool.end(),
  };
}

/** Time the client waits beyond the statement timeout, so the database's own cancellation normally wins. */
const CLIENT_TIMEOUT_MARGIN_MS = 1000;
