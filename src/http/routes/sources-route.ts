import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Router } from 'express';
import { documentBytes, fileFormat } from '../../corpus/file-format.js';
import { DEFAULT_MAX_FILE_BYTES } from '../../corpus/load-corpus.js';
import { AppError } from '../../errors.js';
import type { IndexHandle } from '../process/index-handle.js';

/** The files whose original the viewer offers beside the clean text: formats a browser opens on its own, or saves. */
const ORIGINAL_TYPES: Partial<Record<string, string>> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  epub: 'application/epub+zip',
};

/** The largest compressed original decompressed to serve: the loader's limit for a PDF, Word or EPUB file. */
const MAX_ORIGINAL_BYTES = DEFAULT_MAX_FILE_BYTES.binary;

const originalType = (file: string) => {
  const format = fileFormat(file);
  return format && ORIGINAL_TYPES[format.format];
};

/**
 * `GET /api/sources` (the documents and their sections), `GET /api/sources/:sourceId` (one document's clean text,
 * with its pages for a PDF) and `GET /api/sources/:sourceId/original` (a PDF, Word or EPUB file itself, from the corpus
 * folder, so a reader can check a citation in the original: `#page=N` opens a PDF on the cited page).
 */
export function sourcesRouter(options: { index: IndexHandle; corpusDir?: string }): Router {
  const router = Router();
  const noSource = (sourceId: string) => new AppError('not_found', `There is no source with id "${sourceId}".`);
  const find = async (sourceId: string) => {
    const document = (await options.index.get().documents([sourceId])).get(sourceId);
    if (!document) throw noSource(sourceId);
    return document;
  };
  // The manifest names every document's file: all the original needs, without reading the document's clean text.
  const findFile = (sourceId: string) => {
    const entry = options.index.get().manifest.documents.find((document) => document.id === sourceId);
    if (!entry) throw noSource(sourceId);
    return entry;
  };

  router.get('/api/sources/:sourceId', async (request, response) => {
    const document = await find(request.params.sourceId);
    const contentType = originalType(document.file);
    response.json({
      id: document.id,
      title: document.title,
      ...(document.url ? { url: document.url } : {}),
      text: document.text,
      sections: document.sections.map((section) => ({ title: section.title, level: section.level, start: section.start, end: section.end })),
      references: document.references,
      ...(document.pages ? { pages: document.pages.map((page) => ({ number: page.number, start: page.start, end: page.end })) } : {}),
      ...(contentType ? { original: { url: `/api/sources/${encodeURIComponent(document.id)}/original`, contentType } } : {}),
    });
  });

  router.get('/api/sources/:sourceId/original', async (request, response) => {
    const document = findFile(request.params.sourceId);
    const contentType = originalType(document.file);
    if (!contentType) throw new AppError('not_found', `"${document.id}" is served as text only; its original is not a PDF, Word or EPUB file.`);
    const root = options.corpusDir;
    const file = root ? path.resolve(root, document.file) : undefined;
    // The path comes from the index; it must still lie inside the corpus folder this server was given.
    if (!root || !file || path.relative(root, file).startsWith('..') || path.isAbsolute(path.relative(root, file))) {
      throw new AppError('not_found', `The original of "${document.id}" is not available on this server (its corpus folder is not here).`);
    }
    // A compressed original (`report.pdf.gz`) is served as the document it holds, under that document's name.
    const format = fileFormat(document.file)!;
    const name = path.basename(document.file).slice(0, format.compressed ? -3 : undefined);
    const missing = () => new AppError('not_found', `The original of "${document.id}" is no longer in the corpus folder.`);
    const serveAs = () => {
      response.type(contentType);
      response.setHeader('Content-Disposition', `inline; filename="${name.replace(/["\\\r\n]/g, '_')}"`);
    };
    if (format.compressed) {
      // Decompressed before any header is set, so a file gone or no longer valid gzip gets a JSON error, not a "PDF".
      let bytes: Buffer;
      try {
        bytes = documentBytes(await readFile(file), format, MAX_ORIGINAL_BYTES);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw missing();
        throw new AppError('not_found', `The original of "${document.id}" can no longer be decompressed (${(error as Error).message}).`);
      }
      serveAs();
      response.send(bytes);
      return;
    }
    serveAs();
    await new Promise<void>((resolve, reject) =>
      response.sendFile(file, { dotfiles: 'deny' }, (error) => {
        if (!error) return resolve();
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') reject(missing());
        else reject(error);
      }),
    );
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
