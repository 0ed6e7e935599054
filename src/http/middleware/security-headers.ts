import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers (helmet). The CSP fits the chat page and the widget: scripts and ES modules only from this
 * origin (no inline script), styles from this origin plus inline styles (the widget styles its shadow DOM with a
 * `<style>` element), API calls only to this origin. `frame-ancestors` also admits the origins allowed by
 * `CORS_ORIGINS`, so a host page may frame the chat page. `Cross-Origin-Resource-Policy: cross-origin` lets other
 * sites load the widget script and its modules (CORS itself is `cors.ts`).
 */
export function securityHeaders(options: { frameAncestors: readonly string[] }): RequestHandler {
  const ancestors = options.frameAncestors.filter((origin) => origin !== '*');
  return helmet({
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
        frameAncestors: options.frameAncestors.includes('*') ? ['*'] : ["'self'", ...ancestors],
      },
    },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    // X-Frame-Options cannot name other sites; with allowed origins, frame-ancestors alone decides.
    xFrameOptions: options.frameAncestors.length > 0 ? false : { action: 'sameorigin' },
  });
}
