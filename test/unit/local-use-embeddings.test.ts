import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCAL_EMBEDDER_DIMENSION, LocalUseEmbeddings } from '../../src/embeddings/local-use-embeddings.js';
import { cosine } from '../../src/embeddings/vector-math.js';
import { REPO_ROOT } from '../helpers/article-index.js';

/**
 * The local encoder's vectors must match those of the original TensorFlow.js implementation (recorded in the fixture
 * by test/fixtures/use-lite-reference/generate.ts) whatever runs it, or indexes built before would go stale.
 */
const reference = JSON.parse(readFileSync(path.join(REPO_ROOT, 'test/fixtures/use-lite-reference/vectors.json'), 'utf8')) as {
  texts: string[];
  vectors: string[];
};
const referenceVectors = reference.vectors.map((encoded) => {
  const bytes = Buffer.from(encoded, 'base64');
  return Array.from(new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2), (value) => value / 32767);
});

// The contract is 0.999 (indexes stay valid); a faithful port of the graph lands within ~1e-6, so hold it tighter.
const MIN_COSINE = 0.9999;

describe('LocalUseEmbeddings', () => {
  it('gives the vectors of the original TensorFlow.js encoder for queries', async () => {
    const embeddings = new LocalUseEmbeddings({ queryCacheSize: 0 });
    for (const [index, text] of reference.texts.entries()) {
      const vector = await embeddings.embedQuery(text);
      expect(vector).toHaveLength(LOCAL_EMBEDDER_DIMENSION);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 6);
      expect(cosine(vector, referenceVectors[index]!), JSON.stringify(text)).toBeGreaterThanOrEqual(MIN_COSINE);
    }
  });

  it('gives the same vectors in batches of mixed lengths, in input order', async () => {
    const embeddings = new LocalUseEmbeddings({ batchSize: 4 });
    const vectors = await embeddings.embedDocuments(reference.texts);
    expect(vectors).toHaveLength(reference.texts.length);
    for (const [index, text] of reference.texts.entries()) {
      expect(cosine(vectors[index]!, referenceVectors[index]!), JSON.stringify(text)).toBeGreaterThanOrEqual(MIN_COSINE);
    }
    expect(await embeddings.embedDocuments([])).toEqual([]);
  });

  it('remembers recent queries', async () => {
    const embeddings = new LocalUseEmbeddings({ queryCacheSize: 2 });
    const first = await embeddings.embedQuery('where is the headquarters');
    expect(await embeddings.embedQuery('where is the headquarters')).toBe(first);
    await embeddings.embedQuery('second question');
    await embeddings.embedQuery('third question');
    const again = await embeddings.embedQuery('where is the headquarters');
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});
