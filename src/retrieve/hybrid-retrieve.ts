import type { ConversationTurn } from '../answer/answer-types.js';
import type { Chunk } from '../ingest/chunk-document.js';
import { searchLexical, weightedTerms } from '../store/bm25.js';
import type { LoadedIndex } from '../store/index-files.js';
import { condenseQuery, type RetrievalQuery } from './condense-query.js';
import { reciprocalRankFusion } from './fuse-results.js';

export interface RetrievedPassage {
  chunk: Chunk;
  chunkIndex: number;
  /** Fused RRF score. */
  score: number;
  /** Raw BM25 score (0 when the chunk had no lexical match). */
  lexicalScore: number;
  /** Cosine similarity of the chunk to the query (0 when outside the dense candidates). */
  denseScore: number;
}

export interface RetrieveOptions {
  index: LoadedIndex;
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
}

export interface RetrieveResult {
  query: RetrievalQuery;
  passages: RetrievedPassage[];
  queryVector: number[] | undefined;
}

export const DENSE_WEIGHT = 1;

/** Hybrid retrieval: BM25 and HNSW candidates fused by reciprocal rank. */
export async function retrieve(options: RetrieveOptions): Promise<RetrieveResult> {
  const { index, topK } = options;
  const method = options.method ?? 'hybrid';
  const candidates = Math.max(options.candidates ?? 30, topK);
  const query = condenseQuery(options.question, options.history ?? []);

  const lexicalHits = method === 'dense' ? [] : searchLexical(index.lexical, weightedTerms(query.lexicalParts, options.synonyms ?? true), candidates);
  let queryVector: number[] | undefined;
  let denseHits: { chunkIndex: number; score: number }[] = [];
  if (method !== 'lexical') {
    queryVector = await index.vectors.embeddings.embedQuery(query.denseText);
    const results = await index.vectors.similaritySearchVectorWithScore(queryVector, candidates);
    denseHits = results.map(([document, score]) => ({ chunkIndex: document.metadata.chunkIndex as number, score }));
  }

  const lexicalScores = new Map(lexicalHits.map((hit) => [hit.chunkIndex, hit.score]));
  const denseScores = new Map(denseHits.map((hit) => [hit.chunkIndex, hit.score]));
  // Equal weights: on one article lexical matching is the stronger signal, but dense rescues paraphrases; the eval
  // (eval/README.md) showed no gain from tilting either way.
  const fused = reciprocalRankFusion([
    { ids: lexicalHits.map((hit) => hit.chunkIndex), weight: 1 },
    { ids: denseHits.map((hit) => hit.chunkIndex), weight: options.denseWeight ?? DENSE_WEIGHT },
  ]);
  const passages = fused.slice(0, topK).map(({ id, score }) => ({
    chunk: index.chunks[id]!,
    chunkIndex: id,
    score,
    lexicalScore: lexicalScores.get(id) ?? 0,
    denseScore: denseScores.get(id) ?? 0,
  }));
  return { query, passages, queryVector };
}
