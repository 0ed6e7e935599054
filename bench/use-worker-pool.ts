import { Worker } from 'node:worker_threads';
import { Embeddings } from '@langchain/core/embeddings';
import { LocalUseEmbeddings } from '../src/embeddings/local-use-embeddings.js';

const WORKER_URL = new URL('./use-embedding-worker.ts', import.meta.url).href;

interface Pending {
  resolve: (vectors: number[][]) => void;
  reject: (error: Error) => void;
}

/**
 * The local encoder spread over worker threads, one model copy per thread, for ingest: `embedDocuments` splits its
 * texts into one slice per worker and embeds the slices in parallel. Queries stay in-process (one query is one
 * forward pass; a thread hop only adds latency). Call `close()` when done, or the threads keep the process alive.
 */
export class UseWorkerPool extends Embeddings {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private readonly local = new LocalUseEmbeddings();

  constructor(readonly size: number) {
    super({});
    this.workers = Array.from({ length: size }, () => {
      // The worker's source is TypeScript: register tsx's loader in the thread, then import it.
      const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((api) => { api.register(); return import(${JSON.stringify(WORKER_URL)}); })`;
      const worker = new Worker(bootstrap, { eval: true });
      worker.on('message', (message: { id: number; vectors?: number[][]; error?: string }) => {
        const pending = this.pending.get(message.id);
        if (!pending) return;
        this.pending.delete(message.id);
        if (message.error !== undefined) pending.reject(new Error(message.error));
        else pending.resolve(message.vectors ?? []);
      });
      worker.on('error', (error) => {
        for (const pending of this.pending.values()) pending.reject(error);
        this.pending.clear();
      });
      return worker;
    });
  }

  private run(worker: Worker, texts: string[]): Promise<number[][]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, texts });
    });
  }

  override async embedDocuments(documents: string[]): Promise<number[][]> {
    const slice = Math.ceil(documents.length / this.workers.length);
    const parts = await Promise.all(
      this.workers.map((worker, i) => (i * slice < documents.length ? this.run(worker, documents.slice(i * slice, (i + 1) * slice)) : Promise.resolve([]))),
    );
    return parts.flat();
  }

  override embedQuery(document: string): Promise<number[]> {
    return this.local.embedQuery(document);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
