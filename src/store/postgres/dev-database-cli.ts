import 'dotenv/config';
import { loadConfig } from '../../config.js';
import { startDevDatabase } from './dev-database.js';

/**
 * `npm run db`: a PostgreSQL + pgvector for development and tests with no install step (PGlite behind pglite-socket)
 * on `DB_PORT` (5433), data in `DB_DIR` (data/pg). Prints the `DATABASE_URL` to use; stops cleanly on Ctrl-C or
 * SIGTERM, so the data folder is left consistent.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await startDevDatabase({ port: config.devDatabase.port, dir: config.devDatabase.dir });
  console.log(`db: PostgreSQL (PGlite + pgvector) on port ${database.port}, data in ${config.devDatabase.dir}`);
  console.log(`DATABASE_URL=${database.url}`);
  console.log(`e.g. INDEX_STORE=postgres DATABASE_URL=${database.url} npm run ingest`);
  const stop = (signal: string) => {
    console.log(`db: ${signal}, stopping`);
    database.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`db: stop failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`db failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
