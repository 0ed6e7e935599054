import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('hardening configuration', () => {
  it('reads lists, limits and flags', () => {
    const { hardening } = loadConfig({
      API_KEYS: ' key-one, key-two ,,',
      RATE_LIMIT_PER_MINUTE: '0',
      LLM_MAX_CONCURRENCY: '2',
      LLM_QUEUE_SIZE: '0',
      LOG_QUESTIONS: 'yes',
      LOG_LEVEL: 'WARN',
      INDEX_WATCH: 'true',
    });
    expect(hardening).toMatchObject({
      apiKeys: ['key-one', 'key-two'],
      rateLimitPerMinute: 0,
      llmMaxConcurrency: 2,
      llmQueueSize: 0,
      logQuestions: true,
      logLevel: 'warn',
      indexWatch: true,
    });
  });

  it('keeps the model timeout a second inside the request timeout, so the extractive fallback fits', () => {
    expect(loadConfig({ REQUEST_TIMEOUT_MS: '5000', LLM_TIMEOUT_MS: '20000' }).openai.timeoutMs).toBe(4000);
    expect(loadConfig({ REQUEST_TIMEOUT_MS: '60000', LLM_TIMEOUT_MS: '20000' }).openai.timeoutMs).toBe(20_000);
  });

  it('names the variable when a value is invalid', () => {
    expect(() => loadConfig({ REQUEST_TIMEOUT_MS: '10' })).toThrow(/REQUEST_TIMEOUT_MS must be an integer/);
    expect(() => loadConfig({ LLM_MAX_CONCURRENCY: '0' })).toThrow(/LLM_MAX_CONCURRENCY/);
    expect(() => loadConfig({ LOG_QUESTIONS: 'maybe' })).toThrow(/LOG_QUESTIONS must be true or false/);
  });
});
