import path from 'node:path';
import { z } from 'zod';
import { AppError } from './errors.js';

/**
 * Every environment variable the product reads, parsed once. Each entry mirrors a line of `.env.example`.
 * Messages name the variable so a user can fix it without reading code.
 */
const integer = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
        context.addIssue({ code: 'custom', message: `${name} must be an integer ${min}-${max}, got "${value}"` });
        return z.NEVER;
      }
      return parsed;
    });

const choice = <T extends string>(name: string, values: readonly [T, ...T[]], fallback: T) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return fallback;
      const normalised = value.trim().toLowerCase() as T;
      if (!values.includes(normalised)) {
        context.addIssue({ code: 'custom', message: `${name} must be one of ${values.join(', ')}, got "${value}"` });
        return z.NEVER;
      }
      return normalised;
    });

const text = (fallback?: string) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? fallback : value.trim()));

const flag = (name: string, fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return fallback;
      const normalised = value.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(normalised)) return true;
      if (['0', 'false', 'no', 'off'].includes(normalised)) return false;
      context.addIssue({ code: 'custom', message: `${name} must be true or false, got "${value}"` });
      return z.NEVER;
    });

const EnvSchema = z.object({
  PORT: integer('PORT', 0, 65535, 3000),
  HOST: text('0.0.0.0'),
  CORPUS_DIR: text('corpus'),
  INDEX_DIR: text('index'),
  PROMPTS_DIR: text('prompts'),
  DATA_DIR: text('data'),
  AUTO_INGEST: flag('AUTO_INGEST', true),
  EMBEDDINGS: choice('EMBEDDINGS', ['local', 'openai'] as const, 'local'),
  ANSWER_MODE: choice('ANSWER_MODE', ['auto', 'extractive', 'llm'] as const, 'auto'),
  OPENAI_API_KEY: text(),
  OPENAI_BASE_URL: text(),
  OPENAI_MODEL: text('gpt-4o-mini'),
  OPENAI_EMBEDDINGS_MODEL: text('text-embedding-3-small'),
  LLM_TIMEOUT_MS: integer('LLM_TIMEOUT_MS', 100, 600_000, 20_000),
  LLM_TEMPERATURE: z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return 0;
      const parsed = Number(value);
      if (!Number.isFinite(parsed) || parsed < 0 || parsed > 2) {
        context.addIssue({ code: 'custom', message: `LLM_TEMPERATURE must be a number 0-2, got "${value}"` });
        return z.NEVER;
      }
      return parsed;
    }),
  TOP_K: integer('TOP_K', 1, 20, 5),
  // 0: each format's own limit (see DEFAULT_MAX_FILE_BYTES in src/corpus/load-corpus.ts).
  CORPUS_MAX_FILE_BYTES: integer('CORPUS_MAX_FILE_BYTES', 0, 2 ** 31, 0),
  CHUNK_SIZE: integer('CHUNK_SIZE', 100, 4000, 500),
  CHUNK_OVERLAP: integer('CHUNK_OVERLAP', 0, 5, 0),
  HNSW_M: integer('HNSW_M', 4, 128, 16),
  HNSW_EF_CONSTRUCTION: integer('HNSW_EF_CONSTRUCTION', 10, 2000, 200),
  HNSW_EF_SEARCH: integer('HNSW_EF_SEARCH', 10, 5000, 100),
  BODY_LIMIT: text('64kb'),
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((value, context) => {
      const origins = (value ?? '')
        .split(',')
        .map((origin) => origin.trim().replace(/\/$/, ''))
        .filter(Boolean);
      const invalid = origins.filter((origin) => origin !== '*' && !/^https?:\/\/[^/\s?#]+$/.test(origin));
      if (invalid.length > 0) {
        context.addIssue({
          code: 'custom',
          message: `CORS_ORIGINS must be a comma-separated list of origins like https://example.org (or *), got "${invalid.join(', ')}"`,
        });
        return z.NEVER;
      }
      return origins;
    }),
  // Production hardening (issue 5): limits, access, timeouts, logs.
  RATE_LIMIT_PER_MINUTE: integer('RATE_LIMIT_PER_MINUTE', 0, 1_000_000, 60),
  API_KEYS: text(),
  REQUEST_TIMEOUT_MS: integer('REQUEST_TIMEOUT_MS', 1000, 600_000, 30_000),
  LLM_MAX_CONCURRENCY: integer('LLM_MAX_CONCURRENCY', 1, 1000, 4),
  LLM_QUEUE_SIZE: integer('LLM_QUEUE_SIZE', 0, 100_000, 32),
  LOG_LEVEL: choice('LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, 'info'),
  LOG_QUESTIONS: flag('LOG_QUESTIONS', false),
  SHUTDOWN_GRACE_MS: integer('SHUTDOWN_GRACE_MS', 0, 600_000, 10_000),
  INDEX_WATCH: flag('INDEX_WATCH', false),
  WORKERS: z
    .string()
    .optional()
    .transform((value, context): number | 'auto' => {
      if (value === undefined || value.trim() === '') return 1;
      if (value.trim().toLowerCase() === 'auto') return 'auto';
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < 1 || parsed > 256) {
        context.addIssue({ code: 'custom', message: `WORKERS must be "auto" or an integer 1-256, got "${value}"` });
        return z.NEVER;
      }
      return parsed;
    }),
  ANSWER_CACHE_SIZE: integer('ANSWER_CACHE_SIZE', 0, 1_000_000, 1000),
  // The index in PostgreSQL + pgvector, shared by replicas (issue 13; README "Scale out with PostgreSQL").
  INDEX_STORE: choice('INDEX_STORE', ['file', 'postgres'] as const, 'file'),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return undefined;
      const url = value.trim();
      if (!/^postgres(ql)?:\/\/[^\s]+$/.test(url)) {
        // The URL may hold a password: name its scheme only.
        context.addIssue({ code: 'custom', message: `DATABASE_URL must be a postgres:// or postgresql:// URL, got scheme "${url.split(':')[0]}"` });
        return z.NEVER;
      }
      return url;
    }),
  DB_POOL_SIZE: integer('DB_POOL_SIZE', 1, 1000, 10),
  DB_STATEMENT_TIMEOUT_MS: integer('DB_STATEMENT_TIMEOUT_MS', 100, 600_000, 5000),
  DB_CONNECT_TIMEOUT_MS: integer('DB_CONNECT_TIMEOUT_MS', 100, 60_000, 3000),
  BUILD_GRACE_SECONDS: integer('BUILD_GRACE_SECONDS', 0, 7 * 24 * 3600, 300),
  DB_PORT: integer('DB_PORT', 0, 65535, 5433),
  DB_DIR: text('data/pg'),
});

