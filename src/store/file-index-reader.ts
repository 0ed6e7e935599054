import type { Document } from '../domain/document.js';
import { chunkHasTerm, chunksWithTerm, documentFrequency, scoreLexical, searchLexical } from './bm25.js';
import type { LoadedIndex } from './index-files.js';
import { documentSummary, type ChunkHit, type DocumentSummary, type IndexReader } from './index-reader.js';

const readers = new WeakMap<LoadedIndex, IndexReader>();

/**
 * The file store's reader: every read answered from the build loaded in memory. One reader per loaded index, so what
 * the answerer caches per reader lives as long as the build.
 */
export function fileIndexReader(index: LoadedIndex): IndexReader {
  let reader = readers.get(index);
  if (!reader) readers.set(index, (reader = createReader(index)));
  return reader;
}

function createReader(index: LoadedIndex): IndexReader {
  const { dimension } = index.manifest.embedder;
  const chunkRanges = new Map<string, { first: number; last: number }>();
  index.chunks.forEach((chunk, i) => {
    const range = chunkRanges.get(chunk.sourceId);
    if (range) range.last = i;
    else chunkRanges.set(chunk.sourceId, { first: i, last: i });
  });
  const chunkAt = (chunkIndex: number) => {
    const chunk = index.chunks[chunkIndex];
    if (!chunk) throw new RangeError(`chunk ${chunkIndex} is not in build ${index.manifest.buildId}`);
    return chunk;
  };
  return {
    manifest: index.manifest,
    embeddings: index.vectors.embeddings,
    searchLexical: async (queryTerms, limit) => searchLexical(index.lexical, queryTerms, limit),
    scoreLexical: async (queryTerms, chunkIndices) => scoreLexical(index.lexical, queryTerms, chunkIndices),
    async termFrequencies(terms) {
      return { chunkCount: index.lexical.documentCount, frequencies: new Map(terms.map((term) => [term, documentFrequency(index.lexical, term)])) };
    },
    async chunksWithAllTerms(terms, options) {
      if (terms.length === 0) return [];
      const range = options.sourceId === undefined ? undefined : chunkRanges.get(options.sourceId);
      if (options.sourceId !== undefined && !range) return [];
      // The rarest term's chunks are the candidates (the first of equally rare ones): the fewest to check.
      const frequencies = terms.map((term) => documentFrequency(index.lexical, term));
      const rarest = frequencies.reduce((best, frequency, i) => (frequency < frequencies[best]! ? i : best), 0);
      const found: number[] = [];
      for (const chunkIndex of chunksWithTerm(index.lexical, terms[rarest]!, range)) {
        if (found.length >= options.limit) break;
        if (terms.every((term) => chunkHasTerm(index.lexical, term, chunkIndex))) found.push(chunkIndex);
      }
      return found;
    },
    async searchDense(vector, limit): Promise<ChunkHit[]> {
      const results = await index.vectors.similaritySearchVectorWithScore(vector, limit);
      return results.map(([document, score]) => ({ chunkIndex: document.metadata.chunkIndex as number, score }));
    },
    chunkVectors: async (chunkIndices) => chunkIndices.map((chunkIndex) => index.vectors.vectorAt(chunkIndex)),
    async sentenceVectors(chunkIndices) {
      return chunkIndices.map((chunkIndex) => {
        const first = index.sentenceBase[chunkIndex]! * dimension;
        return index.sentenceVectors.subarray(first, first + chunkAt(chunkIndex).sentences.length * dimension);
      });
    },
    chunks: async (chunkIndices) => chunkIndices.map(chunkAt),
    async documents(ids) {
      const found = new Map<string, Document>();
      for (const id of ids) {
        const document = index.documents.get(id);
        if (document) found.set(id, document);
      }
      return found;
    },
    async documentSummaries(): Promise<DocumentSummary[]> {
      return [...index.documents.values()].map(documentSummary);
    },
  };
}
