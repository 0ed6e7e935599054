import { AppError } from '../../errors.js';
import type { IndexReader } from '../../store/index-reader.js';

/**
 * The index the server answers from, or why there is none. Swapping in a new index is one assignment, so a request
 * sees either the old index or the new one, never a mix.
 */
export class IndexHandle {
  private index: IndexReader | undefined;
  private problem: AppError;

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
}
