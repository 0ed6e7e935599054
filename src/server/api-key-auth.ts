import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Requires `Authorization: Bearer <key>` with one of `apiKeys`. Keys are compared as SHA-256 digests with
 * `timingSafeEqual` (equal lengths whatever the input) against every configured key, without stopping at a match, so
 * the response time says nothing about how much of a key was right. The matched key's short fingerprint becomes
 * `response.locals.clientId`, which the rate limit counts by.
 */
export function apiKeyAuth(options: { apiKeys: string[] }): RequestHandler {
  const keys = options.apiKeys.map((key) => ({ digest: digest(key), fingerprint: digest(key).toString('hex').slice(0, 12) }));
  return (request, response, next) => {
    // CORS preflights carry no credentials by design; the cors middleware has answered them already.
    if (request.method === 'OPTIONS') {
      next();
      return;
    }
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header) : null;
    response.setHeader('WWW-Authenticate', 'Bearer');
    if (!match) {
      next(new AppError('unauthorized', 'This API needs an API key: send the header Authorization: Bearer <key>.'));
      return;
    }
    const presented = digest(match[1]!);
    let matched: string | undefined;
    for (const key of keys) {
      if (timingSafeEqual(key.digest, presented)) matched = key.fingerprint;
    }
    if (!matched) {
      next(new AppError('unauthorized', 'The API key is not valid.'));
      return;
    }
    response.removeHeader('WWW-Authenticate');
    response.locals.clientId = `key:${matched}`;
    next();
  };
}
