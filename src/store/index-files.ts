import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { Document } from '../domain/document.js';
import { AppError } from '../errors.js';
import type { Chunk } from '../domain/chunk.js';
import type { LexicalIndex } from './bm25.js';
import { HnswVectorStore } from './hnsw-vector-store.js';
import { assertEmbedderMatches, INDEX_FORMAT_VERSION, type Manifest } from './manifest.js';

/** Everything a query needs, in memory. Retrieval and answering are functions over this value. */
export interface LoadedIndex {
  manifest: Manifest;
  directory: string;
  documents: Map<string, Document>;
  chunks: Chunk[];
  lexical: LexicalIndex;
  vectors: HnswVectorStore;
  /** Unit vectors of every chunk's sentences, in chunk order, `dimension` floats each. */
  sentenceVectors: Float32Array;
  /** `sentenceBase[i]` is the index of chunk i's first sentence vector. */
  sentenceBase: number[];
}

/** Index of the first sentence vector of each chunk. */
export function sentenceBases(chunks: { sentences: unknown[] }[]): number[] {
  const bases: number[] = [];
  let total = 0;
  for (const chunk of chunks) {
    bases.push(total);
    total += chunk.sentences.length;
  }
  return bases;
}

const CURRENT = 'CURRENT';
const BUILDS = 'builds';

