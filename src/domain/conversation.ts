/** A turn of the conversation as the client sends it. */
export interface ConversationTurn {
  role: 'user' | 'assistant';
  content: string;
}
