import type { Document } from '../../domain/document.js';
import type { RetrievedPassage } from '../../retrieve/hybrid-retrieve.js';
import type { IndexReader } from '../../store/index-reader.js';

/**
 * What the answerer reads of the retrieved passages, fetched from the index once per question so that scoring and
 * composing run without further reads: the passages' documents (text, sections, blocks) and their sentences' vectors.
 */
export interface PassageContext {
  documents: Map<string, Document>;
  /** chunk index → its sentences' unit vectors, `dimension` floats each, in sentence order. */
  sentenceVectors: Map<number, Float32Array>;
  dimension: number;
}

/** The documents the passages come from, each read once. */
export const passageDocuments = (index: IndexReader, passages: RetrievedPassage[]) =>
  index.documents([...new Set(passages.map((passage) => passage.chunk.sourceId))]);

export async function readPassageContext(index: IndexReader, passages: RetrievedPassage[]): Promise<PassageContext> {
  const chunkIndices = [...new Set(passages.map((passage) => passage.chunkIndex))];
  const [documents, vectors] = await Promise.all([passageDocuments(index, passages), index.sentenceVectors(chunkIndices)]);
  return {
    documents,
    sentenceVectors: new Map(chunkIndices.map((chunkIndex, i) => [chunkIndex, vectors[i]!])),
    dimension: index.manifest.embedder.dimension,
  };
}
