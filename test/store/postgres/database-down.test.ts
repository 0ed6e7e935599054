import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../../src/store/postgres/open-postgres-store.js';
import { writePostgresBuild } from '../../../src/store/postgres/write-postgres-build.js';
import { expectAppError } from '../../helpers/expect-app-error.js';
import { REPO_ROOT } from '../../helpers/article-index.js';
import { buildFromCorpus } from '../../helpers/postgres-build.js';
import { startTestDatabase } from '../../helpers/postgres-database.js';
import { startTcpProxy } from '../../helpers/tcp-proxy.js';

let database: Awaited<ReturnType<typeof startTestDatabase>>;
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;

beforeAll(async () => {
  database = await startTestDatabase();
  proxy = await startTcpProxy(database.port);
});

afterAll(async () => {
  await proxy?.stop();
  await database?.stop();
});

describe('the database going down and coming back', () => {
  it('fails reads fast with index_unavailable while it is unreachable, and recovers by itself when it returns', async () => {
    const build = await buildFromCorpus(path.join(REPO_ROOT, 'eval/corpora/mdn-http'), { maxChunks: 40, dimension: 8 });
    const manifest = await writePostgresBuild(database.pool(), build, { graceSeconds: 60 });
    const url = `postgres://postgres@127.0.0.1:${proxy.port}/postgres?sslmode=disable`;
    const store = await openPostgresStore(
      { url, poolSize: 2, statementTimeoutMs: 1000, connectTimeoutMs: 500, buildGraceSeconds: 60 },
      { efSearch: 40, pollIntervalMs: 200 },
    );
    try {
      const reader = await store.currentReader();
      expect(reader.manifest.buildId).toBe(manifest.buildId);
      const query = new Map(
        Object.keys(build.lexical.postings)
          .slice(0, 3)
          .map((term) => [term, 1]),
      );
      const upHits = await reader.searchLexical(query, 3);
      expect(upHits.length).toBeGreaterThan(0);

      await proxy.cut();
      const started = Date.now();
      await expectAppError(reader.searchLexical(query, 3), 'index_unavailable');
      await expectAppError(
        reader.searchDense(
          Array.from({ length: 8 }, () => 1),
          3,
        ),
        'index_unavailable',
      );
      await expectAppError(reader.documents(['not-cached']), 'index_unavailable');
      expect(Date.now() - started).toBeLessThan(3000);

      await proxy.restore();
      await expect.poll(() => reader.searchLexical(query, 3).catch(() => []), { timeout: 5000, interval: 100 }).toEqual(upHits);
      expect((await store.currentReader()).buildId).toBe(reader.buildId);
    } finally {
      await store.close();
    }
  });
});
