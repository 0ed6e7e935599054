import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { workerCount } from '../../src/http/process/cluster.js';
import { postJson } from '../helpers/start-app.js';
import { REPO_ROOT } from '../helpers/article-index.js';

async function childrenOf(pid: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // Field 4 (after the parenthesised command name) is the parent pid.
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (parent === pid) children.push(Number(entry));
  }
  return children;
}

describe('WORKERS', () => {
  it.each([
    [{}, 1],
    [{ WORKERS: '3' }, 3],
    [{ WORKERS: 'auto' }, 6],
  ])('resolves %o to %i processes on a 6-core machine', (env, expected) => {
    expect(workerCount(loadConfig(env).workers, 6)).toBe(expected);
  });

  it('rejects anything but "auto" or a positive integer, naming the variable', () => {
    expect(() => loadConfig({ WORKERS: 'many' })).toThrow(/WORKERS must be "auto" or an integer 1-256, got "many"/);
    expect(() => loadConfig({ WORKERS: '0' })).toThrow(/WORKERS/);
  });
});

describe('npm start with WORKERS=2', () => {
  const temporary: string[] = [];
  let server: ChildProcess | undefined;
  afterAll(async () => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    for (const dir of temporary) await rm(dir, { recursive: true, force: true });
  });

  it('builds the index once in the primary, then serves it from two worker processes on one port', async () => {
    const corpusDir = await mkdtemp(path.join(os.tmpdir(), 'cite-cluster-corpus-'));
    const indexDir = await mkdtemp(path.join(os.tmpdir(), 'cite-cluster-index-'));
    temporary.push(corpusDir, indexDir);
    await writeFile(path.join(corpusDir, 'harbour.md'), '# Harbour\n\nThe harbour opened in 1887.\n\nFerries leave every hour from Gate A.\n');
    server = spawn(process.execPath, ['--import', 'tsx', 'src/http/main.ts'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        WORKERS: '2',
        PORT: '0',
        HOST: '127.0.0.1',
        CORPUS_DIR: corpusDir,
        INDEX_DIR: indexDir,
        ANSWER_MODE: 'extractive',
        OPENAI_API_KEY: '',
        OPENAI_BASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const logs: { msg?: string; port?: number; role?: string }[] = [];
    const listening = new Promise<number>((resolve, reject) => {
      createInterface({ input: server!.stdout! }).on('line', (line) => {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        logs.push(entry);
        if (entry.msg?.startsWith('listening') && logs.filter((candidate) => candidate.msg?.startsWith('listening')).length === 2) resolve(entry.port!);
      });
      server!.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const port = await listening;

    const workers = await childrenOf(server.pid!);
    expect(workers).toHaveLength(2);
    expect(logs.filter((entry) => entry.msg?.startsWith('building the index'))).toHaveLength(1);
    expect(logs.find((entry) => entry.msg?.startsWith('building the index'))?.role).toBe('primary');
    expect((await readdir(path.join(indexDir, 'builds'))).filter((name) => !name.startsWith('.'))).toHaveLength(1);

    const responses = await Promise.all(
      Array.from({ length: 6 }, () => postJson(`http://127.0.0.1:${port}`, '/api/ask', { question: 'When did the harbour open?' })),
    );
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.body.citations[0].quote).toContain('1887');
    }

    const exited = new Promise<number | null>((resolve) => server!.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await childrenOf(server.pid!)).toHaveLength(0);
  }, 120_000);
});
