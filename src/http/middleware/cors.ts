import type { RequestHandler } from 'express';

export interface CorsOptions {
  /** Origins allowed to call the API from a browser (`https://example.org`), or `*` for any. Empty: same-origin only. */
  allowedOrigins: readonly string[];
}

/** How long a browser may cache a preflight answer; ten minutes keeps a chatty widget from preflighting every turn. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * CORS for `/api/*`, so the embeddable widget can call the API from another site. Only listed origins get the
 * headers; for any other origin the browser blocks the response, as it does without this middleware. Preflight
 * requests are answered here with 204.
 */
export function corsMiddleware(options: CorsOptions): RequestHandler {
  const anyOrigin = options.allowedOrigins.includes('*');
  const allowed = new Set(options.allowedOrigins);
  return (request, response, next) => {
    response.vary('Origin');
    const origin = request.headers.origin;
    const permitted = origin !== undefined && (anyOrigin || allowed.has(origin));
    if (permitted) {
      response.setHeader('Access-Control-Allow-Origin', anyOrigin ? '*' : origin);
      response.setHeader('Access-Control-Expose-Headers', 'X-Request-Id, Retry-After, RateLimit, RateLimit-Policy');
    }
    if (request.method === 'OPTIONS') {
      if (permitted) {
        response.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
        response.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization, X-Request-Id');
        response.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS));
      }
      response.status(204).end();
      return;
    }
    next();
  };
}