export type AnswerModeSetting = 'auto' | 'extractive' | 'llm';

export interface Config {
  port: number;
  host: string;
  corpusDir: string;
  indexDir: string;
  promptsDir: string;
  /** Where durable runtime data lives (the feedback database). */
  dataDir: string;
  autoIngest: boolean;
  embeddings: 'local' | 'openai';
  answerMode: AnswerModeSetting;
  openai: {
    apiKey: string | undefined;
    baseUrl: string | undefined;
    model: string;
    embeddingsModel: string;
    timeoutMs: number;
    temperature: number;
  };
  retrieval: { topK: number };
  chunking: { chunkSize: number; overlapSentences: number };
  /** Files larger than `maxFileBytes` are skipped and named; undefined: each format's own limit. */
  corpus: { maxFileBytes?: number };
  hnsw: { m: number; efConstruction: number; efSearch: number };
  bodyLimit: string;
  /** Origins allowed to call `/api/*` from a browser (the embeddable widget); empty means same-origin only. */
  corsOrigins: string[];
  hardening: HardeningSettings;
  /** Server processes (`node:cluster`): 1 (default), a number, or `auto` for one per core. */
  workers: number | 'auto';
  /** Answers remembered per process for repeated questions; 0 disables the cache. */
  answerCacheSize: number;
  /** Where builds of the index live: `file` (index/, hnswlib; the default) or `postgres` (shared by replicas). */
  indexStore: 'file' | 'postgres';
  postgres: PostgresSettings;
  /** `npm run db`: the development database (PGlite + pgvector on the Postgres wire protocol). */
  devDatabase: { port: number; dir: string };
}

/** The Postgres index store (README "Scale out with PostgreSQL"). */
export interface PostgresSettings {
  /** Required when `indexStore` is `postgres`. */
  url: string | undefined;
  /** Connections per process (each server process has its own pool). */
  poolSize: number;
  /** Longest a statement may run before the database cancels it (and the read fails as `index_unavailable`). */
  statementTimeoutMs: number;
  /** Longest to wait for a connection, so a database that is down fails a request instead of hanging it. */
  connectTimeoutMs: number;
  /** How long a replaced build stays readable, so a server still answering from it finishes its requests. */
  buildGraceSeconds: number;
}

