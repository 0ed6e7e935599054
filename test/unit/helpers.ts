import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import { AppError, type ErrorCode } from '../../src/errors.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export const REPO_ROOT = path.resolve(here, '../..');
export const REAL_CORPUS_DIR = path.join(REPO_ROOT, 'corpus');
export const REAL_ARTICLE_FILE = 'international-organization-for-migration.txt';
export const SMALL_CORPUS_DIR = path.join(REPO_ROOT, 'test/fixtures/corpus-small');

/** Cosine similarity of two vectors of the same length. */
export function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i += 1) {
    dot += a[i]! * b[i]!;
    normA += a[i]! ** 2;
    normB += b[i]! ** 2;
  }
  return dot / Math.sqrt(normA * normB);
}

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

/** A maker of temporary folders named `prefix…`, all removed after the file's tests. */
export function temporaryFolders(prefix: string): () => Promise<string> {
  const folders: string[] = [];
  afterAll(async () => {
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  });
  return async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), prefix));
    folders.push(folder);
    return folder;
  };
}
