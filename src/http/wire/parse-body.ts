import { z } from 'zod';

/**
 * `schema.safeParse(body)`, except that a body zod cannot inspect is a failed parse, not a thrown error: zod 4 runs a
 * length check (`.max()`, `.min()`) on any value with a `length` property even after the type check failed, and an
 * object whose `length` is itself an object (`{"history": {"length": {"toString": 0}}}`) then throws. Such a body is
 * reported at its field, with a zod issue of our making.
 */
export function safeParseBody<Schema extends z.ZodType>(schema: Schema, body: unknown): ReturnType<Schema['safeParse']> {
  try {
    return schema.safeParse(body) as ReturnType<Schema['safeParse']>;
  } catch {
    const field = Object.entries(typeof body === 'object' && body !== null ? body : {}).find(([, value]) => hasUninspectableLength(value))?.[0];
    const issue = { code: 'custom' as const, path: field ? [field] : [], message: 'has the wrong type', input: body };
    return { success: false, error: new z.ZodError([issue]) } as ReturnType<Schema['safeParse']>;
  }
}

/** A value with a `length` that is neither a number nor absent, at any depth: what makes zod's length checks throw. */
function hasUninspectableLength(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object' || value === null || depth > 8) return false;
  const length = (value as { length?: unknown }).length;
  if (length !== undefined && typeof length !== 'number') return true;
  return Object.values(value).some((inner) => hasUninspectableLength(inner, depth + 1));
}
