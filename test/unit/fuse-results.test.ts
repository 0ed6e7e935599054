import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion, RRF_K } from '../../src/retrieve/fuse-results.js';

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
