import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/ingest/build-index.js';
import type { Embedder } from '../../src/embeddings/embedder.js';
import { loadIndex } from '../../src/store/index-files.js';
import { FakeEmbeddings } from '../helpers/fake-embeddings.js';
import { temporaryFolders } from '../helpers/temporary-folders.js';

const HNSW = { m: 16, efConstruction: 100, efSearch: 50 };
const CHUNKING = { chunkSize: 300, overlapSentences: 0 };

function documentText(title: string, topic: string, paragraphs: number): string {
  const body = Array.from(
    { length: paragraphs },
    (_, i) => `The ${topic} team reviewed item ${i + 1} of the plan. It approved the ${topic} budget for year ${2000 + i}.`,
  );
  return `---\ntitle: ${title}\n---\n# ${title}\n\n${body.join('\n\n')}\n`;
}

const temporaryDir = temporaryFolders('cite-');

async function setup() {
  const corpusDir = await temporaryDir('cite-corpus-');
  const indexDir = await temporaryDir('cite-index-');
  await writeFile(path.join(corpusDir, 'alpha.md'), documentText('Alpha', 'harbour', 6));
  await writeFile(path.join(corpusDir, 'beta.md'), documentText('Beta', 'railway', 6));
  await writeFile(path.join(corpusDir, 'gamma.md'), documentText('Gamma', 'airport', 6));
  const counting = new FakeEmbeddings({ dimension: 64, vectors: 'word-hash' });
  const embedder: Embedder = { id: 'counting-fake', dimension: counting.dimension, embeddings: counting };
  return { corpusDir, indexDir, counting, embedder };
}

describe('incremental re-ingest', () => {
  it('re-embeds only the document whose content changed and keeps the other vectors', async () => {
    const { corpusDir, indexDir, counting, embedder } = await setup();
    const first = await buildIndex({ corpusDir, indexDir, embedder, chunking: CHUNKING, hnsw: HNSW });
    const firstIndex = await loadIndex(indexDir, embedder);
    expect(first.reusedDocuments).toEqual([]);
    expect(counting.embeddedTexts.length).toBe(firstIndex.manifest.counts.chunks + firstIndex.manifest.counts.sentences);

    const changed = documentText('Beta', 'railway', 6).replace('item 3 of the plan', 'item 3 of the revised tramway plan');
    await writeFile(path.join(corpusDir, 'beta.md'), changed);
    counting.calls.length = 0;
    const second = await buildIndex({ corpusDir, indexDir, embedder, chunking: CHUNKING, hnsw: HNSW });
    const secondIndex = await loadIndex(indexDir, embedder);

    expect(second.reusedDocuments).toEqual(['alpha', 'gamma']);
    const betaChunks = secondIndex.chunks.filter((chunk) => chunk.sourceId === 'beta');
    const betaSentences = betaChunks.reduce((sum, chunk) => sum + chunk.sentences.length, 0);
    expect(counting.embeddedTexts.length).toBe(betaChunks.length + betaSentences);
    expect(second.embeddedTexts).toBe(counting.embeddedTexts.length);
    // Every text sent to the encoder is Beta's: its chunks (titled "Beta — …") or its sentences.
    const betaText = secondIndex.documents.get('beta')!.text;
    for (const text of counting.embeddedTexts) expect(text.startsWith('Beta — ') || betaText.includes(text)).toBe(true);
    expect(counting.embeddedTexts.some((text) => text.includes('tramway'))).toBe(true);

    // Reused vectors are the ones a full rebuild computes, and sit next to the right chunks.
    const dimension = embedder.dimension;
    secondIndex.chunks.forEach((chunk, chunkIndex) => {
      const searchable = secondIndex.vectors.vectorAt(chunkIndex);
      const expected = counting.vectorOf(`${secondIndex.documents.get(chunk.sourceId)!.title} — ${chunk.sectionPath}\n${chunk.text}`);
      searchable.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 5));
      chunk.sentences.forEach((span, sentenceIndex) => {
        const offset = (secondIndex.sentenceBase[chunkIndex]! + sentenceIndex) * dimension;
        const sentence = counting.vectorOf(secondIndex.documents.get(chunk.sourceId)!.text.slice(span.start, span.end));
        for (let i = 0; i < dimension; i += 1) expect(secondIndex.sentenceVectors[offset + i]).toBeCloseTo(sentence[i]!, 5);
      });
    });
  });

  it('re-embeds everything when the chunker settings change or a full build is asked for', async () => {
    const { corpusDir, indexDir, counting, embedder } = await setup();
    await buildIndex({ corpusDir, indexDir, embedder, chunking: CHUNKING, hnsw: HNSW });
    counting.calls.length = 0;
    const rechunked = await buildIndex({ corpusDir, indexDir, embedder, chunking: { chunkSize: 200, overlapSentences: 0 }, hnsw: HNSW });
    expect(rechunked.reusedDocuments).toEqual([]);
    expect(counting.embeddedTexts.length).toBe(rechunked.manifest.counts.chunks + rechunked.manifest.counts.sentences);

    counting.calls.length = 0;
    const full = await buildIndex({ corpusDir, indexDir, embedder, chunking: { chunkSize: 200, overlapSentences: 0 }, hnsw: HNSW, incremental: false });
    expect(full.reusedDocuments).toEqual([]);
    expect(counting.embeddedTexts.length).toBe(full.manifest.counts.chunks + full.manifest.counts.sentences);
  });
});
