// The demo's composition of the reference server: its API, plus the sandbox provider's payment
// pages (when the sandbox is the provider) and, outside production only, the dev API, the outbox
// page, the webhook demo page, then the demo host pages and the built widget (a catch-all,
// mounted last). With NODE_ENV=production none of the demo's own pages is mounted.
import type { Hono } from 'hono';
import { createApp, type AppDeps, type AppMounts } from '../../server/src/http/app.ts';
import type { AppEnv, StaticFiles } from '../../server/src/http/context.ts';
import { devApiRoutes, outboxPageRoutes } from './dev-routes.ts';
import { sandboxRoutes } from './sandbox/pages.ts';
import { staticRoutes } from './static.ts';
import { webhookPageRoutes } from './webhook-pages.ts';

export type { AppDeps } from '../../server/src/http/app.ts';

export function demoMounts(
  deps: AppDeps,
  options: { production: boolean; sandbox: boolean; staticFiles?: StaticFiles },
): AppMounts {
  const demo = !options.production;
  return {
    api: [...(options.sandbox ? [sandboxRoutes(deps)] : []), ...(demo ? [devApiRoutes(deps)] : [])],
    site: demo
      ? [
          outboxPageRoutes(deps),
          webhookPageRoutes(deps),
          ...(options.staticFiles ? [staticRoutes(deps, options.staticFiles)] : []),
        ]
      : [],
  };
}

/** The app as the tests build it: `deps.demo` false stands for a production process. */
export function createDemoApp(deps: AppDeps): Hono<AppEnv> {
  return createApp(
    deps,
    demoMounts(deps, {
      production: !deps.demo,
      sandbox: deps.payments.id === 'sandbox',
      ...(deps.staticFiles ? { staticFiles: deps.staticFiles } : {}),
    }),
  );
}
