import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

export interface RunningServer {
  url: string;
  pid: number;
  /** Peak and current resident set size of the server process, from /proc (MB). */
  memory(): Promise<{ peakRssMb: number; rssMb: number }>;
  stop(): Promise<void>;
}

/**
 * Starts a server as a child process (`node --import tsx <script> …args`) and resolves once it prints a JSON line
 * with its `port`. Later output is drained and dropped: request logs must not block the server on a full pipe.
 */
export async function startServer(options: {
  script: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  cwd: string;
  timeoutMs?: number;
}): Promise<RunningServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', options.script, ...(options.args ?? [])], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (data: Buffer) => (stderr = (stderr + data.toString()).slice(-4000)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${options.script} did not start in time: ${stderr}`)), options.timeoutMs ?? 300_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { port?: unknown };
        if (typeof parsed.port === 'number' && parsed.port > 0) {
          clearTimeout(timer);
          resolve(parsed.port);
        }
      } catch {
        // not a JSON line
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${options.script} exited with ${code}: ${stderr}`));
    });
  });
  const pid = child.pid!;
  return {
    url: `http://127.0.0.1:${port}`,
    pid,
    async memory() {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const kilobytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
      return { peakRssMb: Math.round(kilobytes('VmHWM') / 1024), rssMb: Math.round(kilobytes('VmRSS') / 1024) };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

let runCounter = 0;

export interface LoadResult {
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/**
 * POSTs `{ question }` bodies to `/api/ask` with autocannon. `unique` appends a counter to every question so that
 * no request can be served from a cache (the cold path); otherwise connections cycle through `questions`.
 */
export async function runLoad(options: {
  url: string;
  questions: string[];
  connections: number;
  durationSeconds: number;
  unique?: boolean;
}): Promise<LoadResult> {
  // Unique across every run of this process: a question repeated from an earlier run would hit the answer cache.
  const nonce = `${process.pid.toString(36)}${(runCounter += 1)}`;
  let counter = 0;
  const headers = { 'content-type': 'application/json' };
  const requests = options.unique
    ? [
        {
          method: 'POST' as const,
          path: '/api/ask',
          headers,
          setupRequest: (request: autocannon.Request) => {
            counter += 1;
            const question = `${options.questions[counter % options.questions.length]!} (${nonce}-${counter})`;
            return { ...request, body: JSON.stringify({ question }) };
          },
        },
      ]
    : options.questions.map((question) => ({ method: 'POST' as const, path: '/api/ask', headers, body: JSON.stringify({ question }) }));
  const result = await autocannon({ url: options.url, connections: options.connections, duration: options.durationSeconds, requests });
  // Timing refused or failed requests (a rate limit's 429s) would measure the error path: stop the run instead.
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`load test against ${options.url}: ${result.non2xx} non-2xx responses and ${result.errors} errors out of ${result.requests.total}`);
  return {
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Sends each question once and waits for the answers: loads the encoder and fills caches before timing. */
export async function warmUp(url: string, questions: string[]): Promise<void> {
  for (const question of questions) {
    const response = await fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
    if (!response.ok) throw new Error(`warm-up request failed with ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  }
}
