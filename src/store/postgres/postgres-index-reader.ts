import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { LRUCache } from 'lru-cache';
import type pg from 'pg';
import type { Chunk } from '../../domain/chunk.js';
import type { Document } from '../../domain/document.js';
import { AppError } from '../../errors.js';
import type { ChunkHit, DocumentSummary, IndexReader } from '../index-reader.js';
import { assertEmbedderMatches, INDEX_FORMAT_VERSION, type Manifest } from '../manifest.js';
import { idfOf, K1_PLUS_ONE } from '../bm25.js';
import { chunkVectorTable } from './build-tables.js';
import { readingIndex } from './database-errors.js';
import { transaction } from './transaction.js';
import { parseVector, vectorLiteral } from './vector-text.js';
import type { ConnectionPool } from './connection-pool.js';

export interface PostgresReaderOptions {
  /** HNSW candidate list (`HNSW_EF_SEARCH`), set with `SET LOCAL hnsw.ef_search` on every dense query. */
  efSearch: number;
  /** When given, a build made with another embedder is refused, as the file store refuses one; its `embeddings`
   * encode questions (a reader without it can search by vectors and words, not by question text). */
  embedder?: { id: string; dimension: number; embeddings?: EmbeddingsInterface };
}

/** pgvector accepts `hnsw.ef_search` up to 1000. */
const PGVECTOR_MAX_EF_SEARCH = 1000;
/** Characters of document text kept per reader: documents are read again for every answer that cites them. */
const DOCUMENT_CACHE_CHARACTERS = 50_000_000;
/** Chunks kept per reader: the passages of recent answers (a chunk is under a kilobyte). */
const CHUNK_CACHE_SIZE = 20_000;
/** Document frequencies kept per reader: the vocabulary of recent questions. */
const TERM_CACHE_SIZE = 50_000;

/** The query encoder of a reader opened without one (tests and the bench search by vector). */
const NO_QUERY_ENCODER: EmbeddingsInterface = {
  embedQuery: () => Promise.reject(new Error('this reader was opened without a query encoder')),
  embedDocuments: () => Promise.reject(new Error('this reader was opened without a query encoder')),
};

interface BuildRow {
  id: string;
  state: string;
  chunk_count: number;
  manifest: Manifest;
}

/**
 * One build of the Postgres store, read through the `IndexReader` seam. Lexical search is BM25 in SQL over the
 * postings, bit-identical to `bm25.ts` (idf and weights computed here, in JavaScript's doubles, and summed in SQL in
 * the query's term order); dense search walks the build's own HNSW graph; the rest are primary-key reads. A build
 * never changes, so its documents, chunks and term statistics are cached for the reader's life. Every failure that
 * means "the database is down or too slow" is an `AppError('index_unavailable')`.
 */
export class PostgresIndexReader implements IndexReader {
  readonly buildId: number;
  readonly manifest: Manifest;
  readonly chunkCount: number;
  readonly embeddings: EmbeddingsInterface;
  private readonly pool: ConnectionPool;
  private readonly efSearch: number;
  private readonly documentCache = new LRUCache<string, Document>({
    maxSize: DOCUMENT_CACHE_CHARACTERS,
    sizeCalculation: (document) => Math.max(1, document.text.length),
  });
  private readonly chunkCache = new LRUCache<number, Chunk>({ max: CHUNK_CACHE_SIZE });
  private readonly frequencyCache = new LRUCache<string, number>({ max: TERM_CACHE_SIZE });
  private summaries: Promise<DocumentSummary[]> | undefined;

  private constructor(pool: ConnectionPool, row: BuildRow, options: PostgresReaderOptions) {
    this.pool = pool;
    this.buildId = Number(row.id);
    this.manifest = row.manifest;
    this.chunkCount = row.chunk_count;
    this.efSearch = options.efSearch;
    this.embeddings = options.embedder?.embeddings ?? NO_QUERY_ENCODER;
  }

