import type { Document } from '../../domain/document.js';
import { lengthNorm } from '../bm25.js';
import { chunkVectorTable } from './build-tables.js';
import { documentSummary } from '../index-reader.js';
import { sentenceBases } from '../index-files.js';
import { transaction } from './transaction.js';
import { unitVectorLiteral } from './vector-text.js';
import type { PostgresBuildInput } from './postgres-build-input.js';
import type { ConnectionPool } from './connection-pool.js';

/** Rows per INSERT: enough to amortise a round trip, few enough to keep one statement to a few MB. */
const ROWS_PER_INSERT = 5000;
/** Vectors per INSERT: a 512-d vector is about 6 KB of text. */
const VECTORS_PER_INSERT = 500;
/** Characters of document text per INSERT (documents can be long). */
const DOCUMENT_CHARACTERS_PER_INSERT = 4_000_000;

/** Where one document's rows go in the new build. */
interface DocumentPlacement {
  document: Document;
  position: number;
  firstChunk: number;
  chunkCount: number;
  sentenceCount: number;
  reused: boolean;
}

/**
 * Writes every row of a build under `buildId` (whose tables exist): unchanged documents' rows copied from the previous
 * build by SQL, the rest inserted in batches, plus the per-chunk lengths and per-term statistics of the whole build.
 */
export async function writeBuildRows(pool: ConnectionPool, buildId: number, build: PostgresBuildInput): Promise<void> {
  // Index of each chunk's first sentence vector, with one extra entry: the total.
  const sentenceStart = [...sentenceBases(build.chunks), build.chunks.reduce((total, chunk) => total + chunk.sentences.length, 0)];
  const placements = placeDocuments(build, sentenceStart);
  const fresh = placements.filter((placement) => !placement.reused);
  const reused = placements.filter((placement) => placement.reused);
  if (build.reuse && reused.length > 0) await copyReusedRows(pool, buildId, build.reuse.fromBuild, reused);

  const freshChunks = fresh.flatMap((placement) => range(placement.firstChunk, placement.chunkCount));
  const freshChunkSet = new Set(freshChunks);
  const dimension = build.manifest.embedder.dimension;

  await insertDocuments(pool, buildId, fresh);
  for (const batch of batches(freshChunks, ROWS_PER_INSERT)) {
    await pool.query(`INSERT INTO index_chunks (build_id, chunk_index, body) SELECT $1, * FROM unnest($2::integer[], $3::json[])`, [
      buildId,
      batch,
      batch.map((chunkIndex) => JSON.stringify(build.chunks[chunkIndex])),
    ]);
  }
  for (const batch of batches(freshChunks, VECTORS_PER_INSERT)) {
    await pool.query(`INSERT INTO index_sentence_vectors (build_id, chunk_index, vectors) SELECT $1, * FROM unnest($2::integer[], $3::bytea[])`, [
      buildId,
      batch,
      batch.map((chunkIndex) => {
        const floats = build.sentenceVectors.subarray(sentenceStart[chunkIndex]! * dimension, sentenceStart[chunkIndex + 1]! * dimension);
        return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength);
      }),
    ]);
    await pool.query(
      `INSERT INTO ${chunkVectorTable(buildId)} (chunk_index, embedding) SELECT chunk_index, embedding::vector FROM unnest($1::integer[], $2::text[]) AS v(chunk_index, embedding)`,
      [
        batch,
        batch.map((chunkIndex) => {
          const vector = build.vectors[chunkIndex];
          if (!vector) throw new Error(`chunk ${build.chunks[chunkIndex]!.id} has no vector`);
          return unitVectorLiteral(vector);
        }),
      ],
    );
  }
  await insertPostings(pool, buildId, build, freshChunkSet);
  await insertTermsAndLengths(pool, buildId, build);
}

function range(start: number, count: number): number[] {
  return Array.from({ length: count }, (_, offset) => start + offset);
}

function* batches<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

function placeDocuments(build: PostgresBuildInput, starts: number[]): DocumentPlacement[] {
  const reused = new Set(build.reuse?.documentIds ?? []);
  let firstChunk = 0;
  return build.manifest.documents.map((entry, position) => {
    const document = build.documents.get(entry.id);
    if (!document) throw new Error(`manifest lists document ${entry.id} that the build does not hold`);
    const placement = {
      document,
      position,
      firstChunk,
      chunkCount: entry.chunks,
      sentenceCount: starts[firstChunk + entry.chunks]! - starts[firstChunk]!,
      reused: reused.has(entry.id),
    };
    firstChunk += entry.chunks;
    return placement;
  });
}

