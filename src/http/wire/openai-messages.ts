import type { ConversationTurn } from '../../domain/conversation.js';
import { AppError } from '../../errors.js';
import { ASK_LIMITS } from './ask-request.js';
import type { ChatMessage } from './openai-schemas.js';

/** The /api/ask limits on history, applied by keeping the latest turns rather than refusing a long chat. */
const { historyTurns: HISTORY_TURNS, turnCharacters: TURN_CHARACTERS, questionCharacters: QUESTION_CHARACTERS } = ASK_LIMITS;

function textOf(message: ChatMessage): string {
  if (typeof message.content === 'string') return message.content;
  if (!Array.isArray(message.content)) return '';
  return message.content.map((part) => (part.type === 'text' && typeof part.text === 'string' ? part.text : '')).join('\n');
}

/**
 * Reads an OpenAI message list as an ask: the last user message is the question, earlier user and assistant
 * messages the history. System, developer and tool messages are dropped: the assistant's instructions are its own,
 * and a client's system prompt must not change what it will say.
 */
export function toAskInput(messages: ChatMessage[]): { question: string; history: ConversationTurn[] } {
  const lastUser = messages.findLastIndex((message) => message.role === 'user');
  const question = lastUser >= 0 ? textOf(messages[lastUser]!).trim() : '';
  if (question === '') throw new AppError('invalid_request', 'messages must contain a user message with non-empty text: the last one is the question.');
  if (question.length > QUESTION_CHARACTERS) throw new AppError('invalid_request', `The last user message must be at most ${QUESTION_CHARACTERS} characters.`);
  const history = messages
    .slice(0, lastUser)
    .filter((message): message is ChatMessage & { role: 'user' | 'assistant' } => message.role === 'user' || message.role === 'assistant')
    .map((message) => ({ role: message.role, content: textOf(message).slice(0, TURN_CHARACTERS) }))
    .filter((turn) => turn.content.trim() !== '')
    .slice(-HISTORY_TURNS);
  return { question, history };
}