  /** Opens build `buildId`; refuses one that is missing, still being written, of another format or embedder. */
  static async open(pool: ConnectionPool, buildId: number, options: PostgresReaderOptions): Promise<PostgresIndexReader> {
    const { rows } = await readingIndex(() => pool.query<BuildRow>('SELECT id, state, chunk_count, manifest FROM index_builds WHERE id = $1', [buildId]));
    const row = rows[0];
    if (!row || row.state === 'building') throw new AppError('index_unavailable', `Build ${buildId} is not in the database (or not finished).`);
    if (row.manifest.formatVersion !== INDEX_FORMAT_VERSION) {
      throw new AppError(
        'index_unavailable',
        `Build ${buildId} has format ${row.manifest.formatVersion}; this version reads ${INDEX_FORMAT_VERSION}. Run \`npm run ingest\`.`,
      );
    }
    if (options.embedder) assertEmbedderMatches(row.manifest, options.embedder);
    return new PostgresIndexReader(pool, row, options);
  }

  async searchLexical(queryTerms: Map<string, number>, limit: number): Promise<ChunkHit[]> {
    if (limit <= 0) return [];
    const weighted = await this.weightedIdfs(queryTerms);
    if (weighted.terms.length === 0) return [];
    const { rows } = await this.query<{ chunk_index: number; score: number }>(
      `SELECT p.chunk_index, sum(q.weight_idf * ((p.term_frequency * $5::double precision) / (p.term_frequency + l.norm)) ORDER BY q.position) AS score
       FROM unnest($2::text[], $3::double precision[], $4::integer[]) AS q(term, weight_idf, position)
       JOIN ${this.partition('index_postings')} p ON p.build_id = $1 AND p.term = q.term
       JOIN ${this.partition('index_chunk_lengths')} l ON l.build_id = $1 AND l.chunk_index = p.chunk_index
       GROUP BY p.chunk_index
       ORDER BY score DESC, p.chunk_index
       LIMIT $6`,
      [this.buildId, weighted.terms, weighted.weightIdfs, weighted.positions, K1_PLUS_ONE, limit],
    );
    return rows.map((row) => ({ chunkIndex: row.chunk_index, score: row.score }));
  }

  async scoreLexical(queryTerms: Map<string, number>, chunkIndices: number[]): Promise<number[]> {
    const scores = chunkIndices.map(() => 0);
    if (chunkIndices.length === 0) return scores;
    const weighted = await this.weightedIdfs(queryTerms);
    if (weighted.terms.length === 0) return scores;
    const { rows } = await this.query<{ slot: string; score: number }>(
      `SELECT c.slot, sum(q.weight_idf * ((p.term_frequency * $5::double precision) / (p.term_frequency + l.norm)) ORDER BY q.position) AS score
       FROM unnest($2::text[], $3::double precision[], $4::integer[]) AS q(term, weight_idf, position)
       CROSS JOIN unnest($6::integer[]) WITH ORDINALITY AS c(chunk_index, slot)
       JOIN ${this.partition('index_postings')} p ON p.build_id = $1 AND p.term = q.term AND p.chunk_index = c.chunk_index
       JOIN ${this.partition('index_chunk_lengths')} l ON l.build_id = $1 AND l.chunk_index = p.chunk_index
       GROUP BY c.slot`,
      [this.buildId, weighted.terms, weighted.weightIdfs, weighted.positions, K1_PLUS_ONE, chunkIndices],
    );
    for (const row of rows) scores[Number(row.slot) - 1] = row.score;
    return scores;
  }

  private documentRanges: Map<string, { first: number; last: number }> | undefined;

  /** A document's chunks, first to last: the build writes them contiguously, in the manifest's order of documents. */
  private documentRange(id: string): { first: number; last: number } | undefined {
    if (!this.documentRanges) {
      this.documentRanges = new Map();
      let first = 0;
      for (const entry of this.manifest.documents) {
        this.documentRanges.set(entry.id, { first, last: first + entry.chunks - 1 });
        first += entry.chunks;
      }
    }
    return this.documentRanges.get(id);
  }

  async termFrequencies(terms: string[]): Promise<{ chunkCount: number; frequencies: Map<string, number> }> {
    return { chunkCount: this.chunkCount, frequencies: await this.documentFrequencies(terms) };
  }