/** Copies the rows of unchanged documents from `fromBuild`, renumbering their chunks to their place in this build. */
async function copyReusedRows(pool: ConnectionPool, buildId: number, fromBuild: number, reused: DocumentPlacement[]): Promise<void> {
  const ids = reused.map((placement) => placement.document.id);
  const firstChunks = reused.map((placement) => placement.firstChunk);
  const positions = reused.map((placement) => placement.position);
  await transaction(pool, async (client) => {
    const documents = await client.query(
      `INSERT INTO index_documents (build_id, document_id, position, first_chunk, chunk_count, sentence_count, summary, body)
       SELECT $1, d.document_id, m.position, m.first_chunk, d.chunk_count, d.sentence_count, d.summary, d.body
       FROM unnest($3::text[], $4::integer[], $5::integer[]) AS m(document_id, position, first_chunk)
       JOIN index_documents d ON d.build_id = $2 AND d.document_id = m.document_id`,
      [buildId, fromBuild, ids, positions, firstChunks],
    );
    if (documents.rowCount !== reused.length) throw new Error(`build ${fromBuild} holds ${documents.rowCount} of the ${reused.length} documents to reuse`);
    // Old chunk number → new chunk number for every chunk of a reused document, for the copies below.
    await client.query(
      `CREATE TEMPORARY TABLE chunk_map ON COMMIT DROP AS
       SELECT old_chunk, old_chunk - d.first_chunk + m.first_chunk AS new_chunk
       FROM unnest($2::text[], $3::integer[]) AS m(document_id, first_chunk)
       JOIN index_documents d ON d.build_id = $1 AND d.document_id = m.document_id,
       LATERAL generate_series(d.first_chunk, d.first_chunk + d.chunk_count - 1) AS old_chunk`,
      [fromBuild, ids, firstChunks],
    );
    const copies = [
      `INSERT INTO index_chunks (build_id, chunk_index, body)
       SELECT $1, map.new_chunk, c.body FROM chunk_map map JOIN index_chunks c ON c.build_id = $2 AND c.chunk_index = map.old_chunk`,
      `INSERT INTO index_sentence_vectors (build_id, chunk_index, vectors)
       SELECT $1, map.new_chunk, s.vectors FROM chunk_map map JOIN index_sentence_vectors s ON s.build_id = $2 AND s.chunk_index = map.old_chunk`,
      `INSERT INTO index_postings (build_id, term, chunk_index, term_frequency)
       SELECT $1, p.term, map.new_chunk, p.term_frequency FROM chunk_map map JOIN index_postings p ON p.build_id = $2 AND p.chunk_index = map.old_chunk`,
    ];
    for (const copy of copies) await client.query(copy, [buildId, fromBuild]);
    await client.query(
      `INSERT INTO ${chunkVectorTable(buildId)} (chunk_index, embedding)
       SELECT map.new_chunk, v.embedding FROM chunk_map map JOIN ${chunkVectorTable(fromBuild)} v ON v.chunk_index = map.old_chunk`,
    );
  });
}

async function insertDocuments(pool: ConnectionPool, buildId: number, placements: DocumentPlacement[]): Promise<void> {
  let batch: DocumentPlacement[] = [];
  let characters = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await pool.query(
      `INSERT INTO index_documents (build_id, document_id, position, first_chunk, chunk_count, sentence_count, summary, body)
       SELECT $1, * FROM unnest($2::text[], $3::integer[], $4::integer[], $5::integer[], $6::integer[], $7::json[], $8::json[])`,
      [
        buildId,
        batch.map((placement) => placement.document.id),
        batch.map((placement) => placement.position),
        batch.map((placement) => placement.firstChunk),
        batch.map((placement) => placement.chunkCount),
        batch.map((placement) => placement.sentenceCount),
        batch.map((placement) => JSON.stringify(documentSummary(placement.document))),
        batch.map((placement) => JSON.stringify(placement.document)),
      ],
    );
    batch = [];
    characters = 0;
  };
  for (const placement of placements) {
    batch.push(placement);
    characters += placement.document.text.length;
    if (characters >= DOCUMENT_CHARACTERS_PER_INSERT || batch.length >= ROWS_PER_INSERT) await flush();
  }
  await flush();
}

/** The postings of the chunks in `chunkSet` (the reused documents' were copied), term by term. */
async function insertPostings(pool: ConnectionPool, buildId: number, build: PostgresBuildInput, chunkSet: Set<number>): Promise<void> {
  let terms: string[] = [];
  let chunkIndices: number[] = [];
  let frequencies: number[] = [];
  const flush = async () => {
    if (terms.length === 0) return;
    await pool.query(
      `INSERT INTO index_postings (build_id, term, chunk_index, term_frequency) SELECT $1, * FROM unnest($2::text[], $3::integer[], $4::integer[])`,
      [buildId, terms, chunkIndices, frequencies],
    );
    terms = [];
    chunkIndices = [];
    frequencies = [];
  };
  for (const [term, list] of Object.entries(build.lexical.postings)) {
    for (let i = 0; i < list.length; i += 2) {
      if (!chunkSet.has(list[i]!)) continue;
      terms.push(term);
      chunkIndices.push(list[i]!);
      frequencies.push(list[i + 1]!);
    }
    if (terms.length >= ROWS_PER_INSERT) await flush();
  }
  await flush();
}

/** Every term's document frequency and every chunk's length and BM25 norm: whole-build statistics, never copied. */
async function insertTermsAndLengths(pool: ConnectionPool, buildId: number, build: PostgresBuildInput): Promise<void> {
  const entries = Object.entries(build.lexical.postings);
  for (const batch of batches(entries, ROWS_PER_INSERT)) {
    await pool.query(`INSERT INTO index_terms (build_id, term, document_frequency) SELECT $1, * FROM unnest($2::text[], $3::integer[])`, [
      buildId,
      batch.map(([term]) => term),
      batch.map(([, list]) => list.length / 2),
    ]);
  }
  const chunkIndices = range(0, build.chunks.length);
  for (const batch of batches(chunkIndices, ROWS_PER_INSERT)) {
    await pool.query(
      `INSERT INTO index_chunk_lengths (build_id, chunk_index, length, norm) SELECT $1, * FROM unnest($2::integer[], $3::integer[], $4::double precision[])`,
      [
        buildId,
        batch,
        batch.map((chunkIndex) => build.lexical.lengths[chunkIndex] ?? 0),
        batch.map((chunkIndex) => lengthNorm(build.lexical.lengths[chunkIndex] ?? 0, build.lexical.averageLength)),
      ],
    );
  }
}
