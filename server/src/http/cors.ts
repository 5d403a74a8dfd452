// Cross-origin calls to the API: the server's own origin and the listed ones get CORS headers,
// every other page gets none and may not write. A request without `Origin` (curl, a server, a
// same-origin GET) is not a browser's cross-origin call: it costs nothing here.
import type { MiddlewareHandler } from 'hono';
import { requestOrigin, type AppEnv } from './context.ts';
import { Problem } from './problems.ts';
import { isAllowedOrigin, withDefaultHeaders, type HeaderSet } from './security.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What a preflight from an allowed origin is told (the widget's methods and headers). */
const PREFLIGHT: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Methods': 'GET,POST,PATCH,DELETE,OPTIONS',
  'Access-Control-Allow-Headers':
    'Content-Type,Authorization,Idempotency-Key,Cassa-Resume,Accept-Language',
  'Access-Control-Max-Age': '600',
};

/** Headers a script on an allowed origin may read from an answer. */
const EXPOSE_HEADERS = 'Retry-After,Idempotent-Replayed';

/**
 * CORS for `/api/*`. A preflight (any OPTIONS) is answered here, 204, with the allow-lists only
 * for an allowed origin. An allowed origin's request gets `Access-Control-Allow-Origin` (its own
 * origin echoed, never `*`) and the exposed headers; a foreign origin's gets nothing, and its
 * writes to `/api/v1/*` are refused with 403 before any route runs. (Not a payment provider's
 * forms outside /api/v1: under `Referrer-Policy: no-referrer` a page's own form sends
 * `Origin: null`, and a provider posts back from its own origin.)
 *
 * `sameOriginFromHost`: the demo only, whose pages may be opened at any address of the machine
 * (the origin the request's own Host header names is taken as the server's). In production the
 * Host header is the client's word: only the configured origins (CASSA_PUBLIC_URL's and
 * CASSA_ALLOWED_ORIGINS) are answered, whatever Host a request claims.
 */
export function apiCors(
  allowedOrigins: readonly string[],
  { sameOriginFromHost = false }: { sameOriginFromHost?: boolean } = {},
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = c.req.header('Origin');
    const allowed =
      origin !== undefined &&
      (sameOriginFromHost
        ? isAllowedOrigin(origin, requestOrigin(c.req.url), allowedOrigins)
        : allowedOrigins.includes(origin));
    if (c.req.method === 'OPTIONS') {
      return c.body(
        null,
        204,
        allowed ? { ...PREFLIGHT, 'Access-Control-Allow-Origin': origin } : undefined,
      );
    }
    if (origin === undefined) return next();
    if (!allowed) {
      if (!SAFE_METHODS.has(c.req.method) && c.req.path.startsWith('/api/v1/')) {
        throw new Problem(403, 'forbidden', 'This origin may not call the API.');
      }
      return next();
    }
    const headers: HeaderSet = [
      ['Access-Control-Allow-Origin', origin],
      ['Access-Control-Expose-Headers', EXPOSE_HEADERS],
    ];
    return withDefaultHeaders(c, headers, next);
  };
}
