import type { RequestHandler } from 'express';
import cors, { type CorsOptions as CorsPolicy } from 'cors';

export interface CorsOptions {
  /** Origins allowed to call the API from a browser (`https://example.org`), or `*` for any. Empty: same-origin only. */
  allowedOrigins: readonly string[];
}

/** How long a browser may cache a preflight answer; ten minutes keeps a chatty widget from preflighting every turn. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** What a permitted origin is told; `origin` is filled in per request. */
const PERMITTED: CorsPolicy = {
  methods: 'GET, POST, OPTIONS',
  allowedHeaders: 'Content-Type, Authorization, X-Request-Id',
  exposedHeaders: 'X-Request-Id, Retry-After, RateLimit, RateLimit-Policy',
  maxAge: PREFLIGHT_MAX_AGE_SECONDS,
};

/**
 * An origin that is not listed gets no CORS header at all, so the browser blocks the response as it would without
 * CORS; a preflight is still answered (204) here rather than reaching the routes. An empty allow-list does that with
 * the `cors` package: it matches no origin and the empty lists write no header.
 */
const REFUSED: CorsPolicy = { origin: [], methods: [], allowedHeaders: [], exposedHeaders: [] };

/**
 * CORS for `/api/*` (the `cors` package), so the embeddable widget can call the API from another site. Only listed
 * origins get the headers; preflight requests are answered here with 204. `Vary: Origin` is always sent, since the
 * answer depends on the origin even when it is `*`-for-any (the package leaves it out then).
 */
export function corsMiddleware(options: CorsOptions): RequestHandler {
  const anyOrigin = options.allowedOrigins.includes('*');
  const allowed = new Set(options.allowedOrigins);
  const handler = cors((request, callback) => {
    const origin = request.headers.origin;
    const permitted = origin !== undefined && (anyOrigin || allowed.has(origin));
    callback(null, permitted ? { ...PERMITTED, origin: anyOrigin ? '*' : origin } : REFUSED);
  });
  return (request, response, next) => {
    response.vary('Origin');
    handler(request, response, next);
  };
}
