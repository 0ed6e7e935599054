import type { Config } from '../config.js';
import { corpusHash, readCorpusFiles } from '../corpus/load-corpus.js';
import { describeUnread } from '../corpus/unread-files.js';
import type { Embedder } from '../embeddings/embedder.js';
import { loadIndex, type LoadedIndex } from '../store/index-files.js';
import { staleReason } from '../store/manifest.js';
import { buildIndex } from './build-index.js';
import type { BuildTarget } from './build-target.js';
import { CHUNKER_VERSION } from './chunk-document.js';
import { createBuildTarget } from './create-build-target.js';

/**
 * (Re)builds the index when it is missing or stale: the corpus, the embedder or the chunker settings changed since
 * it was built. Does not load it: a cluster primary calls this before forking workers that load it themselves. The
 * build goes where `INDEX_STORE` says (`index/`, or the Postgres store).
 */
export async function ensureIndexBuilt(
  config: Pick<Config, 'corpusDir' | 'indexDir' | 'chunking' | 'hnsw'> & Partial<Pick<Config, 'indexStore' | 'postgres' | 'corpus'>>,
  embedder: Embedder,
  log: (line: string) => void = () => {},
): Promise<void> {
  const target = createBuildTarget(config, embedder);
  try {
    await buildWhenStale(config, embedder, target, log);
  } finally {
    await target.close();
  }
}

async function buildWhenStale(
  config: Pick<Config, 'corpusDir' | 'indexDir' | 'chunking' | 'hnsw'> & Partial<Pick<Config, 'corpus'>>,
  embedder: Embedder,
  target: BuildTarget,
  log: (line: string) => void,
): Promise<void> {
  const { files } = await readCorpusFiles(config.corpusDir, config.corpus ?? {});
  const reason = staleReason(await target.currentManifest(), {
    corpusHash: corpusHash(files),
    embedderId: embedder.id,
    chunker: { ...config.chunking, version: CHUNKER_VERSION },
  });
  if (reason) {
    log(`building the index: ${reason}`);
    const { manifest, reusedDocuments, skipped, unread } = await buildIndex({
      corpusDir: config.corpusDir,
      indexDir: config.indexDir,
      target,
      embedder,
      chunking: config.chunking,
      hnsw: config.hnsw,
      ...config.corpus,
    });
    for (const { file, reason: why } of skipped) log(`skipped ${file}: ${why}`);
    if (unread.length > 0) log(`not read (no reader for these types): ${describeUnread(unread)}`);
    log(
      `index built: ${manifest.counts.documents} document(s) (${reusedDocuments.length} unchanged, vectors reused), ${manifest.counts.chunks} chunks in ${manifest.buildMs} ms`,
    );
  }
}

/**
 * Loads the index, first (re)building it when it is missing or stale (see `ensureIndexBuilt`). `log` receives one
 * line per decision.
 */
export async function ensureIndex(
  config: Pick<Config, 'corpusDir' | 'indexDir' | 'chunking' | 'hnsw'>,
  embedder: Embedder,
  log: (line: string) => void = () => {},
): Promise<LoadedIndex> {
  await ensureIndexBuilt(config, embedder, log);
  return loadIndex(config.indexDir, embedder, { efSearch: config.hnsw.efSearch });
}
