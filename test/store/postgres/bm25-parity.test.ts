import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunksWithTerm, documentFrequency, scoreLexical, searchLexical, weightedTerms } from '../../../src/store/bm25.js';
import type { ConnectionPool } from '../../../src/store/postgres/connection-pool.js';
import { PostgresIndexReader } from '../../../src/store/postgres/postgres-index-reader.js';
import type { PostgresBuildInput } from '../../../src/store/postgres/postgres-build-input.js';
import { writePostgresBuild } from '../../../src/store/postgres/write-postgres-build.js';
import { buildFromCorpus } from '../../helpers/postgres-build.js';
import { startTestDatabase } from '../../helpers/postgres-database.js';
import { seededRandom } from '../../helpers/fake-embeddings.js';
import { REPO_ROOT } from '../../helpers/article-index.js';

/**
 * The Postgres store's BM25 (SQL over the postings table) against bm25.ts's in-memory functions, on a few hundred
 * real chunks of the MDN HTTP corpus parsed by the project's loaders: same chunks in the same order, scores equal to
 * 1e-9 (they are computed as the same doubles), same document frequencies, same conjunctive matches.
 */
let database: Awaited<ReturnType<typeof startTestDatabase>>;
let pool: ConnectionPool;
let build: PostgresBuildInput;
let reader: PostgresIndexReader;
let queries: Map<string, number>[];

beforeAll(async () => {
  database = await startTestDatabase();
  pool = database.pool();
  build = await buildFromCorpus(path.join(REPO_ROOT, 'eval/corpora/mdn-http'), { maxChunks: 300, dimension: 8 });
  const manifest = await writePostgresBuild(pool, build, { graceSeconds: 0 });
  reader = await PostgresIndexReader.open(pool, Number(manifest.buildId), { efSearch: 100 });
  const lines = (await readFile(path.join(REPO_ROOT, 'eval/corpora/mdn-http.jsonl'), 'utf8')).trim().split('\n');
  const questions = lines.map((line) => (JSON.parse(line) as { question: string }).question);
  // Plain questions, questions with synonyms, and follow-ups weighted with the previous question (weights < 1).
  queries = questions.flatMap((question, i) => [
    weightedTerms([{ text: question, weight: 1 }]),
    weightedTerms([{ text: question, weight: 1 }], true),
    weightedTerms([
      { text: question, weight: 1 },
      { text: questions[(i + 1) % questions.length]!, weight: 0.4 },
    ]),
  ]);
});

afterAll(async () => {
  await database?.stop();
});

function expectSameHits(actual: { chunkIndex: number; score: number }[], expected: { chunkIndex: number; score: number }[]) {
  expect(actual.map((hit) => hit.chunkIndex)).toEqual(expected.map((hit) => hit.chunkIndex));
  actual.forEach((hit, i) => expect(Math.abs(hit.score - expected[i]!.score)).toBeLessThanOrEqual(1e-9));
}

