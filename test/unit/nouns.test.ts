import { describe, expect, it } from 'vitest';
import { nounsIn } from '../../src/text/nouns.js';

describe('the nouns of a question', () => {
  it.each([
    ['How do I tune a ukulele?', ['ukulele']],
    ['When was IOM founded?', ['IOM']],
    ['Which port does the server listen on?', ['port', 'server']],
    // Verbs, pronouns and question words are not what a question is about.
    ['How do I quit?', []],
  ])('%j names %j', (question, nouns) => {
    expect(nounsIn(question)).toEqual(nouns);
  });
});
