// The reference backend as a Hono app: the API under /api, made of one thin sub-app per concern
// mounted with `.route()`. Whoever composes the server (the demo, a seller's own entry) mounts
// its own sub-apps next to them (a payment provider's pages, a site) through `AppMounts`.
import { Hono } from 'hono';
import { toLocale } from 'cassa/contract';
import { limitBody, MAX_BODY_BYTES } from './body-limit.ts';
import { publicOrigin, type AppDeps, type AppEnv } from './context.ts';
import { apiCors } from './cors.ts';
import { Problem, problemResponse } from './problems.ts';
import { accountRoutes } from './account.ts';
import { authRoutes } from './auth.ts';
import { passwordResetRoutes } from './password-reset.ts';
import { catalogRoutes } from './catalog.ts';
import { invoiceRoutes } from './invoices.ts';
import { meRoutes } from './me.ts';
import { operatorRoutes } from './operator.ts';
import { assetRoutes } from './assets.ts';
import { paymentReturnRoutes } from './payments.ts';
import { orderRoutes } from './orders.ts';
import { quoteRoutes } from './quotes.ts';
import { requestLog } from './request-log.ts';
import { securityHeaders } from './security.ts';

export type { AppDeps } from './context.ts';

export { MAX_BODY_BYTES } from './body-limit.ts';

/** Sub-apps mounted by whoever composes the server, after its own. */
export interface AppMounts {
  /** Mounted under /api, after the reference API (a payment provider's pages, a dev API). */
  api?: readonly Hono<AppEnv>[];
  /** Mounted at the root, after /api (pages, static files; a catch-all goes last). */
  site?: readonly Hono<AppEnv>[];
}

/** What an unexpected error may say in a log: its kind and where, never its message. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  const frames = (error.stack ?? '')
    .split('\n')
    .slice(1, 4)
    .map((l) => l.trim())
    .join(' | ');
  return `${error.name}${typeof code === 'string' ? ` ${code}` : ''} ${frames}`;
}

/**
 * The database could not be reached or dropped the connection mid-request (PostgreSQL restart,
 * failover, `pg_terminate_backend`): nothing was committed, so the same request may simply be
 * sent again (an order with its Idempotency-Key), which 503 + Retry-After says.
 */
function databaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = String((error as { code?: unknown }).code ?? '');
  return (
    // SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown, cannot connect now)
    /^(08...|57P0[123])$/.test(code) ||
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code) ||
    // node-postgres' own words for a connection that is gone (these carry no code)
    /^Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect/i.test(
      error.message,
    )
  );
}

export function createApp(deps: AppDeps, mounts: AppMounts = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  // Order matters: the log sees every answer, the security headers are in place before
  // anything can answer, a preflight or a foreign write is settled before a body is read.
  app.use('*', requestLog(deps.logger));
  app.use(
    '*',
    securityHeaders({
      strictTransport: !deps.demo && publicOrigin(deps).startsWith('https:'),
    }),
  );
  app.use('*', async (c, next) => {
    // A path with NUL in it (`/v1/orders/%00`) names nothing: PostgreSQL text cannot hold it.
    if (c.req.path.includes('\u0000')) throw new Problem(404, 'not-found', 'Unknown route.');
    c.set('locale', toLocale(c.req.header('Accept-Language')));
    await next();
  });
  app.use(
    '/api/*',
    apiCors([publicOrigin(deps), ...deps.allowedOrigins], { sameOriginFromHost: deps.demo }),
  );
  app.use('*', limitBody(MAX_BODY_BYTES));

  const api = new Hono<AppEnv>();
  api.route('/', catalogRoutes(deps));
  api.route('/', quoteRoutes(deps));
  api.route('/', authRoutes(deps));
  api.route('/', passwordResetRoutes(deps));
  api.route('/', accountRoutes(deps));
  api.route('/', meRoutes(deps));
  api.route('/', orderRoutes(deps));
  api.route('/', invoiceRoutes(deps));
  api.route('/', operatorRoutes(deps));
  api.route('/', paymentReturnRoutes(deps));
  api.route('/', assetRoutes());
  for (const routes of mounts.api ?? []) api.route('/', routes);
  app.route('/api', api);
  for (const routes of mounts.site ?? []) app.route('/', routes);

  app.notFound((c) => problemResponse(c, new Problem(404, 'not-found', 'Unknown route.')));
  app.onError((error, c) => {
    if (error instanceof Problem) return problemResponse(c, error);
    deps.logger.error(`${c.req.method} ${c.req.routePath} failed: ${describeError(error)}`);
    if (databaseUnavailable(error)) {
      return problemResponse(
        c,
        new Problem(503, 'service-unavailable', 'The service is briefly unavailable. Try again.', {
          headers: { 'retry-after': '1' },
        }),
      );
    }
    return problemResponse(
      c,
      new Problem(500, 'server-error', 'Something went wrong on our side. Try again.'),
    );
  });
  return app;
}
