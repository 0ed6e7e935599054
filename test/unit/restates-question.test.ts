import { describe, expect, it } from 'vitest';
import { restatesQuestion } from '../../src/answer/extractive/select-sentences.js';
import { groupSynonymsOf } from '../../src/text/synonyms.js';
import { terms } from '../../src/text/tokenize.js';

const restates = (sentence: string, question: string) => restatesQuestion(sentence, terms(question), groupSynonymsOf);

describe('a lead that restates the question', () => {
  it('is a sentence made mostly of the question’s words', () => {
    const question = 'How do I reset the editor layout if dragging the panels back does not work?';
    expect(restates('If dragging the panels back does not work, you can reset the editor layout.', question)).toBe(true);
  });
  it('is not a sentence that says something of its own', () => {
    const question = 'How do I reset the editor layout if dragging the panels back does not work?';
    expect(restates('Choose Window > Restore Default Panels from the menu bar, then restart the program.', question)).toBe(false);
  });
  it('is not an empty sentence', () => {
    expect(restates('', 'How is the layout reset?')).toBe(false);
  });
});