describe('BM25 in Postgres matches bm25.ts', () => {
  it('holds a few hundred real chunks', () => {
    expect(reader.chunkCount).toBeGreaterThanOrEqual(250);
    expect(queries.length).toBeGreaterThan(150);
  });

  it('searchLexical: same chunks in the same order, same scores, for the top 10 and for every match', async () => {
    for (const query of queries) {
      expectSameHits(await reader.searchLexical(query, 10), searchLexical(build.lexical, query, 10));
      expectSameHits(await reader.searchLexical(query, 10_000), searchLexical(build.lexical, query, 10_000));
    }
  });

  it('scoreLexical: the same score for any chunk, 0 for one without the terms, in the order given', async () => {
    const random = seededRandom(7);
    for (const query of queries.slice(0, 60)) {
      const chunkIndices = Array.from({ length: 25 }, () => Math.floor(random() * reader.chunkCount));
      const actual = await reader.scoreLexical(query, chunkIndices);
      const expected = scoreLexical(build.lexical, query, chunkIndices);
      actual.forEach((score, i) => expect(Math.abs(score - expected[i]!)).toBeLessThanOrEqual(1e-9));
    }
  });

  it('termFrequencies: the document frequency of each term (0 when unknown) and the chunk count', async () => {
    const terms = [...new Set(queries.flatMap((query) => [...query.keys()]))];
    const { chunkCount, frequencies } = await reader.termFrequencies([...terms, 'zzzunknownterm']);
    expect(chunkCount).toBe(build.lexical.documentCount);
    for (const term of terms) expect(frequencies.get(term)).toBe(documentFrequency(build.lexical, term));
    expect(frequencies.get('zzzunknownterm')).toBe(0);
  });

  it('chunksWithAllTerms: the chunks holding every term, in chunk order, limited, within one document when asked', async () => {
    const intersect = (terms: string[], range?: { first: number; last: number }) =>
      terms.map((term) => chunksWithTerm(build.lexical, term, range)).reduce((kept, list) => kept.filter((chunkIndex) => list.includes(chunkIndex)));
    const firstDocument = build.manifest.documents[1]!;
    const first = build.manifest.documents[0]!.chunks;
    for (const query of queries.slice(0, 90)) {
      const terms = [...query.keys()].slice(0, 2);
      expect(await reader.chunksWithAllTerms(terms, { limit: 1000 })).toEqual(intersect(terms));
      expect(await reader.chunksWithAllTerms(terms, { limit: 3 })).toEqual(intersect(terms).slice(0, 3));
      expect(await reader.chunksWithAllTerms(terms, { limit: 1000, sourceId: firstDocument.id })).toEqual(
        intersect(terms, { first, last: first + firstDocument.chunks - 1 }),
      );
    }
    expect(await reader.chunksWithAllTerms([], { limit: 10 })).toEqual([]);
    expect(await reader.chunksWithAllTerms(['http', 'zzzunknownterm'], { limit: 10 })).toEqual([]);
    expect(await reader.chunksWithAllTerms(['http'], { limit: 10, sourceId: 'no-such-document' })).toEqual([]);
  });
});

describe('the rest of a build reads back as written', () => {
  it('chunks, documents and their summaries', async () => {
    const chunkIndices = [5, 0, 5, reader.chunkCount - 1];
    expect(await reader.chunks(chunkIndices)).toEqual(chunkIndices.map((chunkIndex) => build.chunks[chunkIndex]));
    await expect(reader.chunks([reader.chunkCount])).rejects.toThrow(RangeError);
    const ids = [...build.documents.keys()];
    const documents = await reader.documents([ids[1]!, 'missing', ids[0]!]);
    expect([...documents.keys()].sort()).toEqual([ids[0], ids[1]].sort());
    expect(documents.get(ids[1]!)).toEqual(build.documents.get(ids[1]!));
    const summaries = await reader.documentSummaries();
    expect(summaries.map((summary) => summary.id)).toEqual(ids);
    expect(summaries[0]!.sectionTitles).toEqual(
      build.documents
        .get(ids[0]!)!
        .sections.filter((s) => s.level >= 1)
        .map((s) => s.title),
    );
  });

  it('chunk vectors (unit length) and sentence vectors (the same float32s)', async () => {
    const [vector] = await reader.chunkVectors([3]);
    const expected = build.vectors[3]!;
    const norm = Math.hypot(...expected);
    vector!.forEach((value, i) => expect(value).toBeCloseTo(expected[i]! / norm, 6));
    const starts = [0];
    for (const chunk of build.chunks) starts.push(starts[starts.length - 1]! + chunk.sentences.length);
    const [sentences] = await reader.sentenceVectors([7]);
    expect([...sentences!]).toEqual([...build.sentenceVectors.subarray(starts[7]! * 8, starts[8]! * 8)]);
  });
});
