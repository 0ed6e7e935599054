import { terms } from '../text/tokenize.js';

/** Serialisable lexical statistics: an inverted index (term → postings), so a query touches only matching chunks. */
export interface LexicalIndex {
  documentCount: number;
  averageLength: number;
  lengths: number[];
  /** term → flat [chunkIndex, termFrequency, chunkIndex, termFrequency, …] */
  postings: Record<string, number[]>;
}

// Robertson's standard BM25 constants: k1 saturates repeated terms, b normalises for chunk length.
const K1 = 1.2;
const B = 0.75;

/** Builds the index from each chunk's searchable text (its section path plus its text). */
export function buildLexicalIndex(texts: string[]): LexicalIndex {
  const postings = new Map<string, number[]>();
  const lengths: number[] = [];
  texts.forEach((text, chunkIndex) => {
    const tokens = terms(text);
    lengths.push(tokens.length);
    const counts = new Map<string, number>();
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    for (const [term, count] of counts) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push(chunkIndex, count);
    }
  });
  const total = lengths.reduce((sum, length) => sum + length, 0);
  return {
    documentCount: texts.length,
    averageLength: texts.length ? total / texts.length : 0,
    lengths,
    postings: Object.fromEntries(postings),
  };
}

/**
 * The postings of `term`, or undefined. Own properties only: the postings object comes from JSON, and a question
 * word such as "constructor" must not find `Object.prototype.constructor`.
 */
export function postingsOf(index: LexicalIndex, term: string): number[] | undefined {
  return Object.hasOwn(index.postings, term) ? index.postings[term] : undefined;
}

/** Inverse document frequency (BM25+ style, never negative). 0 for a term the corpus lacks. */
export function idf(index: LexicalIndex, term: string): number {
  const list = postingsOf(index, term);
  if (!list) return 0;
  const df = list.length / 2;
  return Math.log(1 + (index.documentCount - df + 0.5) / (df + 0.5));
}

export interface LexicalHit {
  chunkIndex: number;
  score: number;
}

/**
 * BM25 over weighted query terms (weights < 1 for terms borrowed from conversation history). Returns hits sorted
 * by score, best first; ties keep document order so results are deterministic.
 */
export function searchLexical(index: LexicalIndex, queryTerms: Map<string, number>, limit: number): LexicalHit[] {
  const scores = new Map<number, number>();
  for (const [term, weight] of queryTerms) {
    const list = postingsOf(index, term);
    if (!list) continue;
    const termIdf = idf(index, term);
    for (let i = 0; i < list.length; i += 2) {
      const chunkIndex = list[i]!;
      const tf = list[i + 1]!;
      const length = index.lengths[chunkIndex] ?? 0;
      const norm = tf + K1 * (1 - B + (B * length) / (index.averageLength || 1));
      scores.set(chunkIndex, (scores.get(chunkIndex) ?? 0) + weight * termIdf * ((tf * (K1 + 1)) / norm));
    }
  }
  return [...scores.entries()]
    .map(([chunkIndex, score]) => ({ chunkIndex, score }))
    .sort((a, b) => b.score - a.score || a.chunkIndex - b.chunkIndex)
    .slice(0, limit);
}

/** Query terms with weights; a term seen twice keeps its highest weight. */
export function weightedTerms(parts: { text: string; weight: number }[]): Map<string, number> {
  const result = new Map<string, number>();
  for (const part of parts) {
    for (const term of terms(part.text)) result.set(term, Math.max(result.get(term) ?? 0, part.weight));
  }
  return result;
}