async function writeDurably(file: string, contents: string): Promise<void> {
  const handle = await open(file, 'w');
  try {
    await handle.writeFile(contents);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Saves a build crash-safely: every file goes into `builds/.tmp-<id>/`, is fsynced, the folder is renamed to
 * `builds/<id>`, and only then is the `CURRENT` pointer replaced by an atomic rename. A crash at any point leaves
 * `CURRENT` naming the previous complete build. Older builds beyond the previous one are pruned.
 */
export async function saveIndex(
  indexDir: string,
  build: Omit<LoadedIndex, 'directory' | 'manifest' | 'sentenceBase'> & { manifest: Omit<Manifest, 'buildId'> },
  hooks: { beforeCommit?: () => Promise<void> } = {},
): Promise<Manifest> {
  const buildId = `${build.manifest.builtAt.replace(/[^0-9]/g, '').slice(0, 14)}-${randomBytes(3).toString('hex')}`;
  const manifest: Manifest = { ...build.manifest, buildId };
  const buildsDir = path.join(indexDir, BUILDS);
  const temporary = path.join(buildsDir, `.tmp-${buildId}`);
  await mkdir(temporary, { recursive: true });
  let previousDir: string | undefined;
  try {
    await build.vectors.save(temporary);
    await syncFile(path.join(temporary, 'vectors.hnsw'));
    await syncFile(path.join(temporary, 'vectors-docs.json'));
    await writeDurably(path.join(temporary, 'documents.json'), JSON.stringify([...build.documents.values()]));
    await writeDurably(path.join(temporary, 'chunks.json'), JSON.stringify(build.chunks));
    await writeDurably(path.join(temporary, 'lexical.json'), JSON.stringify(build.lexical));
    const sentenceBytes = Buffer.from(build.sentenceVectors.buffer, build.sentenceVectors.byteOffset, build.sentenceVectors.byteLength);
    const sentenceHandle = await open(path.join(temporary, 'sentences.f32'), 'w');
    try {
      await sentenceHandle.writeFile(sentenceBytes);
      await sentenceHandle.sync();
    } finally {
      await sentenceHandle.close();
    }
    // The manifest is written last: a build folder without one is never loaded.
    await writeDurably(path.join(temporary, 'manifest.json'), JSON.stringify(manifest, null, 2));
    await hooks.beforeCommit?.();
    previousDir = await currentBuildDir(indexDir);
    await rename(temporary, path.join(buildsDir, buildId));
    const pointer = path.join(indexDir, `.${CURRENT}.${buildId}`);
    await writeDurably(pointer, `${buildId}\n`);
    await rename(pointer, path.join(indexDir, CURRENT));
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
  await pruneBuilds(indexDir, buildId, previousDir ? path.basename(previousDir) : undefined);
  return manifest;
}

/**
 * Keeps the current build and the one it replaced (a server still serving it can finish its requests); removes
 * older builds and abandoned temporaries.
 */
async function pruneBuilds(indexDir: string, currentId: string, previousId: string | undefined): Promise<void> {
  const buildsDir = path.join(indexDir, BUILDS);
  const entries = await readdir(buildsDir);
  const keep = new Set([currentId, ...(previousId ? [previousId] : [])]);
  for (const name of entries) {
    if (!keep.has(name)) await rm(path.join(buildsDir, name), { recursive: true, force: true });
  }
}

/** The folder of the current build, or undefined when no index has been built. */
export async function currentBuildDir(indexDir: string): Promise<string | undefined> {
  try {
    const id = (await readFile(path.join(indexDir, CURRENT), 'utf8')).trim();
    if (id && !id.includes('/') && !id.includes('..')) return path.join(indexDir, BUILDS, id);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return undefined;
}

export async function readManifest(indexDir: string): Promise<Manifest | undefined> {
  const directory = await currentBuildDir(indexDir);
  if (!directory) return undefined;
  try {
    return JSON.parse(await readFile(path.join(directory, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

const HOW_TO_FIX = 'Run `npm run ingest` to build it (or `npm start`, which builds it when missing).';

/**
 * Loads the current build. Refuses, with the fix in the message, an index that is missing, corrupt, of another
 * format, or built with a different embedder than the one configured.
 */
export async function loadIndex(
  indexDir: string,
  embedder: { id: string; dimension: number; embeddings: EmbeddingsInterface },
  options: { efSearch?: number } = {},
): Promise<LoadedIndex> {
  const directory = await currentBuildDir(indexDir);
  if (!directory) throw new AppError('index_unavailable', `No index found in ${indexDir}. ${HOW_TO_FIX}`);
  try {
    await stat(directory);
    const manifest = JSON.parse(await readFile(path.join(directory, 'manifest.json'), 'utf8')) as Manifest;
    if (manifest.formatVersion !== INDEX_FORMAT_VERSION) {
      throw new AppError(
        'index_unavailable',
        `The index in ${indexDir} has format ${manifest.formatVersion}; this version reads ${INDEX_FORMAT_VERSION}. ${HOW_TO_FIX}`,
      );
    }
    assertEmbedderMatches(manifest, embedder);
    const documents = JSON.parse(await readFile(path.join(directory, 'documents.json'), 'utf8')) as Document[];
    const chunks = JSON.parse(await readFile(path.join(directory, 'chunks.json'), 'utf8')) as Chunk[];
    const lexical = JSON.parse(await readFile(path.join(directory, 'lexical.json'), 'utf8')) as LexicalIndex;
    const vectors = await HnswVectorStore.load(directory, embedder.embeddings, options.efSearch ? { efSearch: options.efSearch } : {});
    if (vectors.size !== chunks.length || lexical.documentCount !== chunks.length) {
      throw new Error(`chunk store (${chunks.length}), vectors (${vectors.size}) and lexical index (${lexical.documentCount}) disagree`);
    }
    const bytes = await readFile(path.join(directory, 'sentences.f32'));
    const sentenceVectors = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const sentenceCount = chunks.reduce((sum, chunk) => sum + chunk.sentences.length, 0);
    if (sentenceVectors.length !== sentenceCount * manifest.embedder.dimension) {
      throw new Error(`sentences.f32 holds ${sentenceVectors.length} floats, expected ${sentenceCount * manifest.embedder.dimension}`);
    }
    return {
      manifest,
      directory,
      documents: new Map(documents.map((document) => [document.id, document])),
      chunks,
      lexical,
      vectors,
      sentenceVectors,
      sentenceBase: sentenceBases(chunks),
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('index_unavailable', `The index in ${indexDir} is unreadable (${(error as Error).message}). ${HOW_TO_FIX}`, { cause: error });
  }
}
