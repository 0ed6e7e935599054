import path from 'node:path';
import type pg from 'pg';
import { createConnectionPool, type ConnectionPool } from '../../src/store/postgres/connection-pool.js';
import { writePostgresBuild } from '../../src/store/postgres/write-postgres-build.js';
import { buildFromCorpus } from './postgres-build.js';
import { REPO_ROOT } from './article-index.js';

/**
 * A child process for the kill -9 test: writes a build of the MDN corpus into the database at argv[2] and, with
 * every row written but before the switch, prints "ready <buildId>" and waits to be killed.
 */
const url = process.argv[2]!;
/** `rows`: say "writing <buildId>" once the first rows are in and go on writing (to be killed mid-batch); default: wait before the switch. */
const killPoint = process.argv[3] ?? 'switch';
const pool = createConnectionPool({ url, poolSize: 2, statementTimeoutMs: 0, connectTimeoutMs: 2000 });

/** `writer`, saying "writing <buildId>" once the first batch of chunks, postings or sentence vectors is in. */
function announcingRows(writer: ConnectionPool): ConnectionPool {
  let announced = false;
  return {
    ...writer,
    async query<Row extends pg.QueryResultRow>(text: string, values?: unknown[]) {
      const result = await writer.query<Row>(text, values);
      const inserting = /^INSERT INTO index_(chunks|postings|sentence_vectors)/.exec(text);
      if (inserting && values && !announced) {
        announced = true;
        process.stdout.write(`writing ${String(values[0])}\n`);
      }
      return result;
    },
  };
}

const build = await buildFromCorpus(path.join(REPO_ROOT, 'eval/corpora/mdn-http'), { maxChunks: 60, dimension: 8 });
await writePostgresBuild(killPoint === 'rows' ? announcingRows(pool) : pool, build, {
  graceSeconds: 60,
  beforeCommit: async (buildId) => {
    process.stdout.write(`ready ${buildId}\n`);
    if (killPoint === 'switch') await new Promise(() => {});
  },
});
