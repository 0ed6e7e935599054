import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retrieve } from '../../src/retrieve/hybrid-retrieve.js';
import { withNeighbours } from '../../src/retrieve/neighbour-passages.js';
import { buildTestIndex, REPO_ROOT, type TestIndex } from '../helpers/article-index.js';

let testIndex: TestIndex;
beforeAll(async () => {
  testIndex = await buildTestIndex(path.join(REPO_ROOT, 'test/fixtures/structured-docs'));
});
afterAll(async () => {
  await testIndex?.cleanup();
});

describe('neighbour passages', () => {
  it('adds the chunks on either side of each retrieved one, from its document only, each once', async () => {
    const { reader } = testIndex;
    const result = await retrieve({ index: reader, question: 'How often should the thermocouple be replaced?', history: [], topK: 2 });
    const passages = await withNeighbours(reader, result);
    expect(passages.slice(0, result.passages.length)).toEqual(result.passages);
    const added = passages.slice(result.passages.length);
    expect(added.length).toBeGreaterThan(0);
    expect(new Set(passages.map((passage) => passage.chunkIndex)).size).toBe(passages.length);
    for (const passage of added) {
      const beside = result.passages.filter((retrieved) => Math.abs(retrieved.chunkIndex - passage.chunkIndex) === 1);
      expect(beside.some((retrieved) => retrieved.chunk.sourceId === passage.chunk.sourceId)).toBe(true);
      expect((await reader.chunks([passage.chunkIndex]))[0]).toEqual(passage.chunk);
    }
  });

  it('scores an added chunk for the same query as retrieval would', async () => {
    const { reader } = testIndex;
    const result = await retrieve({ index: reader, question: 'Which safety tasks can the controller perform?', history: [], topK: 1 });
    const [added] = (await withNeighbours(reader, result)).slice(1);
    expect(added).toBeDefined();
    const all = await retrieve({ index: reader, question: 'Which safety tasks can the controller perform?', history: [], topK: 50 });
    const same = all.passages.find((passage) => passage.chunkIndex === added!.chunkIndex);
    // The fixture is a few chunks: retrieval with a large k scores every one.
    expect(same).toBeDefined();
    expect(added!.lexicalScore).toBeCloseTo(same!.lexicalScore, 6);
    expect(added!.denseScore).toBeCloseTo(same!.denseScore, 5);
  });
});
