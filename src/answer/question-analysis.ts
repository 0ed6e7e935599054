import { words } from '../text/tokenize.js';

export type AnswerType = 'date' | 'number' | 'person' | 'place' | 'list' | 'other';

/** What kind of answer the question wants, from its wh-word and shape. */
export function expectedAnswerType(question: string): AnswerType {
  const q = question.toLowerCase();
  if (/\b(when|what year|which year|what date|in what year|since when)\b/.test(q)) return 'date';
  if (/\bhow (many|much|large|big|often)\b|\bwhat (number|percentage|fraction|share|proportion|amount)\b/.test(q)) return 'number';
  // "What is the population of X?" asks for a figure as surely as "how many".
  if (/\bwhat (is|was|are|were) (the|its|their) (population|number|size|budget|cost|amount|total|percentage|value|revenue|area|height|length|count)\b/.test(q)) return 'number';
  if (/\bwho\b/.test(q)) return 'person';
  if (/\bwhere\b/.test(q)) return 'place';
  if (/\b(list|name (all|the))\b|\bwhat (are|were) (the|its|their|all)\b|\bwhich\b.*\b(are|were)\b|\b(four|three|two|five|six|several|all)\b/.test(q)) return 'list';
  return 'other';
}

const MONTHS = /\b(january|february|march|april|may|june|july|august|september|october|november|december)\b/i;
const NUMBER_WORDS = /\b(million|billion|thousand|hundred|half|third|quarter|dozen|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundreds|thousands|millions)\b/i;

/** Whether a sentence carries an answer of the wanted type. */
export function matchesAnswerType(type: AnswerType, sentence: string): boolean {
  switch (type) {
    case 'date':
      return /\b(1[5-9]\d\d|20\d\d)s?\b/.test(sentence) || MONTHS.test(sentence);
    case 'number':
      return /\d/.test(sentence) || NUMBER_WORDS.test(sentence);
    case 'person':
      return /\b[A-Z][a-z]+(?: [A-Z][a-z.]+)+\b/.test(sentence.slice(1));
    case 'place':
      return /\b[A-Z][a-z]+/.test(sentence.slice(1));
    case 'list':
      return /;/.test(sentence) || (sentence.match(/,/g)?.length ?? 0) >= 2 || /:/.test(sentence);
    default:
      return true;
  }
}

/** Years and other figures named in the question: an answer must be about them. */
export function requiredNumbers(question: string): string[] {
  return words(question).filter((word) => /^\d+(\.\d+)?$/.test(word));
}
