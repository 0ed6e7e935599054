import { Document as LangChainDocument } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { HnswSettings } from '../store/hnsw-vector-store.js';
import { HnswVectorStore } from '../store/hnsw-vector-store.js';
import { readManifest, saveIndex } from '../store/index-files.js';
import type { BuildTarget } from './build-target.js';
import { loadVectorReuse } from './reuse-vectors.js';

/** The file store as a build target: the HNSW graph built in memory with hnswlib, saved atomically into `indexDir`. */
export function fileBuildTarget(
  indexDir: string,
  options: { hnsw: HnswSettings; embeddings: EmbeddingsInterface; beforeCommit?: () => Promise<void> },
): BuildTarget {
  return {
    description: indexDir,
    currentManifest: () => readManifest(indexDir),
    loadReuse: ({ embedder, chunking }) => loadVectorReuse({ indexDir, embedder, chunking }),
    async save(build) {
      const started = Date.now();
      const store = new HnswVectorStore(options.embeddings, { dimension: build.manifest.embedder.dimension, settings: options.hnsw });
      await store.addVectors(
        build.vectors.map((vector, i) => {
          if (!vector) throw new Error(`chunk ${build.chunks[i]!.id} has no vector`);
          return vector;
        }),
        build.chunks.map((chunk, i) => new LangChainDocument({ pageContent: build.texts[i]!, metadata: { chunkId: chunk.id, chunkIndex: i } })),
      );
      const indexMs = Date.now() - started;
      const manifest = await saveIndex(
        indexDir,
        {
          manifest: { ...build.manifest, buildMs: Date.now() - build.startedAt },
          documents: build.documents,
          chunks: build.chunks,
          sentenceVectors: build.sentenceVectors,
          lexical: build.lexical,
          vectors: store,
        },
        options.beforeCommit ? { beforeCommit: options.beforeCommit } : {},
      );
      return { manifest, indexMs };
    },
    close: async () => {},
  };
}