/** Limits, access control and logging of the HTTP server (see README "Production hardening"). */
export interface HardeningSettings {
  /** Requests per client (API key, else IP) per minute on `/api/*`; 0 disables the limit. */
  rateLimitPerMinute: number;
  /** When non-empty, `/api/*` requires `Authorization: Bearer <one of these>`. */
  apiKeys: string[];
  requestTimeoutMs: number;
  llmMaxConcurrency: number;
  llmQueueSize: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  logQuestions: boolean;
  shutdownGraceMs: number;
  /** Reload the index when `npm run ingest` commits a new build (SIGHUP always reloads). */
  indexWatch: boolean;
}

/** Time kept back from the request timeout so a timed-out language model still leaves room for the extractive answer. */
const FALLBACK_BUDGET_MS = 1000;

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** Reads the environment once; throws an `AppError` listing every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const messages = parsed.error.issues.map((issue) => issue.message);
    throw new AppError('config_invalid', `Invalid configuration: ${messages.join('; ')}`);
  }
  const values = parsed.data;
  if (values.INDEX_STORE === 'postgres' && !values.DATABASE_URL) {
    throw new AppError(
      'config_invalid',
      'Invalid configuration: INDEX_STORE=postgres needs DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5433/postgres?sslmode=disable from `npm run db`)',
    );
  }
  const resolve = (dir: string | undefined) => path.resolve(cwd, dir ?? '.');
  return {
    port: values.PORT,
    host: values.HOST ?? '0.0.0.0',
    corpusDir: resolve(values.CORPUS_DIR),
    indexDir: resolve(values.INDEX_DIR),
    promptsDir: resolve(values.PROMPTS_DIR),
    dataDir: resolve(values.DATA_DIR),
    autoIngest: values.AUTO_INGEST,
    embeddings: values.EMBEDDINGS,
    answerMode: values.ANSWER_MODE,
    openai: {
      apiKey: values.OPENAI_API_KEY,
      baseUrl: values.OPENAI_BASE_URL,
      model: values.OPENAI_MODEL ?? 'gpt-4o-mini',
      embeddingsModel: values.OPENAI_EMBEDDINGS_MODEL ?? 'text-embedding-3-small',
      timeoutMs: Math.max(100, Math.min(values.LLM_TIMEOUT_MS, values.REQUEST_TIMEOUT_MS - FALLBACK_BUDGET_MS)),
      temperature: values.LLM_TEMPERATURE,
    },
    retrieval: { topK: values.TOP_K },
    chunking: { chunkSize: values.CHUNK_SIZE, overlapSentences: values.CHUNK_OVERLAP },
    corpus: values.CORPUS_MAX_FILE_BYTES > 0 ? { maxFileBytes: values.CORPUS_MAX_FILE_BYTES } : {},
    hnsw: { m: values.HNSW_M, efConstruction: values.HNSW_EF_CONSTRUCTION, efSearch: values.HNSW_EF_SEARCH },
    bodyLimit: values.BODY_LIMIT ?? '64kb',
    corsOrigins: values.CORS_ORIGINS,
    hardening: {
      rateLimitPerMinute: values.RATE_LIMIT_PER_MINUTE,
      apiKeys: list(values.API_KEYS),
      requestTimeoutMs: values.REQUEST_TIMEOUT_MS,
      llmMaxConcurrency: values.LLM_MAX_CONCURRENCY,
      llmQueueSize: values.LLM_QUEUE_SIZE,
      logLevel: values.LOG_LEVEL,
      logQuestions: values.LOG_QUESTIONS,
      shutdownGraceMs: values.SHUTDOWN_GRACE_MS,
      indexWatch: values.INDEX_WATCH,
    },
    workers: values.WORKERS,
    answerCacheSize: values.ANSWER_CACHE_SIZE,
    indexStore: values.INDEX_STORE,
    postgres: {
      url: values.DATABASE_URL,
      poolSize: values.DB_POOL_SIZE,
      statementTimeoutMs: values.DB_STATEMENT_TIMEOUT_MS,
      connectTimeoutMs: values.DB_CONNECT_TIMEOUT_MS,
      buildGraceSeconds: values.BUILD_GRACE_SECONDS,
    },
    devDatabase: { port: values.DB_PORT, dir: resolve(values.DB_DIR) },
  };
}

/** The language model is used when asked for, or in `auto` mode when a key or a base URL is configured. */
export function llmEnabled(config: Config): boolean {
  if (config.answerMode === 'extractive') return false;
  if (config.answerMode === 'llm') return true;
  return Boolean(config.openai.apiKey || config.openai.baseUrl);
}
