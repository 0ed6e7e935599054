import { Router } from 'express';
import { loadConfig, type HardeningSettings } from '../../config.js';
import { PROTECTED_PREFIXES } from '../wire/api-access.js';
import { apiKeyAuth } from './api-key-auth.js';
import { perClientRateLimit } from './rate-limit.js';

/**
 * Settings of an app built without them (tests, tools): the documented defaults, minus the rate limit, which is a
 * production decision taken in `loadConfig` for the real server.
 */
export function defaultHardening(): HardeningSettings {
  return { ...loadConfig({}).hardening, rateLimitPerMinute: 0 };
}

/**
 * Who may call `/api/*` and `/v1/*`, and how often: the API-key check around the per-client rate limit, each only
 * when configured. Identify, then limit, then refuse: failed key attempts are rate-limited by IP like anonymous
 * requests. Mounted after CORS, so preflights are answered before any check.
 */
export function apiAccess(settings: Pick<HardeningSettings, 'apiKeys' | 'rateLimitPerMinute'>): Router {
  const router = Router();
  const auth = settings.apiKeys.length > 0 ? apiKeyAuth({ apiKeys: settings.apiKeys }) : undefined;
  if (auth) router.use(PROTECTED_PREFIXES, auth.identify);
  if (settings.rateLimitPerMinute > 0) router.use(PROTECTED_PREFIXES, perClientRateLimit({ limitPerMinute: settings.rateLimitPerMinute }));
  if (auth) router.use(PROTECTED_PREFIXES, auth.require);
  return router;
}
