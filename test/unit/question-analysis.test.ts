import { describe, expect, it } from 'vitest';
import { figureKinds } from '../../src/answer/figures.js';
import { questionEntities } from '../../src/answer/question-signals.js';
import { stem } from '../../src/text/tokenize.js';
import { countedNouns, expectedAnswerType, matchesAnswerType, questionParts, requiredNumbers } from '../../src/answer/question-analysis.js';

// Words a corpus writes in lower case somewhere: capitalised in a sentence, they belong to a title, not a name.
const common = new Set(['international', 'migrants', 'day', 'organization', 'immigration', 'border', 'management', 'team', 'government']);
const isCommonWord = (word: string) => common.has(word);

describe('answer types', () => {
  it.each([
    ['When was IOM founded?', 'date'],
    ['How many staff does IOM have?', 'number'],
    ['Who heads IOM?', 'person'],
    ['Where is IOM headquartered?', 'place'],
    ['In which city was the Constitution concluded?', 'placeName'],
    ['What country hosts the headquarters?', 'placeName'],
    ['What are the four pillars?', 'list'],
  ])('%s wants a %s', (question, type) => {
    expect(expectedAnswerType(question)).toBe(type);
  });

  it('a "who" answer is a name the question lacks, not a title-cased event', () => {
    const sentence = 'Observing International Migrants Day on 18 December 2013, the Director General, William Lacy Swing noted a record.';
    expect(matchesAnswerType('person', sentence, 'Who was Director General before William Lacy Swing?', isCommonWord)).toBe(false);
    expect(matchesAnswerType('person', sentence, 'Who is the Director General?', isCommonWord)).toBe(true);
    // A body counts as well: an acronym, or a name mostly of words never written in lower case.
    expect(matchesAnswerType('person', 'It was organized by WHO, IOM and the Government of Spain.', 'Who organized it?', isCommonWord)).toBe(true);
  });

  it('a place name is a proper noun, not a capitalised common word', () => {
    const question = 'Where is IOM headquartered?';
    expect(matchesAnswerType('placeName', 'Headquarters Geneva, Switzerland', question, isCommonWord)).toBe(true);
    expect(matchesAnswerType('placeName', 'The Immigration and Border Management Team was posted to IOM headquarters.', question, isCommonWord)).toBe(false);
  });

  it('years and decades in the question must be matched by the answer', () => {
    expect(requiredNumbers('How many migrants moved during the 1960s, and in 2014?')).toEqual(['1960s', '2014']);
  });
});

describe('names in a question', () => {
  it.each([
    ['In what year was the World Trade Organization established?', ['World Trade Organization']],
    ['How many IOM offices are located in Africa?', ['IOM', 'Africa']],
    ['Who founded the United Nations High Commissioner for Refugees?', ['United Nations High Commissioner for Refugees']],
    ["What is IOM's budget?", ['IOM']],
    ['Apart from WHO, which government co-hosted it?', ['WHO']],
    ['What is the budget?', []],
  ])('%s → %j', (question, entities) => {
    expect(questionEntities(question)).toEqual(entities);
  });
});

describe('what a figure counts', () => {
  it('tells member states from observers, dollars from people', () => {
    expect(figureKinds('As of June 2014, IOM has 156 member states and 10 observer states.', ['156'])).toEqual(new Set([stem('member')]));
    expect(figureKinds('As of June 2014, IOM has 156 member states and 10 observer states.', ['10'])).toEqual(new Set([stem('observer')]));
    expect(figureKinds('Budget US$1.675 billon (2013)', ['1.675'])).toEqual(new Set(['money']));
    expect(figureKinds('an annual operating budget of $1.3 billion and some 8,400 staff', ['1.3'])).toEqual(new Set(['money']));
    expect(figureKinds('people smuggling, which is now a US35-billion dollar a year business', ['us35'])).toEqual(new Set(['money']));
    expect(figureKinds('As many as 800,000 people may be trafficked', ['800000'])).toEqual(new Set([stem('people')]));
    // A labelled field: the label says what the figure counts.
    expect(figureKinds('Staff\n8,400', ['8400'])).toEqual(new Set([stem('staff')]));
  });
});

describe('two-part questions', () => {
  it.each([
    ['When was IOM founded, and where is its head office?', ['When was IOM founded', 'where is its head office?']],
    ['What was IOM called in 1952? And what name did it take in 1980?', ['What was IOM called in 1952', 'And what name did it take in 1980?']],
    ['Where and when was the IOM Constitution concluded?', ['Where and when was the IOM Constitution concluded?']],
    ['What are migration and development?', ['What are migration and development?']],
  ])('%s → %j', (question, parts) => {
    expect(questionParts(question)).toEqual(parts);
  });

  it('"how many" asks for a figure of the thing it counts', () => {
    expect(countedNouns('How many governments are member states of IOM?')).toEqual(['governments', 'member', 'states'].map(stem));
    const question = 'How many offices does IOM have?';
    expect(matchesAnswerType('number', 'IOM has a global network of more than 440 offices.', question)).toBe(true);
    expect(matchesAnswerType('number', 'Millions of migrants now use social media to locate jobs.', question)).toBe(false);
  });
});

describe('a question with a trailing note is one question', () => {
  it('does not treat "(ref 12)" after the question as a second part', () => {
    expect(questionParts('When was IOM founded? (ref-12)')).toEqual(['When was IOM founded? (ref-12)']);
  });
});
