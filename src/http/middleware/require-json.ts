import type { RequestHandler } from 'express';
import { AppError } from '../../errors.js';

/** POSTs must declare JSON; checked before the body is read. */
export const requireJson: RequestHandler = (request, _response, next) => {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (request.method === 'POST' && !/^application\/([\w.-]+\+)?json$/.test(mediaType)) {
    next(new AppError('unsupported_media_type', 'Send the request body as JSON with Content-Type: application/json.'));
    return;
  }
  next();
};
