import { groupSynonymsOf, wordnetSynonymsIn } from '../text/synonyms.js';
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

/**
 * `tf * (K1 + 1)`'s factor: a store that scores in SQL (Postgres) passes it as a parameter rather than writing it
 * there, so the database multiplies by the same double and both stores rank identically.
 */
export const K1_PLUS_ONE = K1 + 1;

/** The length part of BM25's denominator for a chunk of `length` terms, `K1 * (1 - B + B * length / averageLength)`. */
export function lengthNorm(length: number, averageLength: number): number {
  return K1 * (1 - B + (B * length) / (averageLength || 1));
}

/** Inverse document frequency of a term `df` of `chunkCount` chunks hold (BM25+ style, never negative); 0 when none does. */
export function idfOf(chunkCount: number, df: number): number {
  return df === 0 ? 0 : Math.log(1 + (chunkCount - df + 0.5) / (df + 0.5));
}

/** The idf a term no chunk has would get among `chunkCount` chunks: the largest idf there is. */
export function unseenIdfOf(chunkCount: number): number {
  return Math.log(1 + (chunkCount + 0.5) / 1.5);
}

/** Inverse document frequency (BM25+ style, never negative). 0 for a term the corpus lacks. */
export function idf(index: LexicalIndex, term: string): number {
  return idfOf(index.documentCount, documentFrequency(index, term));
}

/** How many chunks have `term` (0 when none does). */
export function documentFrequency(index: LexicalIndex, term: string): number {
  return (postingsOf(index, term)?.length ?? 0) / 2;
}

/**
 * The chunks that have `term`, in chunk order; with `range`, only those from `range.first` to `range.last` (a
 * document's chunks are contiguous), found by a binary search rather than a scan.
 */
export function chunksWithTerm(index: LexicalIndex, term: string, range?: { first: number; last: number }): number[] {
  const list = postingsOf(index, term);
  if (!list) return [];
  const chunkIndices: number[] = [];
  for (let i = range ? firstPairAtOrAfter(list, range.first) : 0; i < list.length && (!range || list[i]! <= range.last); i += 2) chunkIndices.push(list[i]!);
  return chunkIndices;
}

/** Whether chunk `chunkIndex` has `term`. */
export function chunkHasTerm(index: LexicalIndex, term: string, chunkIndex: number): boolean {
  const list = postingsOf(index, term);
  return list !== undefined && termFrequency(list, chunkIndex) > 0;
}

/** Offset in a flat [chunkIndex, frequency, …] postings list of the first pair at or after `chunkIndex`. */
function firstPairAtOrAfter(list: number[], chunkIndex: number): number {
  let low = 0;
  let high = list.length / 2;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (list[middle * 2]! < chunkIndex) low = middle + 1;
    else high = middle;
  }
  return low * 2;
}

export interface LexicalHit {
  chunkIndex: number;
  score: number;
}

/** Per-index buffers reused by every query, so a search allocates nothing proportional to the corpus. */
interface SearchScratch {
  /** Accumulated score per chunk; zeroed again after each query for the chunks it touched. */
  scores: Float64Array;
  /** Marks chunks already listed in `touched` during the current query. */
  seen: Uint8Array;
  touched: Int32Array;
  /** The length part of BM25's denominator per chunk, `K1 * (1 - B + B * length / averageLength)`. */
  norms: Float64Array;
}

const scratchByIndex = new WeakMap<LexicalIndex, SearchScratch>();

function scratchFor(index: LexicalIndex): SearchScratch {
  let scratch = scratchByIndex.get(index);
  if (!scratch) {
    const count = index.documentCount;
    const norms = new Float64Array(count);
    for (let chunkIndex = 0; chunkIndex < count; chunkIndex += 1) {
      norms[chunkIndex] = lengthNorm(index.lengths[chunkIndex] ?? 0, index.averageLength);
    }
    scratch = { scores: new Float64Array(count), seen: new Uint8Array(count), touched: new Int32Array(count), norms };
    scratchByIndex.set(index, scratch);
  }
  return scratch;
}

/**
 * BM25 over weighted query terms (weights < 1 for terms borrowed from conversation history). Returns hits sorted
 * by score, best first; ties keep document order so results are deterministic.
 *
 * Only the postings of the query's terms are visited. Scores accumulate in a typed array reused across queries and
 * the best `limit` are kept by insertion into a short sorted list: at 100k chunks a common term touches tens of
 * thousands of chunks, and a Map of them plus a full sort cost more than the rest of a request.
 */
