import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chunk } from '../../../src/domain/chunk.js';
import type { Document } from '../../../src/domain/document.js';
import type { ConnectionPool } from '../../../src/store/postgres/connection-pool.js';
import { PostgresIndexReader } from '../../../src/store/postgres/postgres-index-reader.js';
import { writePostgresBuild } from '../../../src/store/postgres/write-postgres-build.js';
import { cosine } from '../../../src/embeddings/vector-math.js';
import { seededRandom } from '../../helpers/fake-embeddings.js';
import { buildFromChunks } from '../../helpers/postgres-build.js';
import { startTestDatabase } from '../../helpers/postgres-database.js';

const CHUNKS = 3000;
const DIMENSION = 32;
const QUERIES = 50;

let database: Awaited<ReturnType<typeof startTestDatabase>>;
let pool: ConnectionPool;
let vectors: number[][];
let buildId: number;

beforeAll(async () => {
  database = await startTestDatabase();
  pool = database.pool();
  const random = seededRandom(42);
  vectors = Array.from({ length: CHUNKS }, () => Array.from({ length: DIMENSION }, () => random() * 2 - 1));
  const text = Array.from({ length: CHUNKS }, (_, i) => `Chunk ${i}.`).join('\n');
  const document: Document = { id: 'random', title: 'Random', file: 'random.txt', text, sections: [], references: [], blocks: [] };
  let offset = 0;
  const chunks: Chunk[] = vectors.map((_, i) => {
    const chunkText = `Chunk ${i}.`;
    const chunk = {
      id: `random#${i}`,
      sourceId: 'random',
      section: 'Random',
      sectionPath: 'Random',
      start: offset,
      end: offset + chunkText.length,
      text: chunkText,
      sentences: [],
    };
    offset += chunkText.length + 1;
    return chunk;
  });
  const build = buildFromChunks([document], chunks, [{ id: 'random', file: 'random.txt', hash: 'x', chunks: CHUNKS }], { dimension: DIMENSION });
  buildId = Number((await writePostgresBuild(pool, { ...build, vectors }, { graceSeconds: 0 })).buildId);
});

afterAll(async () => {
  await database?.stop();
});

function exactTop(query: number[], k: number): number[] {
  return vectors
    .map((vector, chunkIndex) => ({ chunkIndex, score: cosine(query, vector) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((hit) => hit.chunkIndex);
}

describe('dense search over the build HNSW graph', () => {
  it('finds at least 95 % of the exact top 10 on random vectors at HNSW_EF_SEARCH 100, with cosine similarities', async () => {
    const reader = await PostgresIndexReader.open(pool, buildId, { efSearch: 100 });
    const random = seededRandom(7);
    let found = 0;
    for (let q = 0; q < QUERIES; q += 1) {
      const query = Array.from({ length: DIMENSION }, () => random() * 2 - 1);
      const hits = await reader.searchDense(query, 10);
      expect(hits).toHaveLength(10);
      hits.forEach((hit) => expect(hit.score).toBeCloseTo(cosine(query, vectors[hit.chunkIndex]!), 5));
      const exact = new Set(exactTop(query, 10));
      found += hits.filter((hit) => exact.has(hit.chunkIndex)).length;
    }
    expect(found / (QUERIES * 10)).toBeGreaterThanOrEqual(0.95);
  });

  it('returns as many results as asked even beyond ef_search (ef is raised to the limit)', async () => {
    const reader = await PostgresIndexReader.open(pool, buildId, { efSearch: 10 });
    expect(await reader.searchDense(vectors[0]!, 60)).toHaveLength(60);
  });
});
