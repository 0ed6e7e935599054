import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { AppError } from '../../errors.js';

/** The limit counts per minute: short enough that a burst is forgiven soon, long enough to stop a loop. */
const WINDOW_MS = 60_000;

/**
 * Per-client rate limit: `limitPerMinute` requests per client, where a client is its API key when keys are in use,
 * else its IP address (IPv6 grouped by /56 so one host cannot rotate addresses). Over the limit: `429` JSON with
 * `Retry-After` and the standard `RateLimit` headers. Counts live in memory: each replica limits on its own.
 */
export function perClientRateLimit(options: { limitPerMinute: number }): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: options.limitPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (request, response) => (typeof response.locals.clientId === 'string' ? response.locals.clientId : ipKeyGenerator(request.ip ?? 'unknown')),
    handler: (_request, _response, next) => {
      next(new AppError('rate_limited', 'Too many requests from this client; wait for the time in the Retry-After header, then try again.'));
    },
  });
}
