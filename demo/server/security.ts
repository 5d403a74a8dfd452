// Response headers every answer carries, CSP policies of the server-rendered pages, and the
// origins allowed to call the API from a browser.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';

/** The strict-CSP demo page's policy (Trusted Types on, Lit's `lit-html` policy allowed). */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; require-trusted-types-for 'script'; trusted-types lit-html";

/** Server-rendered pages (sandbox, outbox): own stylesheet only, no script at all. */
export function pageCsp(formActions: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "style-src 'self'",
    "img-src 'self' data:",
    `form-action 'self'${formActions.map((o) => ` ${o}`).join('')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** Demo host pages (static files written by hand): framing and plugins off, scripts as they are. */
export const HOST_PAGE_CSP = "frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

/** JSON and other non-page answers: nothing may run or be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Referrer-Policy', 'no-referrer');
    headers.set('X-Frame-Options', 'DENY');
    if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', API_CSP);
    if (c.req.path.startsWith('/api/') && !headers.has('Cache-Control')) {
      headers.set('Cache-Control', 'no-store');
    }
  };
}

/** Whether a browser page at `origin` may call the API: the server's own origin or the allowlist. */
export function isAllowedOrigin(
  origin: string,
  ownOrigin: string,
  allowed: readonly string[],
): boolean {
  return origin === ownOrigin || allowed.includes(origin);
}
