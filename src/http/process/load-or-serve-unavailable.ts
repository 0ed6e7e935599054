import { AppError, isAppError } from '../../errors.js';
import type { IndexReader } from '../../store/index-reader.js';
import type { Logger } from '../observability/logger.js';
import type { IndexHandle } from './index-handle.js';

/**
 * Puts the index `load` reads into `handle` at start-up, for either store. When it cannot be read, the handle keeps
 * why instead and the server starts anyway: `/healthz` and `/api/*` answer 503 `index_unavailable` with the fix
 * rather than the process crash-looping, until the index reloader swaps a readable index in.
 */
export async function loadOrServeUnavailable(options: {
  handle: IndexHandle;
  load: () => Promise<IndexReader>;
  /** The 503's message for a failure that is not an `AppError` already (one that is keeps its own code and message). */
  unavailableMessage: (error: Error) => string;
  logger: Logger;
  /** Logged beside the error's code: where the index was looked for. */
  logFields?: Record<string, unknown>;
}): Promise<void> {
  const { handle, logger } = options;
  try {
    handle.set(await options.load());
  } catch (error) {
    const problem = isAppError(error) ? error : new AppError('index_unavailable', options.unavailableMessage(error as Error));
    handle.fail(problem);
    logger.error({ code: problem.code, ...options.logFields }, problem.message);
  }
}
