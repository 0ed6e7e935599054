import type { Server } from 'node:http';
import type { Logger } from '../observability/logger.js';

/** How often idle keep-alive connections are closed while draining, so clients reconnect elsewhere promptly. */
const IDLE_SWEEP_MS = 100;

/**
 * Stops accepting connections, lets in-flight requests finish, then resolves `drained`; resolves `forced` (with the
 * remaining connections cut) when they take longer than `graceMs`.
 */
export function shutdownGracefully(options: { server: Server; graceMs: number; logger: Logger }): Promise<'drained' | 'forced'> {
  const { server, logger } = options;
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const force = setTimeout(() => {
      clearInterval(sweep);
      logger.warn({ graceMs: options.graceMs }, 'shutdown: requests still running after the grace period; closing them');
      server.closeAllConnections();
      resolve('forced');
    }, options.graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(force);
      resolve('drained');
    });
    server.closeIdleConnections();
  });
}
