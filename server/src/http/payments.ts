// The provider's way back to this server: GET or POST /api/payments/{orderId}/return, where a
// provider's hosted page sends the buyer when the payment is done (PaymentStart.returnUrl). The
// provider says what happened (`completeReturn`, verified with it); the buyer goes on to the
// shop's return URL with a resume token. Outside /api/v1: a provider's form posts from its own
// origin, which CORS does not list.
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from './context.ts';
import { publicOrigin } from './context.ts';
import { completeReturn, paymentReturn, shopReturnUrl } from '../payments/returns.ts';

function textFields(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

export function paymentReturnRoutes(deps: AppDeps) {
  const routes = new Hono<AppEnv>();
  routes.on(['GET', 'POST'], '/payments/:orderId/return', async (c) => {
    const form =
      c.req.method === 'POST' ? textFields(await c.req.parseBody().catch(() => ({}))) : {};
    const query = textFields(c.req.query());
    const outcome = await completeReturn(
      deps,
      c.req.param('orderId'),
      publicOrigin(deps),
      (order, tx) => deps.payments.completeReturn(paymentReturn(order, { query, form }), tx),
    );
    c.header('Cache-Control', 'no-store');
    if (outcome.kind === 'finished') return c.redirect(shopReturnUrl(outcome.order), 303);
    return c.redirect(outcome.kind === 'redirect' ? outcome.location : '/', 303);
  });
  return routes;
}
