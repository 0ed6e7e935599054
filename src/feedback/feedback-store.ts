import type { AnswerMode, Citation } from '../answer/answer-types.js';

/** An answer as it was served, kept so a later rating can be read next to what was rated. */
export interface ServedAnswer {
  answerId: string;
  question: string;
  answer: string;
  citations: Citation[];
  mode: AnswerMode;
  grounded: boolean;
}

export type FeedbackRating = 'up' | 'down';

export interface FeedbackInput {
  answerId: string;
  rating: FeedbackRating;
  comment?: string;
}

/** A stored rating. */
export interface FeedbackEntry {
  feedbackId: number;
  answerId: string;
  rating: FeedbackRating;
  comment: string | null;
  createdAt: string;
}

/** A rating joined with the answer it rates, as the report reads it. */
export interface FeedbackWithAnswer extends FeedbackEntry {
  question: string;
  answer: string;
  mode: AnswerMode;
  citations: Citation[];
}

export interface FeedbackSummary {
  answers: number;
  ratings: { up: number; down: number };
  byMode: Record<string, { up: number; down: number }>;
  recentComments: FeedbackWithAnswer[];
}

/**
 * Where served answers and their ratings live. The server records every answer it serves and accepts ratings for
 * them; the report reads the summary. Tests open one in a temporary folder.
 */
export interface FeedbackStore {
  recordAnswer(answer: ServedAnswer): void;
  /** Stores a rating; `undefined` when no served answer has that id. */
  addFeedback(input: FeedbackInput): FeedbackEntry | undefined;
  /** Every rating of one answer, oldest first. */
  feedbackFor(answerId: string): FeedbackWithAnswer[];
  summarise(options?: { recentComments?: number }): FeedbackSummary;
  close(): void;
}
