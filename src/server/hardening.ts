import type { Express } from 'express';
import { loadConfig, type HardeningSettings } from '../config.js';
import { apiKeyAuth } from './api-key-auth.js';
import type { Metrics } from './metrics.js';
import { perClientRateLimit } from './rate-limit.js';
import { requestTimeout } from './request-timeout.js';
import { securityHeaders } from './security-headers.js';

/**
 * Settings of an app built without them (tests, tools): the documented defaults, minus the rate limit, which is a
 * production decision taken in `loadConfig` for the real server.
 */
export function defaultHardening(): HardeningSettings {
  return { ...loadConfig({}).hardening, rateLimitPerMinute: 0 };
}

/** Every route that answers questions: the product API and the OpenAI-compatible one share keys and limits. */
export const PROTECTED_PREFIXES = ['/api', '/v1'];

/**
 * Mounts the protective middleware in order (after CORS, so preflights are answered before any check): security headers,
 * the request timeout, `GET /metrics`, then on `/api/*` and `/v1/*` the API-key check around the per-client rate limit.
 */
export function mountHardening(app: Express, options: { settings: HardeningSettings; metrics: Metrics; frameAncestors?: readonly string[] }): void {
  const { settings, metrics } = options;
  app.use(securityHeaders({ frameAncestors: options.frameAncestors ?? [] }));
  app.use(requestTimeout({ timeoutMs: settings.requestTimeoutMs }));
  app.get('/metrics', async (_request, response) => {
    response.setHeader('Content-Type', metrics.registry.contentType);
    response.send(await metrics.registry.metrics());
  });
  const auth = settings.apiKeys.length > 0 ? apiKeyAuth({ apiKeys: settings.apiKeys }) : undefined;
  // Identify, then limit, then refuse: failed key attempts are rate-limited by IP like anonymous requests.
  if (auth) app.use(PROTECTED_PREFIXES, auth.identify);
  if (settings.rateLimitPerMinute > 0) app.use(PROTECTED_PREFIXES, perClientRateLimit({ limitPerMinute: settings.rateLimitPerMinute }));
  if (auth) app.use(PROTECTED_PREFIXES, auth.require);
}
