// Response headers every answer carries, CSP policies of the server-rendered pages, and the
// origins allowed to call the API from a browser.
import type { Context, MiddlewareHandler, Next } from 'hono';
import type { AppEnv } from './context.ts';

/** The strict-CSP demo page's policy (Trusted Types on, Lit's `lit-html` policy allowed). */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; require-trusted-types-for 'script'; trusted-types lit-html";

/** Server-rendered pages (invoice copies; the demo's pages): own stylesheet only, no script. */
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

/** A header set, built once at start-up and applied as it is to every answer of its kind. */
export type HeaderSet = readonly (readonly [name: string, value: string])[];

const COMMON_HEADERS: HeaderSet = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-Frame-Options', 'DENY'],
  ['Content-Security-Policy', API_CSP],
];

/** Pages and files outside `/api` (their routes set their own CSP and Cache-Control). */
export const PAGE_HEADERS: HeaderSet = COMMON_HEADERS;

/**
 * API answers: never cached unless the route says so (personal data, tokens), and varying by
 * `Origin` because only some origins get CORS headers (a shared cache must not mix them).
 */
export const API_HEADERS: HeaderSet = [
  ...COMMON_HEADERS,
  ['Cache-Control', 'no-store'],
  ['Vary', 'Origin'],
];

/**
 * Gives the answer these headers unless its route set its own value (a page's CSP, a cacheable
 * read's Cache-Control). On Node they go on the outgoing response before the route runs: Node
 * merges the route's headers over them when the head is written, so no `Headers` object is
 * built and the route's light response stays light (the route may even throw: the error
 * answer gets them too). Elsewhere (`app.request` in tests, other runtimes) they are added to
 * the finished `Response` with the same rule.
 */
export async function withDefaultHeaders(
  c: Context<AppEnv>,
  headers: HeaderSet,
  next: Next,
): Promise<void> {
  const outgoing = c.env?.outgoing;
  if (outgoing && !outgoing.headersSent) {
    for (const [name, value] of headers) outgoing.setHeader(name, value);
    return next();
  }
  await next();
  const answer = c.res.headers;
  for (const [name, value] of headers) if (!answer.has(name)) answer.set(name, value);
}

/**
 * HTTPS only from now on, for a year, on the server's own host (not its subdomains, which may be
 * the seller's other sites). Browsers ignore it on a plain-HTTP answer.
 */
export const STRICT_TRANSPORT = 'max-age=31536000';

/**
 * The security headers of every answer, chosen by path: one precomputed set per kind.
 * `strictTransport`: production behind an https CASSA_PUBLIC_URL (never the demo on localhost).
 */
export function securityHeaders({
  strictTransport = false,
}: { strictTransport?: boolean } = {}): MiddlewareHandler<AppEnv> {
  const hsts: HeaderSet = strictTransport ? [['Strict-Transport-Security', STRICT_TRANSPORT]] : [];
  const api: HeaderSet = [...API_HEADERS, ...hsts];
  const page: HeaderSet = [...PAGE_HEADERS, ...hsts];
  return (c, next) => withDefaultHeaders(c, c.req.path.startsWith('/api/') ? api : page, next);
}

/** Whether a browser page at `origin` may call the API: the server's own origin or the allowlist. */
export function isAllowedOrigin(
  origin: string,
  ownOrigin: string,
  allowed: readonly string[],
): boolean {
  return origin === ownOrigin || allowed.includes(origin);
}
