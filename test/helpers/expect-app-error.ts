import { expect } from 'vitest';
import { AppError, type ErrorCode } from '../../src/errors.js';

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
