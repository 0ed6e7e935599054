import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import express, { type Express } from 'express';
import hnsw from 'hnswlib-node';
import type { Chunk } from '../src/domain/chunk.js';

const { HierarchicalNSW } = hnsw;

/**
 * The plain LangChain.js way, as a user following the docs would write it, re-implemented here without
 * `@langchain/community`: `HNSWLib.load(directory, embeddings)` reads the hnswlib graph with `readIndex` (which
 * resets `ef` to 10, and HNSWLib never raises it), `similaritySearch(query, k)` embeds the query (no cache) and
 * calls `searchKnn`. No lexical search, no fusion, no sentence selection: the answer is the top chunk.
 */
export class BaselineHnswStore {
  private constructor(
    private readonly index: InstanceType<typeof HierarchicalNSW>,
    private readonly chunks: Chunk[],
    private readonly embeddings: EmbeddingsInterface,
  ) {}

  /** Loads the same graph file our ingest wrote (hnswlib defaults M=16, efConstruction=200 are also LangChain's). */
  static async load(buildDir: string, embeddings: EmbeddingsInterface, dimension: number): Promise<BaselineHnswStore> {
    const index = new HierarchicalNSW('cosine', dimension);
    await index.readIndex(path.join(buildDir, 'vectors.hnsw'));
    const chunks = JSON.parse(await readFile(path.join(buildDir, 'chunks.json'), 'utf8')) as Chunk[];
    return new BaselineHnswStore(index, chunks, embeddings);
  }

  get ef(): number {
    return this.index.getEf();
  }

  /** `similaritySearchVectorWithScore`: labels of the k nearest chunks, best first. */
  searchVector(query: number[], k: number): number[] {
    return this.index.searchKnn(query, Math.min(k, this.index.getCurrentCount())).neighbors;
  }

  async similaritySearch(question: string, k = 4): Promise<Chunk[]> {
    const query = await this.embeddings.embedQuery(question);
    return this.searchVector(query, k).map((label) => this.chunks[label]!);
  }
}

/** The baseline's `/api/ask`: the top chunk as the answer, its id as the source. */
export function createBaselineApp(store: BaselineHnswStore): Express {
  const app = express();
  app.use(express.json());
  app.post('/api/ask', async (request, response) => {
    const question = typeof request.body?.question === 'string' ? request.body.question : '';
    const [top] = await store.similaritySearch(question, 4);
    response.json({ answer: top?.text ?? '', sources: top ? [{ chunkId: top.id, section: top.section }] : [] });
  });
  return app;
}
