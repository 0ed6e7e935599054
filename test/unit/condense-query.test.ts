import { describe, expect, it } from 'vitest';
import { condenseQuery } from '../../src/retrieve/condense-query.js';

const history = [
  { role: 'user' as const, content: 'What is the population of Geneva?' },
  { role: 'assistant' as const, content: "The sources don't say." },
];

describe('condenseQuery', () => {
  it.each([
    ['And when was it renamed?', true],
    ['What did he say about migrant deaths?', true],
    ['How do people take part in it?', true],
    ['Why?', true],
    // One word the question names, however many terms the index makes of it: a flag, a header name.
    ['With -v?', true],
    ['Under X-Forwarded-For?', true],
    ['When was IOM founded?', false],
    ['What are the roles of governments and NGOs in counter-trafficking?', false],
  ])('%s → follow-up: %s', (question, followUp) => {
    const query = condenseQuery(question, history);
    expect(query.followUp).toBe(followUp);
    expect(query.lexicalParts.some((part) => part.text.includes('Geneva'))).toBe(followUp);
  });

  it('never folds anything in without history', () => {
    expect(condenseQuery('And when was it renamed?', [])).toEqual({
      denseText: 'And when was it renamed?',
      lexicalParts: [{ text: 'And when was it renamed?', weight: 1 }],
      followUp: false,
    });
  });

  it('weighs the borrowed turns below the question', () => {
    const query = condenseQuery('And when?', history);
    const weights = query.lexicalParts.map((part) => part.weight);
    expect(weights[0]).toBe(1);
    expect(Math.max(...weights.slice(1))).toBeLessThan(1);
  });
});
