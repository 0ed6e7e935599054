import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../../src/embeddings/embedder.js';
import { buildIndex } from '../../../src/ingest/build-index.js';
import { postgresBuildTarget } from '../../../src/ingest/postgres-build-target.js';
import type { ConnectionPool } from '../../../src/store/postgres/connection-pool.js';
import { dropAbandonedBuilds, dropRetiredBuilds } from '../../../src/store/postgres/build-housekeeping.js';
import { BUILDS_CHANNEL, readCurrentBuildId } from '../../../src/store/postgres/current-build.js';
import { CurrentBuildWatcher } from '../../../src/store/postgres/current-build-watcher.js';
import { PostgresIndexReader } from '../../../src/store/postgres/postgres-index-reader.js';
import { migrateSchema, MIGRATIONS } from '../../../src/store/postgres/schema-migrations.js';
import { writePostgresBuild } from '../../../src/store/postgres/write-postgres-build.js';
import { expectAppError } from '../../helpers/expect-app-error.js';
import { FakeEmbeddings } from '../../helpers/fake-embeddings.js';
import { REPO_ROOT } from '../../helpers/article-index.js';
import { buildFromCorpus } from '../../helpers/postgres-build.js';
import { startTestDatabase, TEST_POOL_SETTINGS } from '../../helpers/postgres-database.js';
import { temporaryFolders } from '../../helpers/temporary-folders.js';

let database: Awaited<ReturnType<typeof startTestDatabase>>;
let pool: ConnectionPool;
const MDN = path.join(REPO_ROOT, 'eval/corpora/mdn-http');
let build: Awaited<ReturnType<typeof buildFromCorpus>>;
// A build is only read by the writer, so one serves every write.
const smallBuild = async () => build;

beforeAll(async () => {
  database = await startTestDatabase();
  pool = database.pool();
  build = await buildFromCorpus(MDN, { maxChunks: 40, dimension: 8 });
});

afterAll(async () => {
  await database?.stop();
});

async function buildStates(): Promise<Map<number, string>> {
  const { rows } = await pool.query<{ id: string; state: string }>('SELECT id, state FROM index_builds');
  return new Map(rows.map((row) => [Number(row.id), row.state]));
}

describe('the schema', () => {
  it('is migrated once, idempotently, by processes that start together', async () => {
    const pools = [database.pool(), database.pool(), database.pool()];
    await Promise.all(pools.map((each) => migrateSchema(each)));
    await migrateSchema(pool);
    const { rows } = await pool.query<{ version: number }>('SELECT version FROM index_schema_versions ORDER BY version');
    expect(rows.map((row) => row.version)).toEqual(MIGRATIONS.map((migration) => migration.version));
  });
});

describe('builds', () => {
  it('a written build becomes current in one switch, NOTIFYs its id, and the watcher of another pool sees it', async () => {
    const watcherPool = database.pool();
    const watcher = new CurrentBuildWatcher({ url: database.url, connectTimeoutMs: 2000, pool: watcherPool, pollIntervalMs: 200 });
    const seen: number[] = [];
    watcher.on('change', (buildId) => seen.push(buildId));
    await watcher.start();
    // A session listening on the channel gets the payload. (PGlite's multiplexer delivers a NOTIFY to the session
    // that sent it, so the writer's own listening connection stands in for another server here; the watcher also
    // polls, which is how it notices on PGlite.)
    const notified: string[] = [];
    const writerPool = database.pool({ poolSize: 1 });
    writerPool.on('connect', (client) => {
      client.on('notification', (message) => {
        if (message.channel === BUILDS_CHANNEL) notified.push(message.payload ?? '');
      });
      void client.query(`LISTEN ${BUILDS_CHANNEL}`);
    });
    try {
      const first = await writePostgresBuild(writerPool, await smallBuild(), { graceSeconds: 60 });
      const second = await writePostgresBuild(writerPool, await smallBuild(), { graceSeconds: 60 });
      expect(notified).toEqual([first.buildId, second.buildId]);
      expect(await readCurrentBuildId(pool)).toBe(Number(second.buildId));
      const states = await buildStates();
      expect(states.get(Number(first.buildId))).toBe('retired');
      expect(states.get(Number(second.buildId))).toBe('current');
      await expect.poll(() => watcher.currentBuildId, { timeout: 3000 }).toBe(Number(second.buildId));
      expect(seen.at(-1)).toBe(Number(second.buildId));
    } finally {
      await watcher.stop();
    }
  });

  it('a retired build stays readable for the grace period, then is dropped with its tables', async () => {
    const old = await writePostgresBuild(pool, await smallBuild(), { graceSeconds: 1 });
    const oldReader = await PostgresIndexReader.open(pool, Number(old.buildId), { efSearch: 100 });
    await writePostgresBuild(pool, await smallBuild(), { graceSeconds: 1 });
    expect((await buildStates()).get(Number(old.buildId))).toBe('retired');
    expect(await oldReader.chunks([0])).toHaveLength(1);
    expect(await dropRetiredBuilds(pool, 1)).not.toContain(Number(old.buildId));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await dropRetiredBuilds(pool, 1)).toContain(Number(old.buildId));
    expect((await buildStates()).has(Number(old.buildId))).toBe(false);
    await expectAppError(
      oldReader.searchDense(
        Array.from({ length: 8 }, () => 1),
        3,
      ),
      'index_unavailable',
    );
  });

  it.each([
    ['with every row written, before the switch', 'switch', /ready (\d+)/],
    ['in the middle of writing its rows', 'rows', /writing (\d+)/],
  ])('an ingest killed with SIGKILL %s leaves the previous build current; the next one succeeds and cleans up', async (_when, killPoint, signal) => {
    const before = await readCurrentBuildId(pool);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/helpers/postgres-write-child.ts'), database.url, killPoint], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const killedBuild = await new Promise<number>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (data: Buffer) => {
        output += data.toString();
        const match = signal.exec(output);
        if (match) resolve(Number(match[1]));
      });
      child.on('exit', (code) => reject(new Error(`child exited (${code}) before it was ready`)));
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    expect(await readCurrentBuildId(pool)).toBe(before);
    expect((await buildStates()).get(killedBuild)).toBe('building');
    const next = await writePostgresBuild(pool, await smallBuild(), { graceSeconds: 60 });
    expect(await readCurrentBuildId(pool)).toBe(Number(next.buildId));
    // Its heartbeat is seconds old: a live writer that slow is left alone; once stale, the build is dropped.
    expect((await buildStates()).get(killedBuild)).toBe('building');
    expect(await dropAbandonedBuilds(pool, 0)).toEqual([killedBuild]);
    const { rows } = await pool.query(`SELECT 1 FROM pg_tables WHERE tablename LIKE $1`, [`%\\_${killedBuild}`]);
    expect(rows).toEqual([]);
  });
});

