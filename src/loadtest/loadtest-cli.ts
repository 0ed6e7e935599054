import 'dotenv/config';
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type autocannon from 'autocannon';
import { loadConfig } from '../config.js';
import { shutdownGracefully } from '../http/process/graceful-shutdown.js';
import { createPinoLogger } from '../http/observability/pino-logger.js';
import { startServer, type RunningServer } from '../http/compose.js';

/*
 * `npm run loadtest`: starts the real server in-process on the article index (offline, extractive), drives
 * POST /api/ask with autocannon (in a worker thread) at several concurrency levels, and reports throughput, p50/p99
 * latency and the count of non-2xx responses. `--long` runs at least 60 s at concurrency 50 and, 5 s in, re-ingests
 * the corpus in a separate process and swaps the index in (what SIGHUP does), counting failed requests around it.
 */

/** When the re-ingest starts in the long run: after the server has settled under load. */
const SWAP_START_S = 5;
/** Requests keep coming this long after the swap, so requests on the new index are measured too. */
const AFTER_SWAP_S = 5;
/** Upper bound of the long run, should the re-ingest hang. */
const MAX_LONG_S = 600;

const USAGE = `npm run loadtest -- [--connections 1,10,50] [--duration 10] [--unique] [--long] [--long-duration 60] [--long-connections 50] [--out file.json]`;

interface LevelResult {
  connections: number;
  durationS: number;
  requests: number;
  throughputRps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

interface SwapResult {
  swappedAtS: number | null;
  ingestMs: number | null;
  fromBuildId: string | null;
  toBuildId: string | null;
  outcome: string;
}

async function loadQuestions(): Promise<string[]> {
  try {
    const lines = (await readFile(path.resolve('eval/dev.jsonl'), 'utf8')).split('\n').filter(Boolean);
    const questions = lines.map((line) => (JSON.parse(line) as { question: string }).question);
    if (questions.length > 0) return questions;
  } catch {
    // fall through to a fixed set
  }
  return ['When was the International Organization for Migration founded?', 'Where is IOM headquartered?', 'Who is the Director General of IOM?'];
}

/** Runs autocannon in a worker thread (see `autocannon-worker.mjs`); `stopWhen` ends the run early. */
function run(options: {
  url: string;
  connections: number;
  durationS: number;
  questions: string[];
  unique?: boolean;
  stopWhen?: Promise<unknown>;
}): Promise<autocannon.Result> {
  const { stopWhen, ...workerData } = options;
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./autocannon-worker.mjs', import.meta.url), { workerData });
    worker.once('message', (message: { result?: autocannon.Result; error?: string }) => {
      void worker.terminate();
      if (message.result) resolve(message.result);
      else reject(new Error(message.error ?? 'autocannon failed'));
    });
    worker.once('error', reject);
    void stopWhen?.then(() => worker.postMessage('stop'));
  });
}

