import { Router } from 'express';
import { AppError } from '../../errors.js';
import type { IndexHandle } from '../process/index-handle.js';

/** `GET /api/sources` (the documents and their sections) and `GET /api/sources/:sourceId` (one document's clean text). */
export function sourcesRouter(options: { index: IndexHandle }): Router {
  const router = Router();
  router.get('/api/sources/:sourceId', (request, response) => {
    const document = options.index.get().documents.get(request.params.sourceId);
    if (!document) throw new AppError('not_found', `There is no source with id "${request.params.sourceId}".`);
    response.json({
      id: document.id,
      title: document.title,
      ...(document.url ? { url: document.url } : {}),
      text: document.text,
      sections: document.sections.map((section) => ({ title: section.title, level: section.level, start: section.start, end: section.end })),
      references: document.references,
    });
  });

  router.get('/api/sources', (_request, response) => {
    const index = options.index.get();
    response.json({
      sources: [...index.documents.values()].map((document) => ({
        id: document.id,
        title: document.title,
        ...(document.url ? { url: document.url } : {}),
        sections: document.sections.filter((section) => section.level >= 1).map((section) => section.title),
      })),
    });
  });
  return router;
}
