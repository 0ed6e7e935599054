import { describe, expect, it } from 'vitest';
import { LEXICAL_SCORE_WEIGHT, reciprocalRankFusion, RRF_K, scoreFusion } from '../../src/retrieve/fuse-results.js';

const order = (result: { id: number }[]) => result.map((item) => item.id);

describe('reciprocalRankFusion', () => {
  it('uses k = 60 by default, as in the paper', () => {
    expect(RRF_K).toBe(60);
    const [top] = reciprocalRankFusion([{ ids: [7], weight: 1 }]);
    expect(top).toEqual({ id: 7, score: 1 / 61 });
  });

  it.each([
    [
      'an item ranked high in both lists beats items first in only one',
      [
        [1, 2, 3],
        [4, 2, 5],
      ],
      [2, 1, 4, 3, 5],
    ],
    [
      'agreement at the top wins',
      [
        [1, 2],
        [1, 3],
      ],
      [1, 2, 3],
    ],
    ['an item in one list only still appears', [[1], [2, 3]], [1, 2, 3]],
    [
      'equal scores are ordered by id',
      [
        [5, 9],
        [9, 5],
      ],
      [5, 9],
    ],
    [
      'reversed lists: the two ends tie (broken by id) and edge out the middle',
      [
        [3, 2, 1],
        [1, 2, 3],
      ],
      [1, 3, 2],
    ],
    ['a single list keeps its order', [[8, 3, 5]], [8, 3, 5]],
  ])('%s', (_name, lists, expected) => {
    expect(order(reciprocalRankFusion(lists.map((ids) => ({ ids, weight: 1 }))))).toEqual(expected);
  });

  it('sums weight / (k + rank) over lists, rank counted from 1', () => {
    const fused = reciprocalRankFusion([
      { ids: [1, 2], weight: 1 },
      { ids: [2], weight: 0.5 },
    ]);
    const byId = new Map(fused.map((item) => [item.id, item.score]));
    expect(byId.get(1)).toBeCloseTo(1 / 61, 12);
    expect(byId.get(2)).toBeCloseTo(1 / 62 + 0.5 / 61, 12);
  });

  it.each([
    [2, 1, 1],
    [1, 2, 3],
  ])('with weights lexical=%d dense=%d the top item is %d', (lexicalWeight, denseWeight, expectedTop) => {
    const fused = reciprocalRankFusion([
      { ids: [1, 2], weight: lexicalWeight },
      { ids: [3, 4], weight: denseWeight },
    ]);
    expect(fused[0]!.id).toBe(expectedTop);
  });

  it('a zero-weight list cannot change the order', () => {
    const alone = reciprocalRankFusion([{ ids: [4, 5, 6], weight: 1 }]);
    const withIgnored = reciprocalRankFusion([
      { ids: [4, 5, 6], weight: 1 },
      { ids: [6, 5, 4], weight: 0 },
    ]);
    expect(order(withIgnored)).toEqual(order(alone));
  });

  it.each([
    [60, 2],
    [1, 1],
  ])('with k = %d, the winner between "first in one list" and "in both, but deep in one" is %d', (k, expectedTop) => {
    // A large k flattens rank differences, so consensus wins; a tiny k lets a single first place dominate.
    const fused = reciprocalRankFusion(
      [
        { ids: [1, 2], weight: 1 },
        { ids: [3, 4, 5, 6, 7, 2], weight: 1 },
      ],
      k,
    );
    const top = fused.filter((item) => item.id === 1 || item.id === 2)[0]!;
    expect(top.id).toBe(expectedTop);
  });

  it('returns each id once, and nothing for no lists', () => {
    const fused = reciprocalRankFusion([
      { ids: [1, 2, 3], weight: 1 },
      { ids: [3, 2, 1], weight: 1 },
      { ids: [2], weight: 1 },
    ]);
    expect(order(fused).sort()).toEqual([1, 2, 3]);
    expect(reciprocalRankFusion([])).toEqual([]);
    expect(reciprocalRankFusion([{ ids: [], weight: 1 }])).toEqual([]);
  });
});

describe('scoreFusion', () => {
  const candidates = [
    { id: 1, lexical: 12, dense: 0.41 },
    { id: 2, lexical: 3, dense: 0.62 },
    { id: 3, lexical: 7, dense: 0.55 },
    { id: 4, lexical: 0, dense: 0.58 },
    { id: 5, lexical: 5, dense: 0.5 },
  ];
  const byLexical = [...candidates].sort((a, b) => b.lexical - a.lexical).map((candidate) => candidate.id);
  const byDense = [...candidates].sort((a, b) => b.dense - a.dense).map((candidate) => candidate.id);

  it('weighs the lexical score between 0 and 1 exclusive, so both lists count', () => {
    expect(LEXICAL_SCORE_WEIGHT).toBeGreaterThan(0);
    expect(LEXICAL_SCORE_WEIGHT).toBeLessThan(1);
  });

  it('with all the weight on one list, follows that list', () => {
    expect(order(scoreFusion(candidates, 1))).toEqual(byLexical);
    expect(order(scoreFusion(candidates, 0))).toEqual(byDense);
  });

  it('keeps scores within [0, 1] and returns each candidate once, best first', () => {
    const fused = scoreFusion(candidates);
    expect(order(fused).sort()).toEqual([1, 2, 3, 4, 5]);
    for (const { score } of fused) {
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
    for (let i = 1; i < fused.length; i += 1) expect(fused[i - 1]!.score).toBeGreaterThanOrEqual(fused[i]!.score);
  });

  it('ranks a candidate at least as good in both scores above the other', () => {
    const fused = order(scoreFusion(candidates));
    // 3 beats 5 on BM25 and on cosine.
    expect(fused.indexOf(3)).toBeLessThan(fused.indexOf(5));
  });

  it('does not change when either list is rescaled or shifted (min–max normalisation)', () => {
    const rescaled = candidates.map((candidate) => ({ ...candidate, lexical: candidate.lexical * 7 + 3, dense: candidate.dense * 0.5 - 0.2 }));
    expect(order(scoreFusion(rescaled))).toEqual(order(scoreFusion(candidates)));
  });

  it('keeps a lexical first place by a wide margin that rank fusion pushes below middling chunks', () => {
    // Chunk 0 is far ahead on BM25 and last on cosine; chunks 1-30 are middling in both lists.
    const middling = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, lexical: 4 - i * 0.1, dense: 0.6 - i * 0.005 }));
    const pool = [{ id: 0, lexical: 20, dense: 0.3 }, ...middling, { id: 10, lexical: 0, dense: 0.65 }];
    const ranks = (key: 'lexical' | 'dense') => [...pool].sort((a, b) => b[key] - a[key]).map((candidate) => candidate.id);
    const byRank = reciprocalRankFusion([
      { ids: ranks('lexical'), weight: 1 },
      { ids: ranks('dense'), weight: 0.6 },
    ]);
    expect(order(byRank).slice(0, 5)).not.toContain(0);
    expect(order(scoreFusion(pool)).slice(0, 5)).toContain(0);
  });

  it('gives no score to a list whose candidates all score the same, and nothing for no candidates', () => {
    const flatDense = candidates.map((candidate) => ({ ...candidate, dense: 0.5 }));
    expect(order(scoreFusion(flatDense))).toEqual(byLexical);
    expect(scoreFusion([])).toEqual([]);
  });
});
