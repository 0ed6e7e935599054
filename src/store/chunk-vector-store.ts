import type { DocumentInterface } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';

/**
 * The vector side of the index, as retrieval and ingest use it. `HnswVectorStore` implements it; a store backed by an
 * external vector database (Qdrant, pgvector, …) must too. The rules it must keep (atomic builds, configured recall,
 * the manifest as the source of truth) are in docs/scaling.md.
 */
export interface ChunkVectorStore {
  /** The query encoder; the manifest's embedder id and dimension are checked against it at load. */
  readonly embeddings: EmbeddingsInterface;
  /** Chunk vectors in this build; equals the chunk store's count. */
  readonly size: number;
  /**
   * The k chunks nearest to `query` by cosine similarity, best first, with the similarity (larger is better); each
   * document's metadata carries `chunkIndex` and `chunkId`. Must search with the configured recall setting (HNSW ef ≥ k).
   */
  similaritySearchVectorWithScore(query: number[], k: number, filter?: (document: DocumentInterface) => boolean): Promise<[DocumentInterface, number][]>;
  /** Ingest: vectors for chunks in order; `documents[i].metadata` holds `chunkIndex` and `chunkId`. */
  addVectors(vectors: number[][], documents: DocumentInterface[]): Promise<void>;
  /** Incremental ingest: the stored vector of chunk `chunkIndex`, reused for unchanged documents. */
  vectorAt(chunkIndex: number): number[] | Promise<number[]>;
  /** Makes the build durable; readers never see it before this resolves. */
  save(location: string): Promise<void>;
}
