import { AppError, isAppError } from '../../errors.js';
import type { IndexReader } from '../../store/index-reader.js';

/**
 * The index the server answers from, or why there is none. Swapping in a new index is one assignment, so a request
 * sees either the old index or the new one, never a mix.
 */
export class IndexHandle {
  private index: IndexReader | undefined;
  private problem: AppError;
  private probe: (() => Promise<void>) | undefined;

  constructor(index?: IndexReader, problem?: AppError) {
    this.index = index;
    this.problem = problem ?? new AppError('index_unavailable', 'The index is not loaded yet. Run `npm run ingest`, then restart the server.');
  }

  get ready(): boolean {
    return this.index !== undefined;
  }

  /** The current index; throws `index_unavailable` (503) with the fix when there is none. */
  get(): IndexReader {
    if (!this.index) throw this.problem;
    return this.index;
  }

  set(index: IndexReader): void {
    this.index = index;
  }

  fail(problem: AppError): void {
    this.index = undefined;
    this.problem = problem;
  }

  get error(): AppError | undefined {
    return this.index ? undefined : this.problem;
  }

  /** How to check, on demand, that the index can still be read (a database store: is the database there?). */
  setProbe(probe: () => Promise<void>): void {
    this.probe = probe;
  }

  /** Why the index cannot be read now, or undefined: no index loaded, or the probe failed. */
  async check(): Promise<AppError | undefined> {
    if (!this.index) return this.problem;
    try {
      await this.probe?.();
      return undefined;
    } catch (error) {
      return isAppError(error) ? error : new AppError('index_unavailable', `The index cannot be read: ${(error as Error).message}`);
    }
  }
}