function summarise(connections: number, durationS: number, result: autocannon.Result): LevelResult {
  return {
    connections,
    durationS,
    requests: result.requests.total,
    throughputRps: Math.round((result.requests.total / durationS) * 10) / 10,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** Re-ingests in a child process (as an operator's `npm run ingest` would), then reloads like SIGHUP. */
function scheduleSwap(running: RunningServer, env: NodeJS.ProcessEnv, afterMs: number, started: number): Promise<SwapResult> {
  return new Promise((resolve) => {
    setTimeout(() => {
      const fromBuildId = running.handle.get().manifest.buildId;
      const ingestStarted = Date.now();
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/ingest/ingest-cli.ts'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
      child.on('exit', (code) => {
        const ingestMs = Date.now() - ingestStarted;
        if (code !== 0) {
          resolve({ swappedAtS: null, ingestMs, fromBuildId, toBuildId: null, outcome: `ingest exited with ${code}` });
          return;
        }
        void running.reloader.reload('loadtest (SIGHUP equivalent)').then((reload) => {
          resolve({
            swappedAtS: Math.round((Date.now() - started) / 100) / 10,
            ingestMs,
            fromBuildId,
            toBuildId: reload.buildId ?? null,
            outcome: reload.outcome,
          });
        });
      });
    }, afterMs);
  });
}

function table(results: LevelResult[]): string {
  const header =
    '| connections | duration s | requests | req/s | p50 ms | p99 ms | max ms | non-2xx | errors | timeouts |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |';
  const rows = results.map(
    (r) =>
      `| ${r.connections} | ${r.durationS} | ${r.requests} | ${r.throughputRps} | ${r.p50Ms} | ${r.p99Ms} | ${r.maxMs} | ${r.non2xx} | ${r.errors} | ${r.timeouts} |`,
  );
  return [header, ...rows].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      connections: { type: 'string', default: '1,10,50' },
      duration: { type: 'string', default: '10' },
      long: { type: 'boolean', default: false },
      'long-duration': { type: 'string', default: '60' },
      'long-connections': { type: 'string', default: '50' },
      out: { type: 'string' },
      unique: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const levels = values.connections
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const durationS = Number(values.duration);
  // Offline extractive answers on loopback; the rate limit raised so it does not shape the measurement.
  const env = { ...process.env, ANSWER_MODE: 'extractive', RATE_LIMIT_PER_MINUTE: '1000000', PORT: '0', HOST: '127.0.0.1' };
  const config = loadConfig(env);
  const logFile = path.join(os.tmpdir(), `loadtest-server-${process.pid}.log`);
  const logger = createPinoLogger({ level: 'info', destination: createWriteStream(logFile) });
  console.log(`loadtest: starting the server on ${config.indexDir} (extractive; server log → ${logFile})`);
  const running = await startServer({ config, logger });
  if (!running.handle.ready) throw new Error(`the index is not available: ${running.handle.error?.message}`);
  const url = `http://127.0.0.1:${running.port}`;
  const questions = await loadQuestions();
  const cpus = os.cpus().length;
  // Other work on the machine shares the cores; the load average puts the numbers in context.
  const loadBefore = os.loadavg()[0]!.toFixed(2);
  console.log(
    `loadtest: ${questions.length} questions${values.unique ? ' (respaced: the query cache never hits)' : ''}, node ${process.version}, ${cpus} cores, load average ${loadBefore}, build ${running.handle.get().manifest.buildId}`,
  );
  await run({ url, connections: 1, durationS: 2, questions }); // warm-up: model load and JIT

  const results: LevelResult[] = [];
  for (const connections of levels) {
    const result = summarise(connections, durationS, await run({ url, connections, durationS, questions, unique: values.unique }));
    results.push(result);
    console.log(
      `c=${connections}: ${result.throughputRps} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, non-2xx ${result.non2xx}, errors ${result.errors}`,
    );
  }

  let long: { result: LevelResult; swap: SwapResult } | undefined;
  if (values.long) {
    const longDurationS = Number(values['long-duration']);
    const connections = Number(values['long-connections']);
    // The re-ingest runs in its own process, competing for the same cores: under load it takes far longer than
    // idle, so the run lasts at least `longDurationS` and until a few seconds after the swap.
    console.log(`loadtest: at least ${longDurationS} s at c=${connections}; re-ingest starts at ${SWAP_START_S} s, the run ends after the swap`);
    const started = Date.now();
    const swap = scheduleSwap(running, { ...env, INDEX_DIR: config.indexDir, CORPUS_DIR: config.corpusDir }, SWAP_START_S * 1000, started);
    const minimum = new Promise((resolve) => setTimeout(resolve, longDurationS * 1000));
    const stopWhen = Promise.all([minimum, swap.then(() => new Promise((resolve) => setTimeout(resolve, AFTER_SWAP_S * 1000)))]);
    const raw = await run({ url, connections, durationS: MAX_LONG_S, questions, unique: values.unique, stopWhen });
    const result = summarise(connections, Math.round((Date.now() - started) / 100) / 10, raw);
    long = { result, swap: await swap };
    console.log(
      `long run: ${result.throughputRps} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`,
    );
    console.log(`swap: ${JSON.stringify(long.swap)}`);
  }

  const loadAfter = os.loadavg()[0]!.toFixed(2);
  console.log(`\n${table(long ? [...results, long.result] : results)}\n\nload average (1 min) before ${loadBefore}, after ${loadAfter}`);
  if (values.out) {
    await mkdir(path.dirname(path.resolve(values.out)), { recursive: true });
    await writeFile(
      values.out,
      `${JSON.stringify({ node: process.version, cores: cpus, loadAverage: { before: Number(loadBefore), after: Number(loadAfter) }, buildId: running.handle.get().manifest.buildId, levels: results, long }, null, 2)}\n`,
    );
  }
  running.stopWatching();
  await shutdownGracefully({ server: running.server, graceMs: 5000, logger });
  const failed =
    [...results, ...(long ? [long.result] : [])].some((r) => r.non2xx > 0 || r.errors > 0) || (long !== undefined && long.swap.outcome !== 'swapped');
  process.exitCode = failed ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(`loadtest failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
