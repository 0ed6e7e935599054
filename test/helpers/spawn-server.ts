import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from './article-index.js';

export interface SpawnedServer {
  child: ChildProcess;
  baseUrl: string;
  /** Parsed JSON log lines so far. */
  lines: Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first log line matching `predicate`. */
  waitForLine(predicate: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
}

/** Runs `src/<script>` as its own Node process (no tsx wrapper, so signals reach it), capturing JSON log lines. */
export function spawnScript(
  script: string,
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; lines: Record<string, unknown>[]; output: () => string; exited: SpawnedServer['exited'] } {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let output = '';
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    pending += chunk.toString();
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const part of parts) {
      try {
        lines.push(JSON.parse(part) as Record<string, unknown>);
      } catch {
        // not a log line
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, lines, output: () => output, exited };
}

/** Starts `src/http/main.ts` on port 0 and resolves once it logs the port it listens on. */
export async function spawnServer(env: NodeJS.ProcessEnv, startTimeoutMs = 60_000): Promise<SpawnedServer> {
  const { child, lines, output, exited } = spawnScript('src/http/main.ts', { PORT: '0', HOST: '127.0.0.1', ...env });
  const waitForLine: SpawnedServer['waitForLine'] = (predicate, timeoutMs = startTimeoutMs) =>
    new Promise((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const line = lines.find(predicate);
        if (line) {
          clearInterval(poll);
          resolve(line);
        } else if (child.exitCode !== null || Date.now() - started > timeoutMs) {
          clearInterval(poll);
          reject(new Error(`no matching log line (exit ${child.exitCode}); output:\n${output().slice(-2000)}`));
        }
      }, 25);
    });
  const listening = await waitForLine((line) => typeof line.port === 'number' && String(line.msg).startsWith('listening'));
  return { child, baseUrl: `http://127.0.0.1:${listening.port as number}`, lines, exited, waitForLine };
}