export function searchLexical(index: LexicalIndex, queryTerms: Map<string, number>, limit: number): LexicalHit[] {
  const { scores, seen, touched, norms } = scratchFor(index);
  let touchedCount = 0;
  for (const [term, weight] of queryTerms) {
    const list = postingsOf(index, term);
    if (!list) continue;
    const termIdf = idf(index, term);
    for (let i = 0; i < list.length; i += 2) {
      const chunkIndex = list[i]!;
      const tf = list[i + 1]!;
      if (seen[chunkIndex] === 0) {
        seen[chunkIndex] = 1;
        touched[touchedCount++] = chunkIndex;
      }
      scores[chunkIndex] = scores[chunkIndex]! + weight * termIdf * ((tf * K1_PLUS_ONE) / (tf + norms[chunkIndex]!));
    }
  }
  const best: LexicalHit[] = [];
  for (let t = 0; t < touchedCount; t += 1) {
    const chunkIndex = touched[t]!;
    const score = scores[chunkIndex]!;
    scores[chunkIndex] = 0;
    seen[chunkIndex] = 0;
    if (limit <= 0) continue;
    if (best.length === limit) {
      const worst = best[limit - 1]!;
      if (score < worst.score || (score === worst.score && chunkIndex > worst.chunkIndex)) continue;
    }
    let position = best.length;
    while (position > 0) {
      const previous = best[position - 1]!;
      if (previous.score > score || (previous.score === score && previous.chunkIndex < chunkIndex)) break;
      position -= 1;
    }
    best.splice(position, 0, { chunkIndex, score });
    if (best.length > limit) best.pop();
  }
  return best;
}

/** The tf of `term` in chunk `chunkIndex` (postings are in chunk order: a binary search). */
function termFrequency(list: number[], chunkIndex: number): number {
  let low = 0;
  let high = list.length / 2 - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = list[middle * 2]!;
    if (at === chunkIndex) return list[middle * 2 + 1]!;
    if (at < chunkIndex) low = middle + 1;
    else high = middle - 1;
  }
  return 0;
}

/** BM25 of the given chunks only (the same score `searchLexical` gives them): for candidates found another way. */
export function scoreLexical(index: LexicalIndex, queryTerms: Map<string, number>, chunkIndices: number[]): number[] {
  const { norms } = scratchFor(index);
  const scores = chunkIndices.map(() => 0);
  for (const [term, weight] of queryTerms) {
    const list = postingsOf(index, term);
    if (!list) continue;
    const termIdf = idf(index, term);
    chunkIndices.forEach((chunkIndex, i) => {
      const tf = termFrequency(list, chunkIndex);
      if (tf > 0) scores[i]! += weight * termIdf * ((tf * K1_PLUS_ONE) / (tf + norms[chunkIndex]!));
    });
  }
  return scores;
}

/** Weight of a synonym relative to the word the user typed: helps recall without outranking exact matches. */
export const SYNONYM_WEIGHT = 0.6;

/**
 * Weight of a WordNet synonym relative to the typed word. Lower than a hand-kept group's: a word's first sense is
 * not always the one meant ("header" → "head", "password" → "word"). Leave-one-corpus-out (mean accuracy / recall@5
 * over mdn-http, plain-text, site-policy, wcag): 0.6 gave 0.464 / 0.795, 0.45 gave 0.474 / 0.789 and cost a held-out
 * question of the encyclopedia corpus, 0.3 gave 0.484 / 0.789 (groups alone: 0.468 / 0.774).
 */
export const WORDNET_SYNONYM_WEIGHT = 0.3;

/**
 * Query terms with weights; a term seen twice keeps its highest weight. With `expand`, synonyms are added:
 * general-English groups at `SYNONYM_WEIGHT` ("employees" also finds "staff"), WordNet's at
 * `WORDNET_SYNONYM_WEIGHT` ("purchase" also finds "buy"): those of the parts' own words (`wordnetSynonymsIn`), the
 * expansion the answerer credits too (`synonymExpansion` over the same texts), so retrieval depends only on the query.
 */
export function weightedTerms(parts: { text: string; weight: number }[], expand = false): Map<string, number> {
  const result = new Map<string, number>();
  const add = (term: string, weight: number) => result.set(term, Math.max(result.get(term) ?? 0, weight));
  const wordnet = expand ? wordnetSynonymsIn(parts.map((part) => part.text)) : new Map<string, string[]>();
  for (const part of parts) {
    for (const term of terms(part.text)) {
      add(term, part.weight);
      if (expand) {
        for (const synonym of groupSynonymsOf(term)) add(synonym, part.weight * SYNONYM_WEIGHT);
        for (const synonym of wordnet.get(term) ?? []) add(synonym, part.weight * WORDNET_SYNONYM_WEIGHT);
      }
    }
  }
  return result;
}
