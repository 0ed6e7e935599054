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
    let lengthReads = 0;
    big.lengths = new Proxy(big.lengths, {
      get(target, property, receiver) {
        if (typeof property === 'string' && /^\d+$/.test(property)) lengthReads += 1;
        return Reflect.get(target, property, receiver);
      },
    });
    expect(searchLexical(big, query('lighthouse'), 5).map((hit) => hit.chunkIndex)).toEqual([4321]);
    expect(lengthReads).toBe(1);
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'])('treats "%s" as an ordinary unknown word', (word) => {
    const index = loaded();
    expect(searchLexical(index, query(`What is the ${word}?`), 10)).toEqual([]);
    for (const term of query(word).keys()) expect(idf(index, term)).toBe(0);
  });
});
