import { isStopWord, words } from '../../text/tokenize.js';

/**
 * The parts of a question that asks two things ("When was it founded, and where is its head office?"): split at an
 * "and" that opens a new question, or between two questions. One part for an ordinary question.
 */
export function questionParts(question: string): string[] {
  const parts = question
    .split(/\?\s+(?=\S)|,?\s+and\s+(?=(?:what|when|where|who|whom|which|how|why|in what|in which|did|does|do|is|are|was|were)\b)/i)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  // "Where and when was it concluded?" is one question about one thing, and "(ref-12)" is no question: a part says
  // what it asks about, in two words of its own or one after a question word ("where is its headquarters?").
  const contentful = (part: string) => {
    const own = words(part).filter((word) => !isStopWord(word) && /^[a-z]{2,}$/.test(word)).length;
    return own >= 2 || (own === 1 && /^\W*(what|when|where|who|whom|which|how|why|in what|in which|did|does|do|is|are|was|were)\b/i.test(part));
  };
  // Two or three parts are a question that asks several things; more is a list pasted in, answered as one question.
  return parts.length > 1 && parts.length <= 3 && parts.every(contentful) ? parts : [question];
}
