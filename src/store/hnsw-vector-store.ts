import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { Document as LangChainDocument, type DocumentInterface } from '@langchain/core/documents';
import { VectorStore } from '@langchain/core/vectorstores';
import hnsw from 'hnswlib-node';
import type { ChunkVectorStore } from './chunk-vector-store.js';

const { HierarchicalNSW } = hnsw;
type HierarchicalNSWIndex = InstanceType<typeof HierarchicalNSW>;

export interface HnswSettings {
  /** Graph degree. 16 is hnswlib's default and the knee of the recall/memory curve for 512-d text vectors. */
  m: number;
  efConstruction: number;
  /** Candidate list at query time. hnswlib resets it to 10 on load; we always set it, see `load`. */
  efSearch: number;
}

export interface HnswVectorStoreArgs {
  dimension: number;
  settings: HnswSettings;
}

/**
 * A LangChain `VectorStore` over hnswlib-node (cosine space). Unlike LangChain's `HNSWLib`, it raises `ef` after
 * every load and grows the index in place. Documents are kept as their metadata (`chunkId`), so the chunk store
 * stays the single copy of the text.
 */
export class HnswVectorStore extends VectorStore implements ChunkVectorStore {
  declare FilterType: (document: DocumentInterface) => boolean;
  readonly dimension: number;
  readonly settings: HnswSettings;
  private index: HierarchicalNSWIndex;
  private documents: DocumentInterface[] = [];

  constructor(embeddings: EmbeddingsInterface, args: HnswVectorStoreArgs) {
    super(embeddings, args);
    this.dimension = args.dimension;
    this.settings = args.settings;
    this.index = new HierarchicalNSW('cosine', args.dimension);
    this.index.initIndex({ maxElements: 16, m: args.settings.m, efConstruction: args.settings.efConstruction, randomSeed: 100 });
    this.index.setEf(args.settings.efSearch);
  }

  _vectorstoreType(): string {
    return 'hnswlib-node';
  }

  get size(): number {
    return this.documents.length;
  }

  /** The stored (unit-length) vector of the item added at position `label`; used to reuse vectors across builds. */
  vectorAt(label: number): number[] {
    if (label < 0 || label >= this.documents.length) throw new Error(`No vector at ${label}; the store holds ${this.documents.length}`);
    return this.index.getPoint(label);
  }

  async addDocuments(documents: DocumentInterface[]): Promise<void> {
    const vectors = await this.embeddings.embedDocuments(documents.map((document) => document.pageContent));
    await this.addVectors(vectors, documents);
  }

  async addVectors(vectors: number[][], documents: DocumentInterface[]): Promise<void> {
    if (vectors.length !== documents.length) throw new Error(`addVectors got ${vectors.length} vectors for ${documents.length} documents`);
    // Check every vector before inserting any, so a bad batch leaves the store unchanged.
    const wrong = vectors.find((vector) => vector.length !== this.dimension);
    if (wrong) throw new Error(`Vector has dimension ${wrong.length}, index expects ${this.dimension}`);
    const needed = this.documents.length + vectors.length;
    if (needed > this.index.getMaxElements()) this.index.resizeIndex(Math.max(needed, this.index.getMaxElements() * 2));
    for (const [offset, vector] of vectors.entries()) {
      this.index.addPoint(vector, this.documents.length + offset);
    }
    this.documents.push(...documents);
  }

  async similaritySearchVectorWithScore(query: number[], k: number, filter?: this['FilterType']): Promise<[DocumentInterface, number][]> {
    if (this.documents.length === 0) return [];
    if (query.length !== this.dimension) throw new Error(`Query has dimension ${query.length}, index expects ${this.dimension}`);
    const count = Math.min(k, this.documents.length);
    // ef must be at least k for hnswlib to return k results with good recall.
    if (this.index.getEf() < count) this.index.setEf(count);
    const result = this.index.searchKnn(query, count, filter ? (label: number) => filter(this.documents[label]!) : undefined);
    if (this.index.getEf() !== this.settings.efSearch) this.index.setEf(this.settings.efSearch);
    // hnswlib's cosine "distance" is 1 - cosine similarity; report similarity so larger is better.
    return result.neighbors.map((label, i) => [this.documents[label]!, 1 - result.distances[i]!]);
  }

  /** Writes `vectors.hnsw` and `vectors-docs.json` into `directory` (the caller makes that directory atomic). */
  async save(directory: string): Promise<void> {
    await mkdir(directory, { recursive: true });
    await this.index.writeIndex(path.join(directory, 'vectors.hnsw'));
    const docs = this.documents.map((document) => ({ pageContent: document.pageContent, metadata: document.metadata }));
    await writeFile(path.join(directory, 'vectors-docs.json'), JSON.stringify({ dimension: this.dimension, settings: this.settings, docs }));
  }

  static async load(directory: string, embeddings: EmbeddingsInterface, overrides: Partial<HnswSettings> = {}): Promise<HnswVectorStore> {
    const stored = JSON.parse(await readFile(path.join(directory, 'vectors-docs.json'), 'utf8')) as {
      dimension: number;
      settings: HnswSettings;
      docs: { pageContent: string; metadata: Record<string, unknown> }[];
    };
    const store = new HnswVectorStore(embeddings, { dimension: stored.dimension, settings: { ...stored.settings, ...overrides } });
    await store.index.readIndex(path.join(directory, 'vectors.hnsw'), false);
    if (store.index.getCurrentCount() !== stored.docs.length) {
      throw new Error(`vectors.hnsw holds ${store.index.getCurrentCount()} vectors but vectors-docs.json lists ${stored.docs.length}`);
    }
    // readIndex resets ef to 10, which costs a third of recall@10 at 10k+ vectors.
    store.index.setEf(store.settings.efSearch);
    store.documents = stored.docs.map((doc) => new LangChainDocument(doc));
    return store;
  }

  static override async fromTexts(
    texts: string[],
    metadatas: object[] | object,
    embeddings: EmbeddingsInterface,
    args: HnswVectorStoreArgs,
  ): Promise<HnswVectorStore> {
    const documents = texts.map(
      (pageContent, i) =>
        new LangChainDocument({
          pageContent,
          metadata: Array.isArray(metadatas) ? (metadatas[i] as Record<string, unknown>) : (metadatas as Record<string, unknown>),
        }),
    );
    const store = new HnswVectorStore(embeddings, args);
    await store.addDocuments(documents);
    return store;
  }
}
