import type { ConversationTurn } from '../domain/conversation.js';
import { terms } from '../text/tokenize.js';

// Words that point back into the conversation ("and when was it renamed?", "who are the users of that criterion?").
const ANAPHORA = /\b(it|its|it's|they|them|their|this|these|that|those|he|she|his|him|her|there|then|same)\b|^\s*(and|but|so|also|what about|how about)\b/i;

export interface RetrievalQuery {
  /** Text embedded for dense search. */
  denseText: string;
  /** Parts for lexical search with weights: the question counts fully, borrowed history less. */
  lexicalParts: { text: string; weight: number }[];
  /** True when history was folded in. */
  followUp: boolean;
}

/**
 * Folds the conversation into the retrieval query when the question depends on it: it refers back ("it", "they",
 * a leading "and …") or has a single content word ("why?", "and Chrome?") and cannot stand alone. The previous user turn weighs 0.6 and the assistant's
 * reply 0.35: the reply names the entity being discussed, but also carries facts the user has already been given.
 */
export function condenseQuery(question: string, history: ConversationTurn[]): RetrievalQuery {
  const lastUser = [...history].reverse().find((turn) => turn.role === 'user');
  const lastAssistant = [...history].reverse().find((turn) => turn.role === 'assistant');
  // Words as written: an identifier or a flag is one word though the index makes it several terms ("-v" and "v").
  const contentWords = question.split(/\s+/).filter((word) => terms(word).length > 0).length;
  const followUp = history.length > 0 && (ANAPHORA.test(question) || contentWords <= 1);
  if (!followUp) return { denseText: question, lexicalParts: [{ text: question, weight: 1 }], followUp: false };
  const parts = [{ text: question, weight: 1 }];
  if (lastUser) parts.push({ text: lastUser.content, weight: 0.6 });
  if (lastAssistant) parts.push({ text: stripMarkers(lastAssistant.content), weight: 0.35 });
  return { denseText: `${lastUser?.content ?? ''} ${question}`.trim(), lexicalParts: parts, followUp: true };
}

function stripMarkers(text: string): string {
  return text.replace(/\[\d+\]/g, '');
}
