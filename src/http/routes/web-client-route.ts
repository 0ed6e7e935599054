import path from 'node:path';
import express, { type RequestHandler } from 'express';

/** The chat page, its modules and `widget.js`: plain files, no build step. */
export const PUBLIC_DIR = path.resolve(import.meta.dirname, '../../../public');

/**
 * Serves `public/` with `/` → `index.html`. The files are public, so any origin may load them: the widget on another
 * site imports the chat modules from here, and cross-origin module scripts need `Access-Control-Allow-Origin`.
 * `no-cache` makes browsers revalidate, so a deploy is seen at once (ETags keep that cheap).
 */
export function serveWebClient(options: { publicDir?: string } = {}): RequestHandler {
  return express.static(options.publicDir ?? PUBLIC_DIR, {
    index: 'index.html',
    setHeaders(response) {
      response.setHeader('Access-Control-Allow-Origin', '*');
      response.setHeader('Cache-Control', 'no-cache');
    },
  });
}
