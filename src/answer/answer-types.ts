import type { ConversationTurn } from '../domain/conversation.js';

/** A checkable citation: `quote === document.text.slice(start, end)` for the document `sourceId`. */
export interface Citation {
  n: number;
  sourceId: string;
  title: string;
  section: string;
  quote: string;
  start: number;
  end: number;
  url?: string;
  /** For a paged source (a PDF): the page the quote starts on, 1-based. */
  page?: number;
  chunkId: string;
}

export type AnswerMode = 'extractive' | 'llm';

export interface Answer {
  answer: string;
  grounded: boolean;
  mode: AnswerMode;
  citations: Citation[];
  /** Why the answer is not what was asked for, e.g. the language model failed and the answer is extractive. */
  note?: string;
  /** LLM mode: sentences of the model's answer that no cited passage supports (removed from `answer`). */
  unsupported?: string[];
  /** Set by the HTTP layer when the answer is recorded for feedback: send it back with `POST /api/feedback`. */
  answerId?: string;
}

export interface AnswerInput {
  question: string;
  history: ConversationTurn[];
  topK: number;
  signal?: AbortSignal;
}

/** Events of a streamed answer: citations first, then text as it is produced, then the final answer. */
export type AnswerEvent = { type: 'citations'; citations: Citation[] } | { type: 'delta'; text: string } | { type: 'done'; answer: Answer };

/** The seam between the HTTP layer and the two answer modes. */
export interface Answerer {
  answer(input: AnswerInput): Promise<Answer>;
  stream(input: AnswerInput): AsyncIterable<AnswerEvent>;
}

export const NOT_IN_SOURCES = "The sources don't say. I couldn't find an answer to that in the indexed documents.";