describe('incremental ingest into Postgres', () => {
  const temporaryDir = temporaryFolders('cite-pg-');
  const documentText = (title: string, topic: string) =>
    `---\ntitle: ${title}\n---\n# ${title}\n\n${Array.from({ length: 5 }, (_, i) => `The ${topic} team reviewed item ${i + 1}. It approved the ${topic} budget for ${2000 + i}.`).join('\n\n')}\n`;

  it('copies the rows of unchanged documents from the current build and embeds only the changed one', async () => {
    const corpusDir = await temporaryDir();
    await writeFile(path.join(corpusDir, 'alpha.md'), documentText('Alpha', 'harbour'));
    await writeFile(path.join(corpusDir, 'beta.md'), documentText('Beta', 'railway'));
    await writeFile(path.join(corpusDir, 'gamma.md'), documentText('Gamma', 'airport'));
    const counting = new FakeEmbeddings({ dimension: 16, vectors: 'word-hash' });
    const embedder: Embedder = { id: 'counting-fake', dimension: 16, embeddings: counting };
    const settings = { ...TEST_POOL_SETTINGS, url: database.url, buildGraceSeconds: 60 };
    const ingest = async () => {
      const target = postgresBuildTarget(settings);
      try {
        return await buildIndex({
          corpusDir,
          indexDir: '',
          target,
          embedder,
          chunking: { chunkSize: 200, overlapSentences: 0 },
          hnsw: { m: 16, efConstruction: 64, efSearch: 40 },
        });
      } finally {
        await target.close();
      }
    };
    const first = await ingest();
    await writeFile(path.join(corpusDir, 'beta.md'), documentText('Beta', 'railway').replace('item 3', 'item 3 of the tramway'));
    counting.calls.length = 0;
    const second = await ingest();

    expect(second.reusedDocuments).toEqual(['alpha', 'gamma']);
    const firstReader = await PostgresIndexReader.open(pool, Number(first.manifest.buildId), { efSearch: 40 });
    const secondReader = await PostgresIndexReader.open(pool, Number(second.manifest.buildId), { efSearch: 40 });
    const secondChunks = await secondReader.chunks([...Array(secondReader.chunkCount).keys()]);
    const betaChunks = secondChunks.filter((chunk) => chunk.sourceId === 'beta');
    const betaSentences = betaChunks.reduce((sum, chunk) => sum + chunk.sentences.length, 0);
    expect(counting.embeddedTexts.length).toBe(betaChunks.length + betaSentences);
    expect(counting.embeddedTexts.some((text) => text.includes('tramway'))).toBe(true);

    // Gamma's rows moved (Beta before it changed size or not): same chunks, vectors and postings under new numbers.
    const firstChunks = await firstReader.chunks([...Array(firstReader.chunkCount).keys()]);
    for (const [newIndex, chunk] of secondChunks.entries()) {
      if (chunk.sourceId === 'beta') continue;
      const oldIndex = firstChunks.findIndex((old) => old.id === chunk.id);
      expect(firstChunks[oldIndex]).toEqual(chunk);
      expect(await secondReader.chunkVectors([newIndex])).toEqual(await firstReader.chunkVectors([oldIndex]));
      expect(await secondReader.sentenceVectors([newIndex])).toEqual(await firstReader.sentenceVectors([oldIndex]));
    }
    const query = new Map([
      ['airport', 1],
      ['budget', 0.5],
    ]);
    const hits = await secondReader.searchLexical(query, 5);
    expect(hits.length).toBeGreaterThan(0);
    expect((await secondReader.chunks([hits[0]!.chunkIndex]))[0]!.sourceId).toBe('gamma');
    expect(await secondReader.documents(['alpha'])).toEqual(await firstReader.documents(['alpha']));
  });
});
