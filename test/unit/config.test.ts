import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { llmEnabled, loadConfig, type Config } from '../../src/config.js';
import { expectAppErrorSync } from '../helpers/expect-app-error.js';

const CWD = path.resolve('/srv/app');

describe('loadConfig', () => {
  it('has working offline defaults with an empty environment (no API key needed)', () => {
    const config = loadConfig({}, CWD);
    expect(config).toEqual({
      port: 3000,
      host: '0.0.0.0',
      corpusDir: path.join(CWD, 'corpus'),
      indexDir: path.join(CWD, 'index'),
      promptsDir: path.join(CWD, 'prompts'),
      dataDir: path.join(CWD, 'data'),
      autoIngest: true,
      embeddings: 'local',
      answerMode: 'auto',
      openai: {
        apiKey: undefined,
        baseUrl: undefined,
        model: 'gpt-4o-mini',
        embeddingsModel: 'text-embedding-3-small',
        timeoutMs: 20_000,
        temperature: 0,
      },
      retrieval: { topK: 5 },
      chunking: { chunkSize: 500, overlapSentences: 0 },
      corpus: {},
      hnsw: { m: 16, efConstruction: 200, efSearch: 100 },
      bodyLimit: '64kb',
      corsOrigins: [],
      workers: 1,
      answerCacheSize: 1000,
      indexStore: 'file',
      postgres: { url: undefined, poolSize: 10, statementTimeoutMs: 5000, connectTimeoutMs: 3000, buildGraceSeconds: 300 },
      devDatabase: { port: 5433, dir: path.join(CWD, 'data/pg') },
      hardening: {
        rateLimitPerMinute: 60,
        apiKeys: [],
        requestTimeoutMs: 30_000,
        llmMaxConcurrency: 4,
        llmQueueSize: 32,
        logLevel: 'info',
        logQuestions: false,
        shutdownGraceMs: 10_000,
        indexWatch: false,
      },
    } satisfies Config);
  });

  it('treats empty or blank values as unset', () => {
    expect(loadConfig({ PORT: '', TOP_K: '  ', EMBEDDINGS: '', OPENAI_API_KEY: ' ' }, CWD)).toEqual(loadConfig({}, CWD));
  });

  it('reads and trims every kind of value', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: ' 127.0.0.1 ',
        CORPUS_DIR: 'data/docs',
        INDEX_DIR: '/var/index',
        AUTO_INGEST: 'off',
        EMBEDDINGS: 'OpenAI',
        ANSWER_MODE: ' LLM ',
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
        LLM_TIMEOUT_MS: '5000',
        LLM_TEMPERATURE: '0.7',
        TOP_K: '8',
        CHUNK_SIZE: '900',
        CHUNK_OVERLAP: '1',
        HNSW_EF_SEARCH: '250',
      },
      CWD,
    );
    expect(config.port).toBe(8080);
    expect(config.host).toBe('127.0.0.1');
    expect(config.corpusDir).toBe(path.join(CWD, 'data/docs'));
    expect(config.indexDir).toBe(path.resolve('/var/index'));
    expect(config.autoIngest).toBe(false);
    expect(config.embeddings).toBe('openai');
    expect(config.answerMode).toBe('llm');
    expect(config.openai).toMatchObject({ apiKey: 'sk-test', baseUrl: 'http://127.0.0.1:11434/v1', timeoutMs: 5000, temperature: 0.7 });
    expect(config.retrieval.topK).toBe(8);
    expect(config.chunking).toEqual({ chunkSize: 900, overlapSentences: 1 });
    expect(config.hnsw.efSearch).toBe(250);
  });

  it('accepts PORT=0 (any free port, as tests use)', () => {
    expect(loadConfig({ PORT: '0' }, CWD).port).toBe(0);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '80.5'],
    ['TOP_K', '0'],
    ['TOP_K', '21'],
    ['CHUNK_SIZE', '10'],
    ['LLM_TEMPERATURE', '3'],
    ['AUTO_INGEST', 'maybe'],
    ['EMBEDDINGS', 'word2vec'],
    ['ANSWER_MODE', 'magic'],
    ['INDEX_STORE', 'mongodb'],
    ['DB_POOL_SIZE', '0'],
    ['DB_STATEMENT_TIMEOUT_MS', '10'],
  ])('rejects %s=%j with config_invalid, naming the variable and the value', (name, value) => {
    const error = expectAppErrorSync(() => loadConfig({ [name]: value }, CWD), 'config_invalid');
    expect(error.message).toContain(name);
    expect(error.message).toContain(`"${value}"`);
  });

  it('PORT=abc says what a valid PORT is', () => {
    const error = expectAppErrorSync(() => loadConfig({ PORT: 'abc' }, CWD), 'config_invalid');
    expect(error.message).toMatch(/PORT must be an integer 0-65535, got "abc"/);
  });

  it('lists every invalid variable at once', () => {
    const error = expectAppErrorSync(() => loadConfig({ PORT: 'abc', TOP_K: 'many' }, CWD), 'config_invalid');
    expect(error.message).toContain('PORT');
    expect(error.message).toContain('TOP_K');
  });

  it('reads the Postgres store settings, and needs DATABASE_URL only with INDEX_STORE=postgres', () => {
    const url = 'postgres://postgres@127.0.0.1:5433/postgres?sslmode=disable';
    const config = loadConfig({ INDEX_STORE: 'postgres', DATABASE_URL: url, DB_POOL_SIZE: '4', BUILD_GRACE_SECONDS: '0', DB_DIR: 'tmp/pg' }, CWD);
    expect(config.indexStore).toBe('postgres');
    expect(config.postgres).toMatchObject({ url, poolSize: 4, buildGraceSeconds: 0 });
    expect(config.devDatabase.dir).toBe(path.join(CWD, 'tmp/pg'));
    expect(expectAppErrorSync(() => loadConfig({ INDEX_STORE: 'postgres' }, CWD), 'config_invalid').message).toContain('DATABASE_URL');
  });

  it('rejects a DATABASE_URL that is not a postgres URL without echoing it whole (it may hold a password)', () => {
    const error = expectAppErrorSync(() => loadConfig({ DATABASE_URL: 'mysql://user:secret@host/db' }, CWD), 'config_invalid');
    expect(error.message).toContain('DATABASE_URL');
    expect(error.message).not.toContain('secret');
  });

  it('ignores unrelated environment variables', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/root', npm_config_x: '1' }, CWD)).toEqual(loadConfig({}, CWD));
  });
});

