import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createEmbedder } from '../../../src/embeddings/create-embedder.js';
import { ensureIndexBuilt } from '../../../src/ingest/ensure-index.js';
import { REPO_ROOT } from '../../helpers/article-index.js';
import { startTestDatabase } from '../../helpers/postgres-database.js';
import { spawnServer, type SpawnedServer } from '../../helpers/spawn-server.js';
import { startTcpProxy } from '../../helpers/tcp-proxy.js';

/** Requests each server has in flight during the load phases, as the acceptance load asks. */
const CONCURRENCY = 8;
const QUESTIONS = ['When was IOM founded?', 'Where is the headquarters of IOM?', 'How many member states does IOM have?', 'Who is the Director General?'];

let database: Awaited<ReturnType<typeof startTestDatabase>>;
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
let corpusDir: string;
const servers: SpawnedServer[] = [];

const config = () =>
  loadConfig({ CORPUS_DIR: corpusDir, INDEX_STORE: 'postgres', DATABASE_URL: database.url, PROMPTS_DIR: path.join(REPO_ROOT, 'prompts') }, REPO_ROOT);
const ingest = async () => {
  const settings = config();
  await ensureIndexBuilt(settings, await createEmbedder(settings));
};
const buildIdOf = async (server: SpawnedServer) => {
  const response = await fetch(`${server.baseUrl}/healthz`);
  return response.status === 200 ? ((await response.json()) as { index: { buildId: string } }).index.buildId : undefined;
};

/** Keeps `CONCURRENCY` asks in flight on every server until `stop` resolves; returns every status seen. */
async function underLoad(stop: Promise<unknown>): Promise<{ statuses: number[]; bodies: unknown[] }> {
  let running = true;
  void stop.then(() => (running = false));
  const statuses: number[] = [];
  const bodies: unknown[] = [];
  const worker = async (server: SpawnedServer, n: number) => {
    for (let i = n; running; i += CONCURRENCY) {
      try {
        const response = await fetch(`${server.baseUrl}/api/ask`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          // Worded apart each time, so answers come from the index, not from the answer cache.
          body: JSON.stringify({ question: `${QUESTIONS[i % QUESTIONS.length]!} (${n}-${i})` }),
          signal: AbortSignal.timeout(20_000),
        });
        statuses.push(response.status);
        bodies.push(await response.json());
      } catch (error) {
        statuses.push(0); // no answer at all: a reset connection, a crash or a hang
        bodies.push(String(error));
      }
    }
  };
  await Promise.all(servers.flatMap((server) => Array.from({ length: CONCURRENCY }, (_, n) => worker(server, n))));
  return { statuses, bodies };
}

beforeAll(async () => {
  database = await startTestDatabase();
  proxy = await startTcpProxy(database.port);
  corpusDir = await mkdtemp(path.join(os.tmpdir(), 'cite-replicas-'));
  await cp(path.join(REPO_ROOT, 'corpus'), corpusDir, { recursive: true });
  await ingest();
  const env = {
    INDEX_STORE: 'postgres',
    // The servers reach the database through the proxy, so the test can take the database away from them.
    DATABASE_URL: `postgres://postgres@127.0.0.1:${proxy.port}/postgres?sslmode=disable`,
    CORPUS_DIR: corpusDir,
    AUTO_INGEST: 'false',
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'info',
    DB_STATEMENT_TIMEOUT_MS: '2000',
    DB_CONNECT_TIMEOUT_MS: '1000',
  };
  for (const n of [1, 2]) servers.push(await spawnServer({ ...env, DATA_DIR: await mkdtemp(path.join(os.tmpdir(), `cite-replica-${n}-`)) }));
}, 180_000);

afterAll(async () => {
  for (const server of servers) server.child.kill('SIGKILL');
  await proxy?.stop();
  await database?.stop();
  if (corpusDir) await rm(corpusDir, { recursive: true, force: true });
});

describe('two servers sharing one Postgres store', () => {
  it('answer alike from the same build', async () => {
    const [first, second] = await Promise.all(servers.map(buildIdOf));
    expect(first).toBeDefined();
    expect(second).toBe(first);
    const answers = await Promise.all(
      servers.map(async (server) => {
        const response = await fetch(`${server.baseUrl}/api/ask`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"question":"When was IOM founded?"}',
        });
        const { answer, citations } = (await response.json()) as { answer: string; citations: { start: number; end: number }[] };
        return { answer, citations: citations.map(({ start, end }) => [start, end]) };
      }),
    );
    expect(answers[1]).toEqual(answers[0]);
  });

  it('swap to a re-ingested build under load with no failed request, each within 5 s of the commit', async () => {
    const before = await buildIdOf(servers[0]!);
    await writeFile(path.join(corpusDir, 'lighthouse-notes.md'), '# Lighthouse notes\n\nThe keeper trims the wick every evening before sunset.\n');
    let committedAt = 0;
    const seenAt = new Map<number, number>();
    const ingested = (async () => {
      await ingest();
      committedAt = Date.now();
      await expect
        .poll(
          async () => {
            for (const [i, server] of servers.entries()) if (!seenAt.has(i) && (await buildIdOf(server)) !== before) seenAt.set(i, Date.now());
            return seenAt.size;
          },
          { timeout: 15_000, interval: 100 },
        )
        .toBe(servers.length);
    })();
    const { statuses } = await underLoad(ingested);
    await ingested;
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    for (const at of seenAt.values()) expect(at - committedAt).toBeLessThanOrEqual(5000);
  }, 180_000);

  it('answer 503 JSON, never crash or hang, while the database is down for 10 s, and recover by themselves', async () => {
    let healthWhileDown: number[] = [];
    const down = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await proxy.cut();
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      healthWhileDown = await Promise.all(servers.map(async (server) => (await fetch(`${server.baseUrl}/healthz`)).status));
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      await proxy.restore();
      await expect.poll(async () => Promise.all(servers.map(buildIdOf)), { timeout: 15_000, interval: 200 }).not.toContain(undefined);
    })();
    const { statuses, bodies } = await underLoad(down);
    await down;
    expect(statuses).not.toContain(0);
    const failures = bodies.filter((_, i) => statuses[i] !== 200);
    expect(new Set(statuses.filter((status) => status !== 200))).toEqual(new Set([503]));
    for (const body of failures) expect((body as { error: { code: string } }).error.code).toBe('index_unavailable');
    for (const server of servers) expect(server.child.exitCode).toBeNull();
    const health = await Promise.all(servers.map((server) => fetch(`${server.baseUrl}/healthz`)));
    expect(health.map((response) => response.status)).toEqual([200, 200]);
    expect(healthWhileDown).toEqual([503, 503]);
  }, 120_000);
});
