import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { AppError, type ErrorCode } from '../../src/errors.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export const REPO_ROOT = path.resolve(here, '../..');
export const REAL_CORPUS_DIR = path.join(REPO_ROOT, 'corpus');
export const REAL_ARTICLE_FILE = 'international-organization-for-migration.txt';
export const SMALL_CORPUS_DIR = path.join(REPO_ROOT, 'test/fixtures/corpus-small');

export function readRealArticle(): string {
  return readFileSync(path.join(REAL_CORPUS_DIR, REAL_ARTICLE_FILE), 'utf8');
}

/** Awaits a promise that must reject with an `AppError` of `code`; returns the error for further checks. */
export async function expectAppError(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

/** Runs `action`, which must throw an `AppError` of `code`; returns it. */
export function expectAppErrorSync(action: () => unknown, code: ErrorCode): AppError {
  let error: unknown;
  try {
    action();
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}
