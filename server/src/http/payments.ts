// The provider's way back to this server: GET or POST /api/payments/{orderId}/return, where a
// provider's hosted page sends the buyer when the payment is done (PaymentStart.returnUrl). The
// provider says what happened (`completeReturn`, verified with it); the buyer goes on to the
// shop's return URL with a resume token. Outside /api/v1: a provider's form posts from its own
// origin, which CORS does not list.
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from './context.ts';
import { publicOrigin } from './context.ts';
import { completeReturn, paymentReturn, shopReturnUrl } from '../payments/returns.ts';
import { startRenewalPayment } from '../payments/renewal-payments.ts';
import { toLocale, type Locale } from 'cassa/contract';
import { html } from './html.ts';
import { PAGES_STYLESHEET_PATH } from './assets.ts';
import { pageCsp } from './security.ts';

const CLOSED = {
  it: {
    title: 'Pagamento del rinnovo',
    paid: 'Questo pagamento è già stato completato: il rinnovo è attivo.',
    expired:
      'Questo link non è più valido: il servizio è scaduto senza il pagamento e il rinnovo non è riuscito. Puoi acquistarlo di nuovo.',
  },
  en: {
    title: 'Renewal payment',
    paid: 'This payment is already complete: the renewal is done.',
    expired:
      'This link no longer works: the service expired without the payment and the renewal failed. You can buy it again.',
  },
} as const;

/** A renewal payment's link that no longer pays: a short page says why. */
function closedPage(locale: Locale, paid: boolean): string {
  const t = CLOSED[locale];
  return html`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${t.title}</title>
        <link rel="stylesheet" href="${PAGES_STYLESHEET_PATH}" />
      </head>
      <body>
        <main>
          <div class="card">
            <h1>${t.title}</h1>
            <p role="status">${paid ? t.paid : t.expired}</p>
          </div>
        </main>
      </body>
    </html>`.value;
}

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
  // The link of the "confirm your renewal payment" email: on to the provider's page, where the
  // buyer authenticates the payment (the provider hands the result to the renewal engine).
  routes.get('/renewal-payments/:id', async (c) => {
    const view = await startRenewalPayment(deps, c.req.param('id'), publicOrigin(deps));
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    if (view.kind === 'redirect') return c.redirect(view.url, 303);
    c.header('Content-Security-Policy', pageCsp());
    const locale = toLocale(c.req.query('lang') ?? view.order.locale);
    const paid = view.payment.status === 'paid';
    return c.html(closedPage(locale, paid), paid ? 200 : 410);
  });
  return routes;
}