  async chunksWithAllTerms(terms: string[], options: { limit: number; sourceId?: string }): Promise<number[]> {
    const distinct = [...new Set(terms)];
    if (distinct.length === 0 || options.limit <= 0) return [];
    const frequencies = await this.documentFrequencies(distinct);
    if (distinct.some((term) => frequencies.get(term) === 0)) return [];
    let first = 0;
    let last = this.chunkCount - 1;
    if (options.sourceId !== undefined) {
      const range = this.documentRange(options.sourceId);
      if (!range) return [];
      ({ first, last } = range);
    }
    const { rows } = await this.query<{ chunk_index: number }>(
      `SELECT chunk_index FROM ${this.partition('index_postings')}
       WHERE build_id = $1 AND term = ANY($2::text[]) AND chunk_index BETWEEN $3 AND $4
       GROUP BY chunk_index HAVING count(*) = $5
       ORDER BY chunk_index
       LIMIT $6`,
      [this.buildId, distinct, first, last, distinct.length, options.limit],
    );
    return rows.map((row) => row.chunk_index);
  }

  async searchDense(vector: number[], limit: number): Promise<ChunkHit[]> {
    if (limit <= 0 || this.chunkCount === 0) return [];
    // ef below the number of results asked for would return fewer (pgvector stops at ef candidates).
    const ef = Math.min(PGVECTOR_MAX_EF_SEARCH, Math.max(this.efSearch, limit));
    return readingIndex(() =>
      transaction(this.pool, async (client) => {
        await client.query(`SET LOCAL hnsw.ef_search = ${ef}`);
        const { rows } = await client.query<{ chunk_index: number; distance: number }>(
          `SELECT chunk_index, embedding <=> $1::vector AS distance FROM ${chunkVectorTable(this.buildId)} ORDER BY embedding <=> $1::vector LIMIT $2`,
          [vectorLiteral(vector), limit],
        );
        // Cosine similarity, larger is better, as the file store reports it.
        return rows.map((row) => ({ chunkIndex: row.chunk_index, score: 1 - row.distance }));
      }),
    );
  }

  async chunkVectors(chunkIndices: number[]): Promise<number[][]> {
    if (chunkIndices.length === 0) return [];
    const { rows } = await this.query<{ chunk_index: number; embedding: string }>(
      `SELECT chunk_index, embedding::text AS embedding FROM ${chunkVectorTable(this.buildId)} WHERE chunk_index = ANY($1::integer[])`,
      [chunkIndices],
    );
    const byIndex = new Map(rows.map((row) => [row.chunk_index, parseVector(row.embedding)]));
    return chunkIndices.map((chunkIndex) => this.found(byIndex, chunkIndex));
  }

  async sentenceVectors(chunkIndices: number[]): Promise<Float32Array[]> {
    if (chunkIndices.length === 0) return [];
    const { rows } = await this.query<{ chunk_index: number; vectors: Buffer }>(
      `SELECT chunk_index, vectors FROM ${this.partition('index_sentence_vectors')} WHERE build_id = $1 AND chunk_index = ANY($2::integer[])`,
      [this.buildId, chunkIndices],
    );
    // Stored as the writer's float32 bytes (little-endian, as every platform Node runs on); copied to align them.
    const byIndex = new Map(rows.map((row) => [row.chunk_index, new Float32Array(Uint8Array.prototype.slice.call(row.vectors).buffer)]));
    return chunkIndices.map((chunkIndex) => this.found(byIndex, chunkIndex));
  }

  async chunks(chunkIndices: number[]): Promise<Chunk[]> {
    const missing = [...new Set(chunkIndices.filter((chunkIndex) => !this.chunkCache.has(chunkIndex)))];
    for (const chunkIndex of missing) {
      if (!Number.isInteger(chunkIndex) || chunkIndex < 0 || chunkIndex >= this.chunkCount) {
        throw new RangeError(`No chunk ${chunkIndex} in build ${this.buildId} (${this.chunkCount} chunks)`);
      }
    }
    if (missing.length > 0) {
      const { rows } = await this.query<{ chunk_index: number; body: Chunk }>(
        `SELECT chunk_index, body FROM ${this.partition('index_chunks')} WHERE build_id = $1 AND chunk_index = ANY($2::integer[])`,
        [this.buildId, missing],
      );
      for (const row of rows) this.chunkCache.set(row.chunk_index, row.body);
    }
    const fetched = new Map(chunkIndices.map((chunkIndex) => [chunkIndex, this.chunkCache.get(chunkIndex)]));
    return chunkIndices.map((chunkIndex) => this.found(fetched, chunkIndex));
  }

