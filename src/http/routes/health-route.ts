import { Router } from 'express';
import type { IndexHandle } from '../process/index-handle.js';
import { errorBody } from '../wire/error-body.js';

/** `GET /healthz`: readiness, 200 with the loaded build once the index is there, 503 with the reason until then. */
export function healthRouter(options: { index: IndexHandle }): Router {
  const router = Router();
  router.get('/healthz', async (_request, response) => {
    const problem = await options.index.check();
    if (problem) {
      response.status(503).json({ status: 'unavailable', ...errorBody(problem) });
      return;
    }
    const { manifest } = options.index.get();
    response.json({
      status: 'ok',
      index: {
        buildId: manifest.buildId,
        builtAt: manifest.builtAt,
        documents: manifest.counts.documents,
        chunks: manifest.counts.chunks,
        embedder: manifest.embedder.id,
      },
    });
  });
  return router;
}
