import { EventEmitter } from 'node:events';
import pg from 'pg';
import { BUILDS_CHANNEL, readCurrentBuildId } from './current-build.js';
import type { ConnectionPool } from './connection-pool.js';

export interface CurrentBuildWatcherOptions {
  /** For the LISTEN connection, which must be a dedicated session (never a pooled one). */
  url: string;
  connectTimeoutMs: number;
  /** For the polling read. */
  pool: ConnectionPool;
  pollIntervalMs?: number;
  /** Failures of the LISTEN connection or of a poll; the watcher keeps retrying whatever this does. */
  onError?: (error: Error) => void;
}

/**
 * How often the current build id is read even when no NOTIFY came: a listener misses notifications while its
 * connection is down, and behind a transaction-mode pooler (PgBouncer) or on the development database (PGlite's
 * multiplexer) NOTIFY never reaches it. Two seconds keeps every replica within the 5 s of a switch.
 */
export const POLL_INTERVAL_MS = 2000;
/** Wait before reconnecting the LISTEN connection after it drops, doubled up to `MAX_RECONNECT_DELAY_MS`. */
const FIRST_RECONNECT_DELAY_MS = 500;
const MAX_RECONNECT_DELAY_MS = 10_000;

/**
 * Watches which build is current: LISTENs on `BUILDS_CHANNEL` on a dedicated connection (re-subscribing after it
 * drops) and polls as a fallback, emitting `change` with the new build id whenever it differs from the last seen.
 */
export class CurrentBuildWatcher extends EventEmitter<{ change: [buildId: number] }> {
  private readonly options: CurrentBuildWatcherOptions;
  private listener: pg.Client | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnectDelayMs = FIRST_RECONNECT_DELAY_MS;
  private stopped = false;
  private polling: Promise<void> | undefined;
  private known: number | undefined;

  constructor(options: CurrentBuildWatcherOptions) {
    super();
    this.options = options;
  }

  /** The current build id as last seen, or undefined before the first successful read. */
  get currentBuildId(): number | undefined {
    return this.known;
  }

  /** Reads the current build once and starts listening and polling; never throws for a database that is down. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.poll();
    await this.listen();
    const interval = this.options.pollIntervalMs ?? POLL_INTERVAL_MS;
    this.pollTimer = setInterval(() => void this.poll(), interval);
    this.pollTimer.unref();
  }

  /** Reads the current build id now (also what a notification triggers); emits `change` when it moved. */
  async poll(): Promise<void> {
    // One read at a time: a notification arriving during a poll joins it.
    this.polling ??= (async () => {
      try {
        const current = await readCurrentBuildId(this.options.pool);
        if (current !== undefined && current !== this.known && !this.stopped) {
          this.known = current;
          this.emit('change', current);
        }
      } catch (error) {
        this.options.onError?.(error as Error);
      } finally {
        this.polling = undefined;
      }
    })();
    return this.polling;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => {});
    await this.polling;
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.options.url, connectionTimeoutMillis: this.options.connectTimeoutMs, keepAlive: true });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (error) this.options.onError?.(error);
      if (this.listener === client) this.listener = undefined;
      client.end().catch(() => {});
      this.scheduleReconnect();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      if (message.channel === BUILDS_CHANNEL) void this.poll();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${BUILDS_CHANNEL}`);
      if (this.stopped) {
        await client.end();
        return;
      }
      this.listener = client;
      this.reconnectDelayMs = FIRST_RECONNECT_DELAY_MS;
      // A switch may have happened while no one was listening.
      void this.poll();
    } catch (error) {
      onLost(error as Error);
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.listen();
    }, this.reconnectDelayMs);
    this.reconnectTimer.unref();
    this.reconnectDelayMs = Math.min(MAX_RECONNECT_DELAY_MS, this.reconnectDelayMs * 2);
  }
}
