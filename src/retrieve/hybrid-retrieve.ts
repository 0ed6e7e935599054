import type { ConversationTurn } from '../domain/conversation.js';
import type { Chunk } from '../domain/chunk.js';
import { cosine } from '../embeddings/vector-math.js';
import { weightedTerms } from '../store/bm25.js';
import type { IndexReader } from '../store/index-reader.js';
import { condenseQuery, type RetrievalQuery } from './condense-query.js';
import { reciprocalRankFusion, scoreFusion } from './fuse-results.js';

export interface RetrievedPassage {
  chunk: Chunk;
  chunkIndex: number;
  /** Fused RRF score (the passages are in this order). */
  score: number;
  /** Raw BM25 score (0 when the chunk had no lexical match). */
  lexicalScore: number;
  /** Cosine similarity of the chunk to the query (0 when outside the dense candidates). */
  denseScore: number;
}

export interface RetrieveOptions {
  index: IndexReader;
  question: string;
  history?: ConversationTurn[];
  topK: number;
  /** Candidates taken from each list before fusion. */
  candidates?: number;
  /** Which lists to use; both by default. The eval compares them. */
  method?: 'hybrid' | 'lexical' | 'dense';
  /** Weight of the dense list in fusion (the lexical list weighs 1). */
  denseWeight?: number;
  /** Expand the lexical query with general-English synonyms (default true). */
  synonyms?: boolean;
  /**
   * How the hybrid passages are chosen: 'score' (default) takes the top `topK` by score fusion and lists them in
   * reciprocal-rank order; 'rank' takes the top `topK` by reciprocal rank fusion (the choice before score fusion; the
   * eval compares them).
   */
  fusion?: 'score' | 'rank';
}

export interface RetrieveResult {
  query: RetrievalQuery;
  passages: RetrievedPassage[];
  queryVector: number[] | undefined;
}

/**
 * Weight of the dense list in reciprocal rank fusion (the lexical list weighs 1), which orders the passages (and
 * chooses them with `fusion: 'rank'`). The 512-d sentence encoder separates technical passages poorly (cosines of
 * 0.55-0.62 for most of an RFC), so its ranks count for less than BM25's. Chosen, when rank fusion also chose the
 * passages, over 1, 0.6 and 0.4 on every eval corpus (leave-one-corpus-out recall@5 at 0.6 was at least that of 1 on
 * each one: plain-text 0.50 → 0.62, site-policy 0.75 → 0.80, the others equal; 0.4 gained on one corpus and lost on
 * another). Score fusion's weight is LEXICAL_SCORE_WEIGHT.
 */
export const DENSE_WEIGHT = 0.6;

/** Hybrid retrieval: BM25 and HNSW candidates, chosen by score fusion and ordered by reciprocal rank fusion. */
export async function retrieve(options: RetrieveOptions): Promise<RetrieveResult> {
  const { index, topK } = options;
  const method = options.method ?? 'hybrid';
  const candidates = Math.max(options.candidates ?? 30, topK);
  const query = condenseQuery(options.question, options.history ?? []);

  const lexicalTerms = weightedTerms(query.lexicalParts, options.synonyms ?? true);
  const lexicalHits = method === 'dense' ? [] : await index.searchLexical(lexicalTerms, candidates);
  let queryVector: number[] | undefined;
  let denseHits: { chunkIndex: number; score: number }[] = [];
  if (method !== 'lexical') {
    queryVector = await index.embeddings.embedQuery(query.denseText);
    denseHits = await index.searchDense(queryVector, candidates);
  }

  const lexicalScores = new Map(lexicalHits.map((hit) => [hit.chunkIndex, hit.score]));
  const denseScores = new Map(denseHits.map((hit) => [hit.chunkIndex, hit.score]));
  if (method === 'hybrid') {
    // Each list scores the other's candidates too, so a chunk one list ranks first is not lost for being outside the
    // other's top candidates: fusion then ranks the union with both scores known for every chunk.
    const lexicalOnly = lexicalHits.filter((hit) => !denseScores.has(hit.chunkIndex)).map((hit) => hit.chunkIndex);
    (await index.chunkVectors(lexicalOnly)).forEach((vector, i) => denseScores.set(lexicalOnly[i]!, cosine(queryVector!, vector)));
    const denseOnly = denseHits.filter((hit) => !lexicalScores.has(hit.chunkIndex)).map((hit) => hit.chunkIndex);
    (await index.scoreLexical(lexicalTerms, denseOnly)).forEach((score, i) => lexicalScores.set(denseOnly[i]!, score));
  }
  const rankedBy = (scores: Map<number, number>) =>
    [...scores.entries()]
      .filter(([, score]) => score > 0)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .map(([chunkIndex]) => chunkIndex);
  // Lexical matching is strong on names and identifiers, dense matching rescues paraphrases (weights: DENSE_WEIGHT).
  const rankFused = reciprocalRankFusion([
    { ids: rankedBy(lexicalScores), weight: 1 },
    { ids: rankedBy(denseScores), weight: options.denseWeight ?? DENSE_WEIGHT },
  ]);
  let top = rankFused.slice(0, topK);
  if (method === 'hybrid' && (options.fusion ?? 'score') === 'score') {
    // Score fusion chooses the passages: a chunk far ahead in one list is not pushed out by chunks middling in both
    // (leave-one-corpus-out, six documentation, policy and book corpora: evidence in the top 5 +8, correct answers +5;
    // see scoreFusion).
    // Reciprocal rank still orders them: the answerer's sentence model reads the passage's rank, and ordering by the
    // fused score instead lost what the wider choice gained (correct answers −1 where this order gives +5, and the
    // encyclopedia corpus's held-out abstention 0.87 → 0.73), while it changes no passage.
    const candidates = [...new Set([...lexicalScores.keys(), ...denseScores.keys()])].map((id) => ({
      id,
      lexical: lexicalScores.get(id) ?? 0,
      dense: denseScores.get(id) ?? 0,
    }));
    const byId = new Map(rankFused.map((item) => [item.id, item]));
    top = scoreFusion(candidates)
      .slice(0, topK)
      .map(({ id }) => byId.get(id) ?? { id, score: 0 })
      .sort((a, b) => b.score - a.score || a.id - b.id);
  }
  const chunks = await index.chunks(top.map(({ id }) => id));
  const passages = top.map(({ id, score }, i) => ({
    chunk: chunks[i]!,
    chunkIndex: id,
    score,
    lexicalScore: lexicalScores.get(id) ?? 0,
    denseScore: denseScores.get(id) ?? 0,
  }));
  return { query, passages, queryVector };
}
