import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from '../../errors.js';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * API-key access in two steps, so the rate limit can sit between them and count failed attempts by IP:
 * `identify` recognises `Authorization: Bearer <key>` and sets `response.locals.clientId` to the key's short
 * fingerprint; `require` then refuses, with `401` JSON, a request that was not identified.
 *
 * Keys are compared as SHA-256 digests with `timingSafeEqual` (equal lengths whatever the input) against every
 * configured key without stopping at a match, so the response time says nothing about how much of a key was right.
 */
export function apiKeyAuth(options: { apiKeys: string[] }): { identify: RequestHandler; require: RequestHandler } {
  const keys = options.apiKeys.map((key) => ({ digest: digest(key), fingerprint: digest(key).toString('hex').slice(0, 12) }));
  return {
    identify(request, response, next) {
      const header = request.headers.authorization;
      const match = typeof header === 'string' ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header) : null;
      if (match) {
        const presented = digest(match[1]!);
        let matched: string | undefined;
        for (const key of keys) {
          if (timingSafeEqual(key.digest, presented)) matched = key.fingerprint;
        }
        if (matched) response.locals.clientId = `key:${matched}`;
        else response.locals.authProblem = 'The API key is not valid.';
      }
      next();
    },
    require(request, response, next) {
      // CORS preflights carry no credentials by design; the cors middleware has answered them already.
      if (request.method === 'OPTIONS' || typeof response.locals.clientId === 'string') {
        next();
        return;
      }
      response.setHeader('WWW-Authenticate', 'Bearer');
      const problem =
        typeof response.locals.authProblem === 'string'
          ? response.locals.authProblem
          : 'This API needs an API key: send the header Authorization: Bearer <key>.';
      next(new AppError('unauthorized', problem));
    },
  };
}
