import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AnswerMode, Citation } from '../answer/answer-types.js';
import type { FeedbackEntry, FeedbackRating, FeedbackStore, FeedbackWithAnswer, ServedAnswer } from './feedback-store.js';

/** The database file inside the data folder. */
export const FEEDBACK_DATABASE_FILE = 'feedback.sqlite';

/** Ratings shown by the report when the caller does not say. */
const DEFAULT_RECENT_COMMENTS = 10;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS answers (
  answer_id  TEXT PRIMARY KEY,
  question   TEXT NOT NULL,
  answer     TEXT NOT NULL,
  citations  TEXT NOT NULL,
  mode       TEXT NOT NULL,
  grounded   INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback (
  feedback_id INTEGER PRIMARY KEY AUTOINCREMENT,
  answer_id   TEXT NOT NULL REFERENCES answers(answer_id),
  rating      TEXT NOT NULL CHECK (rating IN ('up', 'down')),
  comment     TEXT,
  created_at  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_answer ON feedback(answer_id);
`;

interface FeedbackRow {
  feedback_id: number;
  answer_id: string;
  rating: FeedbackRating;
  comment: string | null;
  created_at: string;
  question: string;
  answer: string;
  mode: AnswerMode;
  citations: string;
}

const toEntry = (row: FeedbackRow): FeedbackWithAnswer => ({
  feedbackId: row.feedback_id,
  answerId: row.answer_id,
  rating: row.rating,
  comment: row.comment,
  createdAt: row.created_at,
  question: row.question,
  answer: row.answer,
  mode: row.mode,
  citations: JSON.parse(row.citations) as Citation[],
});

export interface SqliteFeedbackStoreOptions {
  /** The data folder (created when missing); the database is `<dataDir>/feedback.sqlite`. `:memory:` keeps nothing. */
  dataDir: string;
}

/**
 * The durable feedback store: one SQLite file under the data folder. WAL mode so the report can read while the
 * server writes; every write is a single statement, committed before the HTTP response is sent.
 */
export function openSqliteFeedbackStore(options: SqliteFeedbackStoreOptions): FeedbackStore {
  let file = ':memory:';
  if (options.dataDir !== ':memory:') {
    mkdirSync(options.dataDir, { recursive: true });
    file = path.join(options.dataDir, FEEDBACK_DATABASE_FILE);
  }
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  // WAL with NORMAL sync: a commit is not fsynced (0.04 ms instead of ~0.6 ms per recorded answer, on every request);
  // the database cannot corrupt, and a process crash loses nothing, only a power loss the last commits.
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.exec(SCHEMA);

  const insertAnswer = database.prepare(
    'INSERT OR REPLACE INTO answers (answer_id, question, answer, citations, mode, grounded, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const answerExists = database.prepare('SELECT 1 FROM answers WHERE answer_id = ?').pluck();
  const insertFeedback = database.prepare('INSERT INTO feedback (answer_id, rating, comment, created_at) VALUES (?, ?, ?, ?)');
  const joined = 'SELECT f.*, a.question, a.answer, a.mode, a.citations FROM feedback f JOIN answers a ON a.answer_id = f.answer_id';
  const selectFor = database.prepare(`${joined} WHERE f.answer_id = ? ORDER BY f.feedback_id`);
  const selectRecentComments = database.prepare(`${joined} WHERE f.comment IS NOT NULL AND f.comment <> '' ORDER BY f.feedback_id DESC LIMIT ?`);
  const countAnswers = database.prepare('SELECT COUNT(*) FROM answers').pluck();
  const countByMode = database.prepare(
    'SELECT a.mode AS mode, f.rating AS rating, COUNT(*) AS count FROM feedback f JOIN answers a ON a.answer_id = f.answer_id GROUP BY a.mode, f.rating',
  );

  return {
    recordAnswer(answer: ServedAnswer) {
      insertAnswer.run(
        answer.answerId,
        answer.question,
        answer.answer,
        JSON.stringify(answer.citations),
        answer.mode,
        answer.grounded ? 1 : 0,
        new Date().toISOString(),
      );
    },

    addFeedback(input): FeedbackEntry | undefined {
      if (!answerExists.get(input.answerId)) return undefined;
      const createdAt = new Date().toISOString();
      const comment = input.comment ?? null;
      const result = insertFeedback.run(input.answerId, input.rating, comment, createdAt);
      return { feedbackId: Number(result.lastInsertRowid), answerId: input.answerId, rating: input.rating, comment, createdAt };
    },

    feedbackFor(answerId) {
      return (selectFor.all(answerId) as FeedbackRow[]).map(toEntry);
    },

    summarise(summaryOptions = {}) {
      const ratings = { up: 0, down: 0 };
      const byMode: Record<string, { up: number; down: number }> = {};
      for (const row of countByMode.all() as { mode: string; rating: FeedbackRating; count: number }[]) {
        ratings[row.rating] += row.count;
        const mode = (byMode[row.mode] ??= { up: 0, down: 0 });
        mode[row.rating] += row.count;
      }
      const recent = (selectRecentComments.all(summaryOptions.recentComments ?? DEFAULT_RECENT_COMMENTS) as FeedbackRow[]).map(toEntry);
      return { answers: Number(countAnswers.get()), ratings, byMode, recentComments: recent };
    },

    close() {
      if (database.open) database.close();
    },
  };
}
