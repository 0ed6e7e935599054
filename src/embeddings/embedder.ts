import type { Embeddings } from '@langchain/core/embeddings';

/** A LangChain `Embeddings` plus what the index manifest records about it. */
export interface Embedder {
  /** Stable id written to the manifest; an index built with another id is refused. */
  id: string;
  dimension: number;
  embeddings: Embeddings;
}
