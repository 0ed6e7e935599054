/**
 * Reciprocal rank fusion (Cormack, Clarke & Büttcher 2009): score = Σ weight / (k + rank). Rank-based, so BM25's
 * unbounded scores and cosine similarities need no calibration against each other. k = 60 is the paper's value:
 * it damps the gap between rank 1 and rank 2 so one list cannot overrule the other on its own. Hybrid retrieval uses
 * it to order the passages that score fusion (below) chose, and to choose them too with `fusion: 'rank'`.
 */
export const RRF_K = 60;

export interface RankedList {
  /** Item ids, best first. */
  ids: number[];
  weight: number;
}

export function reciprocalRankFusion(lists: RankedList[], k = RRF_K): { id: number; score: number }[] {
  const scores = new Map<number, number>();
  for (const list of lists) {
    list.ids.forEach((id, rank) => {
      scores.set(id, (scores.get(id) ?? 0) + list.weight / (k + rank + 1));
    });
  }
  return [...scores.entries()].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}

/** A candidate chunk with both of its scores (each list scores the other's candidates, so both are always known). */
export interface ScoredCandidate {
  id: number;
  /** BM25 score (0 when the chunk holds none of the query terms). */
  lexical: number;
  /** Cosine similarity to the query. */
  dense: number;
}

/**
 * Weight of the min–max normalised BM25 score in score fusion (the dense score weighs 1 − this). Chosen by
 * leave-one-corpus-out over 0.10–0.90 in steps of 0.05: on every split (each corpus held out, chosen on the other six)
 * 0.55 gave the most evidence in the top 5, and among 0.45–0.60 run end to end it also gave the most correct answers
 * plus evidence found on every split. Measured (npm run eval, the six documentation, policy and book corpora, against
 * rank fusion alone): evidence
 * in the top 5 +8 (anki 0, mdn +2, plain +1, site +3, ufs +2, wcag 0), correct answers +5 (+2, +1, 0, +1, +2, −1).
 * 0.45 and 0.60 found evidence for 4 and 5 more, 0.50 for 5.
 */
export const LEXICAL_SCORE_WEIGHT = 0.55;

function minMax(values: number[]): (value: number) => number {
  const min = Math.min(...values);
  const range = Math.max(...values) - min;
  return (value) => (range > 0 ? (value - min) / range : 0);
}

/**
 * Score fusion (Bruch, Gai & Ingber 2023, "An Analysis of Fusion Functions for Hybrid Retrieval", ACM TOIS): each
 * list's scores min–max normalised over the candidates of this query, then lexicalWeight · lexical +
 * (1 − lexicalWeight) · dense, best first (ties by id). Unlike rank fusion, a chunk far ahead in one list keeps its
 * margin: a BM25 first place that the encoder ranks 54th is not overtaken by chunks merely tenth in both lists.
 * Min–max over the candidates beat the paper's theoretical-min–max (BM25 from 0, cosine from −1) and BM25 divided by
 * its top score with the cosine as it is, on recall@5 at their best weights (+8 against +5 and +7 over six corpora).
 */
export function scoreFusion(candidates: ScoredCandidate[], lexicalWeight = LEXICAL_SCORE_WEIGHT): { id: number; score: number }[] {
  if (candidates.length === 0) return [];
  const lexical = minMax(candidates.map((candidate) => candidate.lexical));
  const dense = minMax(candidates.map((candidate) => candidate.dense));
  return candidates
    .map((candidate) => ({ id: candidate.id, score: lexicalWeight * lexical(candidate.lexical) + (1 - lexicalWeight) * dense(candidate.dense) }))
    .sort((a, b) => b.score - a.score || a.id - b.id);
}
