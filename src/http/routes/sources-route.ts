import { Router } from 'express';
import { AppError } from '../../errors.js';
import type { IndexHandle } from '../process/index-handle.js';

/** `GET /api/sources` (the documents and their sections) and `GET /api/sources/:sourceId` (one document's clean text). */
export function sourcesRouter(options: { index: IndexHandle }): Router {
  const router = Router();
  router.get('/api/sources/:sourceId', async (request, response) => {
    const document = (await options.index.get().documents([request.params.sourceId])).get(request.params.sourceId);
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

  router.get('/api/sources', async (_request, response) => {
    const summaries = await options.index.get().documentSummaries();
    response.json({
      sources: summaries.map((summary) => ({
        id: summary.id,
        title: summary.title,
        ...(summary.url ? { url: summary.url } : {}),
        sections: summary.sectionTitles,
      })),
    });
  });
  return router;
}