  async documents(ids: string[]): Promise<Map<string, Document>> {
    const result = new Map<string, Document>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const cached = this.documentCache.get(id);
      if (cached) result.set(id, cached);
      else missing.push(id);
    }
    if (missing.length > 0) {
      const { rows } = await this.query<{ document_id: string; body: Document }>(
        `SELECT document_id, body FROM ${this.partition('index_documents')} WHERE build_id = $1 AND document_id = ANY($2::text[])`,
        [this.buildId, missing],
      );
      for (const row of rows) {
        this.documentCache.set(row.document_id, row.body);
        result.set(row.document_id, row.body);
      }
    }
    return result;
  }

  async documentSummaries(): Promise<DocumentSummary[]> {
    this.summaries ??= this.query<{ summary: DocumentSummary }>(
      `SELECT summary FROM ${this.partition('index_documents')} WHERE build_id = $1 ORDER BY position`,
      [this.buildId],
    ).then(
      ({ rows }) => rows.map((row) => row.summary),
      (error: unknown) => {
        this.summaries = undefined;
        throw error;
      },
    );
    return this.summaries;
  }

  /** How many chunks hold each term (0 when none does), from the cache or one query for the rest. */
  private async documentFrequencies(terms: string[]): Promise<Map<string, number>> {
    const frequencies = new Map<string, number>();
    const missing: string[] = [];
    for (const term of terms) {
      const cached = this.frequencyCache.get(term);
      if (cached === undefined) missing.push(term);
      else frequencies.set(term, cached);
    }
    if (missing.length > 0) {
      const { rows } = await this.query<{ term: string; document_frequency: number }>(
        `SELECT term, document_frequency FROM ${this.partition('index_terms')} WHERE build_id = $1 AND term = ANY($2::text[])`,
        [this.buildId, missing],
      );
      const found = new Map(rows.map((row) => [row.term, row.document_frequency]));
      for (const term of missing) {
        const frequency = found.get(term) ?? 0;
        this.frequencyCache.set(term, frequency);
        frequencies.set(term, frequency);
      }
    }
    return frequencies;
  }

  /**
   * The query's terms that some chunk has, each with `weight × idf` and its position in the query: SQL multiplies
   * and sums exactly what bm25.ts does, in the same order, so the scores are the same doubles.
   */
  private async weightedIdfs(queryTerms: Map<string, number>): Promise<{ terms: string[]; weightIdfs: number[]; positions: number[] }> {
    const frequencies = await this.documentFrequencies([...queryTerms.keys()]);
    const weighted = { terms: [] as string[], weightIdfs: [] as number[], positions: [] as number[] };
    let position = 0;
    for (const [term, weight] of queryTerms) {
      const frequency = frequencies.get(term) ?? 0;
      if (frequency > 0) {
        weighted.terms.push(term);
        weighted.weightIdfs.push(weight * idfOf(this.chunkCount, frequency));
        weighted.positions.push(position);
      }
      position += 1;
    }
    return weighted;
  }

  /**
   * The build's own partition of a table: a reader names it rather than the partitioned parent, so its statements lock
   * only this build's rows and never wait on (or deadlock with) an ingest creating or dropping another build's
   * partitions, which locks the parent (seen on PostgreSQL 15 with a re-ingest under load).
   */
  private partition(table: string): string {
    return `${table}_${this.buildId}`;
  }

  private async query<Row extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<Row>> {
    return readingIndex(() => this.pool.query<Row>(text, values));
  }

  private found<T>(byIndex: Map<number, T | undefined>, chunkIndex: number): T {
    const value = byIndex.get(chunkIndex);
    if (value === undefined) throw new RangeError(`No chunk ${chunkIndex} in build ${this.buildId} (${this.chunkCount} chunks)`);
    return value;
  }
}
