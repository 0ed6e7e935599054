import { llmEnabled, type Config } from '../config.js';
import { AppError } from '../errors.js';
import type { IndexReader } from '../store/index-reader.js';
import type { Answerer } from './answer-types.js';
import { createExtractiveAnswerer } from './extractive-answerer.js';
import { createLlmAnswerer } from './llm-answerer.js';
import { loadPrompts } from './prompts.js';

/**
 * The answerer chosen by config: extractive unless a language model is configured. `@langchain/openai` is imported
 * only when needed, and the key is resolved only then (the offline default never asks for it).
 */
export async function createAnswerer(
  config: Pick<Config, 'answerMode' | 'openai' | 'promptsDir'>,
  getIndex: () => IndexReader,
  onFallback?: (reason: string, error?: unknown) => void,
): Promise<Answerer> {
  if (!llmEnabled(config as Config)) return createExtractiveAnswerer(getIndex);
  const { apiKey, baseUrl, model, timeoutMs, temperature } = config.openai;
  if (!apiKey && !baseUrl)
    throw new AppError('config_invalid', 'ANSWER_MODE=llm needs OPENAI_API_KEY, or OPENAI_BASE_URL for a local OpenAI-compatible server.');
  const { ChatOpenAI } = await import('@langchain/openai');
  const chatModel = new ChatOpenAI({
    model,
    temperature,
    // Local servers (Ollama, llama.cpp, vLLM) accept any key.
    apiKey: apiKey ?? 'not-needed',
    maxRetries: 0,
    timeout: timeoutMs,
    ...(baseUrl ? { configuration: { baseURL: baseUrl } } : {}),
  });
  const prompts = await loadPrompts(config.promptsDir);
  return createLlmAnswerer({ getIndex, model: chatModel, prompts, timeoutMs, ...(onFallback ? { onFallback } : {}) });
}
