import { Router } from 'express';
import type { Metrics } from '../observability/metrics.js';

/** `GET /metrics`: the Prometheus text exposition of this process's registry. */
export function metricsRouter(options: { metrics: Metrics }): Router {
  const router = Router();
  router.get('/metrics', async (_request, response) => {
    response.setHeader('Content-Type', options.metrics.registry.contentType);
    response.send(await options.metrics.registry.metrics());
  });
  return router;
}
