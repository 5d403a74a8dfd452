// The demo's composition of the reference server: its API, plus the sandbox provider's payment
// pages and, in demo mode only, the dev API, the outbox page and the webhook demo page; then the
// demo host pages and the built widget (a catch-all, mounted last).
import type { Hono } from 'hono';
import { createApp, type AppDeps } from '../../server/src/http/app.ts';
import type { AppEnv } from '../../server/src/http/context.ts';
import { devApiRoutes, outboxPageRoutes } from './dev-routes.ts';
import { sandboxRoutes } from './sandbox/pages.ts';
import { staticRoutes } from './static.ts';
import { webhookPageRoutes } from './webhook-pages.ts';

export type { AppDeps } from '../../server/src/http/app.ts';

export function createDemoApp(deps: AppDeps): Hono<AppEnv> {
  return createApp(deps, {
    api: [sandboxRoutes(deps), ...(deps.demo ? [devApiRoutes(deps)] : [])],
    site: [
      ...(deps.demo ? [outboxPageRoutes(deps), webhookPageRoutes(deps)] : []),
      ...(deps.staticFiles ? [staticRoutes(deps, deps.staticFiles)] : []),
    ],
  });
}
