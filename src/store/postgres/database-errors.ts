import { AppError } from '../../errors.js';

/** Seconds a client is told to wait (`Retry-After`) when the database is unreachable. */
const RETRY_AFTER_SECONDS = 5;

/**
 * SQLSTATE classes and codes that mean "the database cannot answer now" rather than "this query is wrong":
 * connection exceptions (08), insufficient resources (53), operator intervention (57: shutdown, statement timeout
 * 57014), system errors (58), and an undefined table (42P01: the build was dropped under a slow reader).
 */
function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (/^(08|53|57|58)/.test(code) || code === '42P01') return true;
    // Node socket errors (ECONNREFUSED, ECONNRESET, ETIMEDOUT, EPIPE, …).
    if (code.startsWith('E')) return true;
  }
  // pg's own client-side failures carry no code.
  return /timeout|Connection terminated|connection to the database|Client has encountered a connection error|Client was closed/i.test(error.message);
}

/** The error a read should throw: `index_unavailable` (503) when the database is down, slow or gone, else as is. */
export function asIndexError(error: unknown): unknown {
  if (error instanceof AppError || !isUnavailable(error)) return error;
  return new AppError('index_unavailable', `The index database is unavailable (${(error as Error).message}); retry shortly.`, {
    cause: error,
    retryAfterSeconds: RETRY_AFTER_SECONDS,
  });
}

/** Runs a database read, turning "the database is down or too slow" into `AppError('index_unavailable')`. */
export async function readingIndex<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw asIndexError(error);
  }
}
