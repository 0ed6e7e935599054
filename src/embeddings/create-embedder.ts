import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { Embedder } from './embedder.js';
import { LOCAL_EMBEDDER_DIMENSION, LOCAL_EMBEDDER_ID, LocalUseEmbeddings } from './local-use-embeddings.js';

const OPENAI_DIMENSIONS: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

/**
 * The embedder chosen by config. The OpenAI one is imported lazily, so the offline default never loads it nor asks
 * for a key. An unknown OpenAI-compatible model's dimension is measured with one call.
 */
export async function createEmbedder(config: Pick<Config, 'embeddings' | 'openai'>): Promise<Embedder> {
  if (config.embeddings === 'local') {
    return { id: LOCAL_EMBEDDER_ID, dimension: LOCAL_EMBEDDER_DIMENSION, embeddings: new LocalUseEmbeddings() };
  }
  const { apiKey, baseUrl, embeddingsModel } = config.openai;
  if (!apiKey && !baseUrl) {
    throw new AppError('config_invalid', 'EMBEDDINGS=openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server).');
  }
  const { OpenAIEmbeddings } = await import('@langchain/openai');
  const embeddings = new OpenAIEmbeddings({
    model: embeddingsModel,
    apiKey: apiKey ?? 'not-needed',
    maxRetries: 1,
    ...(baseUrl ? { configuration: { baseURL: baseUrl } } : {}),
  });
  const dimension = OPENAI_DIMENSIONS[embeddingsModel] ?? (await embeddings.embedQuery('dimension probe')).length;
  return { id: `openai:${embeddingsModel}${baseUrl ? `@${baseUrl}` : ''}`, dimension, embeddings };
}
