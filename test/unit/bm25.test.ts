import { describe, expect, it } from 'vitest';
import { buildLexicalIndex, idf, scoreLexical, searchLexical, weightedTerms, type LexicalIndex } from '../../src/store/bm25.js';
import { stem } from '../../src/text/tokenize.js';

const TEXTS = [
  'The seed library lends seeds to members in spring.',
  'A fire destroyed a third of the collection in 2001.',
  'Every April the seed exchange trades surplus seeds; seed packets change hands.',
  'Volunteers teach workshops on seed saving and storage.',
  'The library moved to a former fire station in 1994.',
];
const index = buildLexicalIndex(TEXTS);

const search = (lexical: LexicalIndex, query: string, limit = 10) => searchLexical(lexical, weightedTerms([{ text: query, weight: 1 }]), limit);
const ranking = (lexical: LexicalIndex, query: string) => search(lexical, query).map((hit) => hit.chunkIndex);

describe('buildLexicalIndex', () => {
  it('records one length per text, their average, and postings per stemmed term', () => {
    expect(index.documentCount).toBe(5);
    expect(index.lengths).toHaveLength(5);
    expect(index.averageLength).toBeCloseTo(index.lengths.reduce((a, b) => a + b, 0) / 5);
    // "seeds" and "seed" are one term: chunk 0 has it twice, chunk 2 three times, chunk 3 once.
    expect(index.postings.seed).toEqual([0, 2, 2, 3, 3, 1]);
    expect(index.postings.the).toBeUndefined();
  });

  it('handles an empty corpus without NaN', () => {
    const empty = buildLexicalIndex([]);
    expect(empty.averageLength).toBe(0);
    expect(search(empty, 'anything')).toEqual([]);
  });
});

describe('searchLexical ranking', () => {
  it.each([
    ['workshops', [3]],
    ['fire station', [4, 1]],
    ['When was the collection destroyed by fire?', [1, 4]],
    ['seed exchange in April', [2, 0, 3]],
    ['volunteer workshop', [3]],
  ])('%j ranks chunks %j', (query, expected) => {
    expect(ranking(index, query)).toEqual(expected);
  });

  it('a query term absent from the index scores nothing', () => {
    expect(searchLexical(index, new Map([['zebra', 1]]), 10)).toEqual([]);
    const withAbsent = searchLexical(
      index,
      new Map([
        ['fire', 1],
        ['zebra', 1],
      ]),
      10,
    );
    expect(withAbsent).toEqual(searchLexical(index, new Map([['fire', 1]]), 10));
  });

  it('a query of stop words only finds nothing', () => {
    expect(search(index, 'what is the')).toEqual([]);
  });

  it('scores are positive and sorted best first', () => {
    const hits = search(index, 'seed library fire');
    expect(hits.length).toBeGreaterThan(2);
    for (const hit of hits) expect(hit.score).toBeGreaterThan(0);
    for (let i = 1; i < hits.length; i += 1) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
  });

  it('respects the limit', () => {
    expect(search(index, 'seed', 2).map((hit) => hit.chunkIndex)).toHaveLength(2);
  });

  it('a lower weight lowers the score proportionally', () => {
    const full = searchLexical(index, new Map([['fire', 1]]), 10);
    const half = searchLexical(index, new Map([['fire', 0.5]]), 10);
    expect(half.map((hit) => hit.chunkIndex)).toEqual(full.map((hit) => hit.chunkIndex));
    half.forEach((hit, i) => expect(hit.score).toBeCloseTo(full[i]!.score / 2, 10));
  });

  it('a down-weighted term (e.g. borrowed from history) no longer decides the ranking', () => {
    const lexical = buildLexicalIndex(['budget report budget figures', 'staff numbers and staff lists']);
    const top = (weights: [string, number][]) => searchLexical(lexical, new Map(weights), 1)[0]!.chunkIndex;
    expect(
      top([
        ['budget', 1],
        ['staff', 0.2],
      ]),
    ).toBe(0);
    expect(
      top([
        ['budget', 0.2],
        ['staff', 1],
      ]),
    ).toBe(1);
  });

  it('more occurrences of a term rank higher at equal length', () => {
    const lexical = buildLexicalIndex(['seed bank seed', 'seed bank vault']);
    expect(ranking(lexical, 'seed')).toEqual([0, 1]);
  });

  it('a shorter chunk ranks higher at equal term frequency', () => {
    const lexical = buildLexicalIndex(['many other long words around one seed vault here', 'seed vault']);
    expect(ranking(lexical, 'seed')).toEqual([1, 0]);
  });

  it('ties keep chunk order, whatever the query term order, on every run', () => {
    const lexical = buildLexicalIndex(['same words here', 'other text', 'same words here', 'words same here']);
    const first = searchLexical(
      lexical,
      new Map([
        ['same', 1],
        ['word', 1],
      ]),
      10,
    );
    const reversed = searchLexical(
      lexical,
      new Map([
        ['word', 1],
        ['same', 1],
      ]),
      10,
    );
    expect(first.map((hit) => hit.chunkIndex)).toEqual([0, 2, 3]);
    expect(first[0]!.score).toBeCloseTo(first[1]!.score, 12);
    expect(reversed.map((hit) => hit.chunkIndex)).toEqual([0, 2, 3]);
    expect(
      searchLexical(
        lexical,
        new Map([
          ['same', 1],
          ['word', 1],
        ]),
        10,
      ),
    ).toEqual(first);
  });

  it('gives the same results after a JSON round trip (as saved in lexical.json)', () => {
    const restored = JSON.parse(JSON.stringify(index)) as LexicalIndex;
    for (const query of ['seed', 'fire station', 'seed exchange April']) expect(search(restored, query)).toEqual(search(index, query));
  });
});

