import { AppError } from '../../errors.js';
import { transaction } from './transaction.js';
import type { ConnectionPool } from './connection-pool.js';

/**
 * The Postgres store's schema, created and migrated by the program: each migration runs once, in order, recorded in
 * `index_schema_versions`. Append a migration to change the schema; never edit one that has shipped.
 *
 * Every per-build table is LIST-partitioned by `build_id`, so a query on one build reads only that build's partition
 * and dropping a build is dropping its partitions. Chunk vectors are a table per build (`index_chunk_vectors_<id>`,
 * created by the writer): a partition cannot have its own `vector(d)` dimension, and a per-build HNSW graph keeps a
 * search inside one build without the recall loss of filtering one global graph by `build_id`.
 */
export const MIGRATIONS: { version: number; description: string; statements: string[] }[] = [
  {
    version: 1,
    description: 'builds, documents, chunks, lexical postings, sentence vectors',
    statements: [
      `CREATE TABLE index_builds (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        state text NOT NULL CHECK (state IN ('building', 'current', 'retired')),
        created_at timestamptz NOT NULL DEFAULT now(),
        heartbeat_at timestamptz NOT NULL DEFAULT now(),
        switched_at timestamptz,
        retired_at timestamptz,
        dimension integer NOT NULL,
        chunk_count integer NOT NULL DEFAULT 0,
        average_length double precision NOT NULL DEFAULT 0,
        manifest jsonb NOT NULL
      )`,
      // At most one current build: the switch retires the old one and promotes the new one in one transaction.
      `CREATE UNIQUE INDEX index_builds_one_current ON index_builds ((true)) WHERE state = 'current'`,
      `CREATE TABLE index_documents (
        build_id bigint NOT NULL,
        document_id text NOT NULL,
        position integer NOT NULL,
        first_chunk integer NOT NULL,
        chunk_count integer NOT NULL,
        sentence_count integer NOT NULL,
        summary json NOT NULL,
        body json NOT NULL,
        PRIMARY KEY (build_id, document_id)
      ) PARTITION BY LIST (build_id)`,
      `CREATE TABLE index_chunks (
        build_id bigint NOT NULL,
        chunk_index integer NOT NULL,
        body json NOT NULL,
        PRIMARY KEY (build_id, chunk_index)
      ) PARTITION BY LIST (build_id)`,
      // A chunk's length in terms and BM25's length normaliser for it (which depends on the build's average length).
      `CREATE TABLE index_chunk_lengths (
        build_id bigint NOT NULL,
        chunk_index integer NOT NULL,
        length integer NOT NULL,
        norm double precision NOT NULL,
        PRIMARY KEY (build_id, chunk_index)
      ) PARTITION BY LIST (build_id)`,
      `CREATE TABLE index_terms (
        build_id bigint NOT NULL,
        term text NOT NULL,
        document_frequency integer NOT NULL,
        PRIMARY KEY (build_id, term)
      ) PARTITION BY LIST (build_id)`,
      `CREATE TABLE index_postings (
        build_id bigint NOT NULL,
        term text NOT NULL,
        chunk_index integer NOT NULL,
        term_frequency integer NOT NULL,
        PRIMARY KEY (build_id, term, chunk_index)
      ) PARTITION BY LIST (build_id)`,
      // A chunk's sentence vectors as float32 bytes, sentence after sentence: read only for chunks already retrieved.
      `CREATE TABLE index_sentence_vectors (
        build_id bigint NOT NULL,
        chunk_index integer NOT NULL,
        vectors bytea NOT NULL,
        PRIMARY KEY (build_id, chunk_index)
      ) PARTITION BY LIST (build_id)`,
    ],
  },
];

/** The partitioned per-build tables, in the order a build's partitions are created. */
export const PARTITIONED_TABLES = [
  'index_documents',
  'index_chunks',
  'index_chunk_lengths',
  'index_terms',
  'index_postings',
  'index_sentence_vectors',
] as const;

/** Transaction-level advisory lock key serialising migrations of processes that start together ("cite" in ASCII). */
const SCHEMA_LOCK_KEY = 0x63697465;

/**
 * Brings the schema to the latest version. Idempotent, and safe when several processes start at once: they queue on
 * an advisory lock and all but the first find nothing to do. Needs the `vector` extension; when the role may not
 * create it, the error says what an administrator runs.
 */
export async function migrateSchema(pool: ConnectionPool): Promise<void> {
  await transaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS vector');
    } catch (error) {
      throw new AppError(
        'index_unavailable',
        `The pgvector extension is missing and this role may not create it (${(error as Error).message}). An administrator runs, once, in this database: CREATE EXTENSION IF NOT EXISTS vector;`,
        { cause: error },
      );
    }
    await client.query(
      'CREATE TABLE IF NOT EXISTS index_schema_versions (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM index_schema_versions');
    const applied = new Set(rows.map((row) => row.version));
    const newest = Math.max(0, ...applied);
    const known = MIGRATIONS[MIGRATIONS.length - 1]!.version;
    if (newest > known) {
      throw new AppError('index_unavailable', `The database's index schema is version ${newest}; this program knows up to ${known}. Upgrade the program.`);
    }
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await client.query(statement);
      await client.query('INSERT INTO index_schema_versions (version, description) VALUES ($1, $2)', [migration.version, migration.description]);
    }
  });
}
