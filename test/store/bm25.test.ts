import { describe, expect, it } from 'vitest';
import { buildLexicalIndex, idf, searchLexical, weightedTerms, type LexicalIndex } from '../../src/store/bm25.js';

const TEXTS = ['The harbour opened in 1887.', 'Ferries leave the harbour every hour.', 'The museum closes on Mondays.', 'Cargo ships dock at night.'];
/** As the server has it: read back from lexical.json. */
const loaded = (): LexicalIndex => JSON.parse(JSON.stringify(buildLexicalIndex(TEXTS))) as LexicalIndex;
const query = (text: string) => weightedTerms([{ text, weight: 1 }]);

describe('lexical index', () => {
  it('ranks chunks by BM25 and returns only chunks that contain a query term', () => {
    const hits = searchLexical(loaded(), query('When did the harbour open?'), 10);
    expect(hits.map((hit) => hit.chunkIndex)).toEqual([0, 1]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('touches only the postings of the query terms, not every chunk', () => {
    const manyChunks = Array.from({ length: 5000 }, (_, i) => (i === 4321 ? 'a lighthouse keeper' : `filler text number ${i}`));
    const big = buildLexicalIndex(manyChunks);
    searchLexical(big, query('filler'), 5); // the first search of an index may prepare per-chunk constants
    let lengthReads = 0;
    big.lengths = new Proxy(big.lengths, {
      get(target, property, receiver) {
        if (typeof property === 'string' && /^\d+$/.test(property)) lengthReads += 1;
        return Reflect.get(target, property, receiver);
      },
    });
    expect(searchLexical(big, query('lighthouse'), 5).map((hit) => hit.chunkIndex)).toEqual([4321]);
    expect(lengthReads).toBeLessThanOrEqual(1);
  });

  it('returns the same hits as a plain BM25 over every chunk, query after query', () => {
    let seed = 3;
    const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
    const vocabulary = Array.from({ length: 40 }, (_, i) => `word${i}`);
    const texts = Array.from({ length: 300 }, () =>
      Array.from({ length: 3 + Math.floor(random() * 12) }, () => vocabulary[Math.floor(random() * random() * 40)]).join(' '),
    );
    const index = JSON.parse(JSON.stringify(buildLexicalIndex(texts))) as LexicalIndex;
    const reference = (terms: Map<string, number>, limit: number) => {
      const scores = new Map<number, number>();
      for (const [term, weight] of terms) {
        const list = index.postings[term] ?? [];
        for (let i = 0; i < list.length; i += 2) {
          const norm = list[i + 1]! + 1.2 * (1 - 0.75 + (0.75 * index.lengths[list[i]!]!) / index.averageLength);
          scores.set(list[i]!, (scores.get(list[i]!) ?? 0) + weight * idf(index, term) * ((list[i + 1]! * 2.2) / norm));
        }
      }
      return [...scores]
        .map(([chunkIndex, score]) => ({ chunkIndex, score }))
        .sort((a, b) => b.score - a.score || a.chunkIndex - b.chunkIndex)
        .slice(0, limit);
    };
    for (let q = 0; q < 50; q += 1) {
      const terms = new Map(Array.from({ length: 1 + (q % 4) }, (_, i) => [vocabulary[(q * 7 + i * 13) % 40]!, i === 0 ? 1 : 0.6] as const));
      const limit = 1 + (q % 30);
      const hits = searchLexical(index, terms, limit);
      const expected = reference(terms, limit);
      expect(hits.map((hit) => hit.chunkIndex)).toEqual(expected.map((hit) => hit.chunkIndex));
      hits.forEach((hit, i) => expect(hit.score).toBeCloseTo(expected[i]!.score, 10));
    }
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'])('treats "%s" as an ordinary unknown word', (word) => {
    const index = loaded();
    expect(searchLexical(index, query(`What is the ${word}?`), 10)).toEqual([]);
    for (const term of query(word).keys()) expect(idf(index, term)).toBe(0);
  });
});
