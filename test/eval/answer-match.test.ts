import { describe, expect, it } from 'vitest';
import { normaliseForMatch } from '../../src/eval/run-eval.js';

/** The eval counts an answer right when it contains an expected answer string; both are read alike. */
const contains = (answer: string, expected: string) => normaliseForMatch(answer).includes(normaliseForMatch(expected));

describe('how the eval matches an expected answer in an answer', () => {
  it('reads typographic quotes and primes as the straight marks a question writer types, as the evidence locator does', () => {
    expect(contains('The cable must be 5′11″ long. [1]', `5'11"`)).toBe(true);
    expect(contains('The lowest quote mark is „ here, and it‚s kept. [1]', "it's")).toBe(true);
    expect(contains('It isn’t set by default. [2]', "isn't")).toBe(true);
  });

  it('ignores citation markers, case and hyphenation, and still tells different words apart', () => {
    expect(contains('Use the Long-Passive command [1] (LPSV).', 'long passive command (lpsv)')).toBe(true);
    expect(contains('Use the LPRT command. [1]', 'LPSV')).toBe(false);
  });
});
