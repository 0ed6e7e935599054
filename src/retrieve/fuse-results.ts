/**
 * Reciprocal rank fusion (Cormack, Clarke & Büttcher 2009): score = Σ weight / (k + rank). Rank-based, so BM25's
 * unbounded scores and cosine similarities need no calibration against each other. k = 60 is the paper's value:
 * it damps the gap between rank 1 and rank 2 so one list cannot overrule the other on its own.
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
