import { execFile } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Config } from '../config.js';
import { corpusHash, readCorpusFiles } from '../corpus/load-corpus.js';
import type { Embedder } from '../embeddings/embedder.js';
import { CHUNKER_VERSION } from '../ingest/chunk-document.js';
import { loadIndex, readManifest, type LoadedIndex } from '../store/index-files.js';
import { staleReason } from '../store/manifest.js';

/**
 * A corpus the answerer is measured on: its documents, the question sets it may be fitted on, and the sets it is
 * never fitted on (judged only).
 */
export interface EvalCorpus {
  name: string;
  corpusDir: string;
  fitSets: string[];
  heldOutSets: string[];
}

/** What building a corpus's index cost, as measured by a separate ingest process. */
export interface IngestCost {
  ms: number;
  peakMemoryMb: number;
  chunks: number;
}

/**
 * The eval corpora: the IOM article (`corpus/`, fitted on the dev sets, judged also on `eval/test.jsonl`) and every
 * `eval/corpora/NAME/` folder with its question set `eval/corpora/NAME.jsonl`.
 */
export async function listEvalCorpora(root = '.'): Promise<EvalCorpus[]> {
  const corpora: EvalCorpus[] = [
    {
      name: 'iom',
      corpusDir: path.join(root, 'corpus'),
      fitSets: ['dev.jsonl', 'questions-extra-dev.jsonl', 'questions-extra-dev2.jsonl', 'questions-extra-dev3.jsonl'].map((file) =>
        path.join(root, 'eval', file),
      ),
      heldOutSets: [path.join(root, 'eval', 'test.jsonl')],
    },
  ];
  const dir = path.join(root, 'eval', 'corpora');
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory()) continue;
    const questions = path.join(dir, `${entry.name}.jsonl`);
    if (!(await stat(questions).catch(() => undefined))) continue;
    corpora.push({ name: entry.name, corpusDir: path.join(dir, entry.name), fitSets: [questions], heldOutSets: [] });
  }
  return corpora;
}

const run = promisify(execFile);

/**
 * The corpus's index under `indexRoot/NAME`, (re)built when missing or stale by `npm run ingest` in a child process,
 * so its time and peak memory are the ingest's own. The cost of the last build is kept beside the index.
 */
export async function evalIndex(
  corpus: EvalCorpus,
  config: Config,
  embedder: Embedder,
  indexRoot: string,
  log: (line: string) => void,
): Promise<{ index: LoadedIndex; cost: IngestCost | undefined }> {
  const indexDir = path.resolve(indexRoot, corpus.name);
  const costFile = `${indexDir}.ingest.json`;
  const { files } = await readCorpusFiles(corpus.corpusDir);
  const reason = staleReason(await readManifest(indexDir), {
    corpusHash: corpusHash(files),
    embedderId: embedder.id,
    chunker: { ...config.chunking, version: CHUNKER_VERSION },
  });
  if (reason) {
    log(`${corpus.name}: building the index (${reason})`);
    const env = { ...process.env, CORPUS_DIR: path.resolve(corpus.corpusDir), INDEX_DIR: indexDir };
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/ingest/ingest-cli.ts', '--full'], { env, maxBuffer: 1 << 24 });
    const total = /total (\d+) ms, peak memory (\d+) MB/.exec(stdout);
    const chunks = /(\d+) chunks/.exec(stdout);
    if (total && chunks) {
      const cost: IngestCost = { ms: Number(total[1]), peakMemoryMb: Number(total[2]), chunks: Number(chunks[1]) };
      await writeFile(costFile, `${JSON.stringify(cost)}\n`);
    }
  }
  const cost = await readFile(costFile, 'utf8')
    .then((text) => JSON.parse(text) as IngestCost)
    .catch(() => undefined);
  return { index: await loadIndex(indexDir, embedder, { efSearch: config.hnsw.efSearch }), cost };
}
