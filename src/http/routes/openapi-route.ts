import { Router } from 'express';
import { buildOpenApiDocument, type JsonObject } from '../openapi/build-openapi-document.js';
import { renderDocsPage } from '../openapi/render-docs-page.js';

/** `GET /openapi.json` and `GET /docs`, built once from the route table on first request. */
export function openApiRouter(): Router {
  const router = Router();
  let document: JsonObject | undefined;
  let page: string | undefined;
  const current = () => (document ??= buildOpenApiDocument());
  router.get('/openapi.json', (_request, response) => {
    response.json(current());
  });
  router.get('/docs', (_request, response) => {
    page ??= renderDocsPage(current());
    response.type('html').send(page);
  });
  return router;
}
