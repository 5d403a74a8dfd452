// The reference backend as a Hono app: the API under /api, and (when given) the demo pages.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { toLocale } from '../../src/i18n/index.ts';
import { requestOrigin, type AppDeps, type AppEnv } from './context.ts';
import { Problem, problemResponse } from './problems.ts';
import { authRoutes } from './routes/auth.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { devApiRoutes, outboxPageRoutes } from './routes/dev.ts';
import { meRoutes } from './routes/me.ts';
import { orderRoutes } from './routes/orders.ts';
import { quoteRoutes } from './routes/quotes.ts';
import { sandboxRoutes } from './sandbox.ts';
import { isAllowedOrigin, securityHeaders } from './security.ts';
import { staticRoutes } from './static.ts';

export type { AppDeps } from './context.ts';

/** Request bodies above this many bytes get 413. */
export const MAX_BODY_BYTES = 64 * 1024;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

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

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  // One log line per request: method, route pattern (never the raw path or query), status, time.
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    const pattern = c.req.routePath;
    const route =
      c.get('logRoute') ??
      (pattern && pattern !== '/*' && pattern !== '*' ? pattern : '(unmatched)');
    deps.logger.info(
      `${c.req.method} ${route} ${c.res.status} ${Math.round(performance.now() - started)}ms`,
    );
  });
  app.use('*', securityHeaders());
  app.use('*', async (c, next) => {
    c.set('locale', toLocale(c.req.header('Accept-Language')));
    await next();
  });
  // A path with NUL in it (`/v1/orders/%00`) names nothing: PostgreSQL text cannot even hold it.
  app.use('*', async (c, next) => {
    if (c.req.path.includes('\u0000')) throw new Problem(404, 'not-found', 'Unknown route.');
    await next();
  });
  app.use(
    '/api/*',
    cors({
      origin: (origin, c) =>
        isAllowedOrigin(origin, requestOrigin(c.req.url), deps.allowedOrigins) ? origin : null,
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: [
        'Content-Type',
        'Authorization',
        'Idempotency-Key',
        'Cassa-Resume',
        'Accept-Language',
      ],
      exposeHeaders: ['Retry-After', 'Idempotent-Replayed'],
      maxAge: 600,
    }),
  );
  // A browser page on another origin may not change anything, whatever CORS would have said.
  // (Not the sandbox's own forms: under `Referrer-Policy: no-referrer` they send `Origin: null`.)
  app.use('/api/v1/*', async (c, next) => {
    const origin = c.req.header('Origin');
    if (
      origin &&
      !SAFE_METHODS.has(c.req.method) &&
      !isAllowedOrigin(origin, requestOrigin(c.req.url), deps.allowedOrigins)
    ) {
      throw new Problem(403, 'forbidden', 'This origin may not call the API.');
    }
    await next();
  });
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        problemResponse(
          c,
          new Problem(
            413,
            'payload-too-large',
            `The request body is over ${MAX_BODY_BYTES / 1024} KB.`,
          ),
        ),
    }),
  );

  const api = new Hono<AppEnv>();
  api.route('/', catalogRoutes(deps));
  api.route('/', quoteRoutes(deps));
  api.route('/', authRoutes(deps));
  api.route('/', meRoutes(deps));
  api.route('/', orderRoutes(deps));
  api.route('/', sandboxRoutes(deps));
  if (deps.demo) api.route('/', devApiRoutes(deps));
  app.route('/api', api);
  if (deps.demo) app.route('/', outboxPageRoutes(deps));
  if (deps.staticFiles) app.route('/', staticRoutes(deps, deps.staticFiles));

  app.notFound((c) => problemResponse(c, new Problem(404, 'not-found', 'Unknown route.')));
  app.onError((error, c) => {
    if (error instanceof Problem) return problemResponse(c, error);
    deps.logger.error(`${c.req.method} ${c.req.routePath} failed: ${describeError(error)}`);
    return problemResponse(
      c,
      new Problem(500, 'server-error', 'Something went wrong on our side. Try again.'),
    );
  });
  return app;
}