describe('llmEnabled', () => {
  it.each([
    ['auto', {}, false],
    ['auto', { OPENAI_API_KEY: 'sk-test' }, true],
    ['auto', { OPENAI_BASE_URL: 'http://127.0.0.1:9999/v1' }, true],
    ['extractive', { OPENAI_API_KEY: 'sk-test' }, false],
    ['llm', {}, true],
  ] as const)('ANSWER_MODE=%s with %j → %s', (mode, env, expected) => {
    expect(llmEnabled(loadConfig({ ANSWER_MODE: mode, ...env }, CWD))).toBe(expected);
  });
});

describe('CORPUS_MAX_FILE_BYTES', () => {
  it('is each format’s own limit when unset or 0, one limit for every file otherwise, and refused when not a size', () => {
    expect(loadConfig({}, CWD).corpus).toEqual({});
    expect(loadConfig({ CORPUS_MAX_FILE_BYTES: '0' }, CWD).corpus).toEqual({});
    expect(loadConfig({ CORPUS_MAX_FILE_BYTES: '1048576' }, CWD).corpus).toEqual({ maxFileBytes: 1048576 });
    expect(() => loadConfig({ CORPUS_MAX_FILE_BYTES: 'ten' }, CWD)).toThrow(/CORPUS_MAX_FILE_BYTES/);
  });
});
