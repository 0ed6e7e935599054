import { parentPort } from 'node:worker_threads';
import { LocalUseEmbeddings } from '../src/embeddings/local-use-embeddings.js';

/** Worker thread of `UseWorkerPool`: embeds the texts it is sent with its own copy of the local encoder. */
const embeddings = new LocalUseEmbeddings({ queryCacheSize: 0 });

parentPort!.on('message', (message: { id: number; texts: string[] }) => {
  embeddings.embedDocuments(message.texts).then(
    (vectors) => parentPort!.postMessage({ id: message.id, vectors }),
    (error: unknown) => parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