describe('idf', () => {
  it('is 0 for a term the corpus lacks', () => {
    expect(idf(index, 'zebra')).toBe(0);
  });

  it('is higher for a rarer term', () => {
    expect(idf(index, 'station')).toBeGreaterThan(idf(index, 'fire'));
    expect(idf(index, 'fire')).toBeGreaterThan(idf(index, 'seed'));
  });

  it('is never negative, even for a term in every chunk', () => {
    const lexical = buildLexicalIndex(['common alpha', 'common beta', 'common gamma']);
    expect(idf(lexical, 'common')).toBeGreaterThan(0);
    expect(idf(lexical, 'common')).toBeLessThan(idf(lexical, 'alpha'));
    expect(search(lexical, 'common')).toHaveLength(3);
  });
});

describe('weightedTerms', () => {
  it('stems, drops stop words, and keeps the highest weight of a repeated term', () => {
    const weights = weightedTerms([
      { text: 'When was IOM founded?', weight: 1 },
      { text: 'IOM history and migrants', weight: 0.5 },
    ]);
    expect([...weights.entries()]).toEqual([
      ['iom', 1],
      [stem('founded'), 1],
      [stem('history'), 0.5],
      [stem('migrants'), 0.5],
    ]);
  });

  it('a later, higher weight replaces a lower one', () => {
    const weights = weightedTerms([
      { text: 'staff', weight: 0.3 },
      { text: 'staff', weight: 0.9 },
    ]);
    expect(weights.get('staff')).toBe(0.9);
  });
});

describe('scoreLexical', () => {
  it('gives each chunk the score searchLexical gives it, and 0 to a chunk without the terms', () => {
    const index = buildLexicalIndex(['the cat sat on the mat', 'a dog and a cat', 'birds sing', 'cat cat cat food']);
    const query = weightedTerms([{ text: 'cat food', weight: 1 }]);
    const searched = new Map(searchLexical(index, query, 10).map((hit) => [hit.chunkIndex, hit.score]));
    const scored = scoreLexical(index, query, [0, 1, 2, 3]);
    scored.forEach((score, chunkIndex) => expect(score).toBeCloseTo(searched.get(chunkIndex) ?? 0, 10));
    expect(scored[2]).toBe(0);
  });
});
