import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers and the CORS allow-list.
 *
 * The CSP fits the chat page and the widget: scripts and ES modules only from this origin (no inline script),
 * styles from this origin plus inline styles (the widget styles its shadow DOM with a `<style>` element), API
 * calls only to this origin. `frame-ancestors` also admits the allowed origins, so a host page may frame the chat
 * page. `Cross-Origin-Resource-Policy: cross-origin` lets allowed sites load the widget script with `<script src>`.
 */
export function securityHeaders(options: { corsOrigins: string[] }): RequestHandler[] {
  const origins = options.corsOrigins;
  const anyOrigin = origins.includes('*');
  return [
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          scriptSrcAttr: ["'none'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'self'", ...origins.filter((origin) => origin !== '*')],
        },
      },
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      // X-Frame-Options cannot name other sites; with allowed origins, frame-ancestors alone decides.
      xFrameOptions: origins.length > 0 ? false : { action: 'sameorigin' },
    }),
    cors({
      origin: (origin, callback) => callback(null, origin !== undefined && (anyOrigin || origins.includes(origin))),
      methods: ['GET', 'POST'],
      allowedHeaders: ['Content-Type', 'Authorization', 'X-Request-Id'],
      exposedHeaders: ['X-Request-Id', 'Retry-After', 'RateLimit', 'RateLimit-Policy'],
      // Browsers may cache a preflight this many seconds.
      maxAge: 600,
    }),
  ];
}
