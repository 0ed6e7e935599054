import 'dotenv/config';
import { loadConfig } from '../config.js';
import { createEmbedder } from '../embeddings/create-embedder.js';
import { describeUnread } from '../corpus/unread-files.js';
import { buildIndex, type IngestProgress } from './build-index.js';
import { createBuildTarget } from './create-build-target.js';

/**
 * `npm run ingest`: builds `index/` (or, with `INDEX_STORE=postgres`, a build in `DATABASE_URL`) from `corpus/`, re-embedding only new and changed documents (`npm run ingest --
 * --full` re-embeds everything). Progress on a TTY; always a one-line summary at the end.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const embedder = await createEmbedder(config);
  const tty = process.stderr.isTTY;
  const onProgress = (progress: IngestProgress) => {
    if (!tty) return;
    const width = 24;
    const filled = progress.total ? Math.round((progress.done / progress.total) * width) : width;
    process.stderr.write(`\r${progress.phase.padEnd(6)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${progress.done}/${progress.total}   `);
  };
  const target = createBuildTarget(config, embedder);
  const summary = await buildIndex({
    corpusDir: config.corpusDir,
    indexDir: config.indexDir,
    target,
    embedder,
    chunking: config.chunking,
    hnsw: config.hnsw,
    ...config.corpus,
    onProgress,
    incremental: !process.argv.includes('--full'),
  }).finally(() => target.close());
  if (tty) process.stderr.write('\r\x1b[K');
  // PDF and Word files are named with what was read from them: their text is extracted, not just copied.
  for (const reading of summary.read.filter((entry) => /\.(pdf|docx|epub)$/i.test(entry.file))) {
    const pages = reading.pages !== undefined ? `${reading.pages} page(s), ` : '';
    console.log(`ingest: read ${reading.file}: ${pages}${reading.characters} characters, ${reading.sections} section(s)`);
  }
  for (const { file, reason } of summary.skipped) console.error(`ingest: skipped ${file}: ${reason}`);
  if (summary.unread.length > 0) console.error(`ingest: not read (no reader for these types): ${describeUnread(summary.unread)}`);
  const { manifest } = summary;
  console.log(
    `ingest: ${manifest.counts.documents} document(s), ${manifest.counts.chunks} chunks, ${manifest.counts.terms} terms, ` +
      `embedder ${manifest.embedder.id} (${manifest.embedder.dimension}-d), embed ${summary.embedMs} ms ` +
      `(${summary.embeddedTexts} texts embedded, ${summary.reusedDocuments.length} unchanged document(s) reused), index ${summary.indexMs} ms, ` +
      `total ${manifest.buildMs} ms, peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB → ${target.description} (build ${manifest.buildId})`,
  );
}

main().catch((error: unknown) => {
  console.error(`ingest failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
