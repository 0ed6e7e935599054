import express from 'express';
import { LOCAL_EMBEDDER_DIMENSION, LocalUseEmbeddings } from '../src/embeddings/local-use-embeddings.js';
import { currentBuildDir } from '../src/store/index-files.js';
import { createBaselineApp, BaselineHnswStore } from './langchain-baseline.js';

/**
 * Child process for the HTTP benchmarks, printing `{"port":…}` once listening on 127.0.0.1:
 * - `fixed`: an Express endpoint that parses the JSON body and returns a fixed answer-shaped body (the ceiling);
 * - `baseline <indexDir>`: the LangChain-style top-chunk answerer over the same index and encoder, no query cache.
 */
const FIXED_ANSWER = {
  answer: 'IOM was initially established in 1951 as the Intergovernmental Committee for European Migration (ICEM). [1]',
  grounded: true,
  mode: 'extractive',
  citations: [
    {
      n: 1,
      sourceId: 'international-organization-for-migration',
      title: 'International Organization for Migration',
      section: 'History',
      quote:
        'It was initially established in 1951 as the Intergovernmental Committee for European Migration (ICEM) to help resettle people displaced by World War II.',
      start: 2412,
      end: 2563,
      url: 'https://en.wikipedia.org/wiki/International_Organization_for_Migration',
      chunkId: 'international-organization-for-migration#7',
    },
  ],
};

async function main(): Promise<void> {
  const [mode, indexDir] = process.argv.slice(2);
  let app: express.Express;
  if (mode === 'fixed') {
    app = express();
    app.use(express.json());
    app.post('/api/ask', (_request, response) => {
      response.json(FIXED_ANSWER);
    });
  } else if (mode === 'baseline' && indexDir) {
    const buildDir = await currentBuildDir(indexDir);
    if (!buildDir) throw new Error(`no index in ${indexDir}`);
    // queryCacheSize 0: LangChain's Embeddings do not cache queries.
    const embeddings = new LocalUseEmbeddings({ queryCacheSize: 0 });
    await embeddings.embedQuery('warm up the encoder');
    app = createBaselineApp(await BaselineHnswStore.load(buildDir, embeddings, LOCAL_EMBEDDER_DIMENSION));
  } else {
    throw new Error('usage: bench-server.ts fixed | baseline <indexDir>');
  }
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
