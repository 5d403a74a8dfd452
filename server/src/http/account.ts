// The customer area's routes (issue 24): the caller's subscriptions, invoices and awaiting
// orders; auto-renew and the renewal method (PATCH /v1/subscriptions/{id}); removing a saved
// method; a credit top-up by card through the provider's page. Always scoped to the caller.
import { Hono } from 'hono';
import {
  PaymentMethodSetupSchema,
  SubscriptionUpdateSchema,
  TopUpRequestSchema,
  type OrderRequest,
} from 'cassa/contract';
import { requireCustomer } from '../accounts/accounts.ts';
import { placeOrder } from '../orders/checkout.ts';
import { startMethodSetup } from '../payments/method-setups.ts';
import { publicOrigin, type AppDeps, type AppEnv } from './context.ts';
import {
  accountSubscriptions,
  awaitingOrders,
  removePaymentMethod,
  updateSubscription,
} from '../subscriptions/customer-area.ts';
import { invalidRequest } from './problems.ts';
import { parseBody, readJson } from './request.ts';

export function accountRoutes(deps: AppDeps) {
  const routes = new Hono<AppEnv>();
  const { db, clock, catalog } = deps;
  const context = () => ({ catalog, today: clock.today(), now: clock.now() });

  routes.get('/v1/me/subscriptions', async (c) => {
    const customer = await requireCustomer(db, c, clock.now());
    return c.json({
      creditCents: customer.creditCents,
      items: await accountSubscriptions(db, customer.id, catalog, clock.today()),
    });
  });

  routes.patch('/v1/subscriptions/:id', async (c) => {
    const customer = await requireCustomer(db, c, clock.now());
    const change = parseBody(SubscriptionUpdateSchema, await readJson(c));
    const subscription = await db.transaction((tx) =>
      updateSubscription(tx, customer.id, c.req.param('id'), change, context()),
    );
    return c.json(subscription);
  });

  routes.delete('/v1/me/payment-methods/:id', async (c) => {
    const customer = await requireCustomer(db, c, clock.now());
    const replacement = c.req.query('replacement') || undefined;
    await db.transaction((tx) =>
      removePaymentMethod(tx, customer.id, c.req.param('id'), replacement, context()),
    );
    return c.body(null, 204);
  });

  routes.get('/v1/me/orders', async (c) => {
    const customer = await requireCustomer(db, c, clock.now());
    if (c.req.query('status') !== 'awaiting_payment')
      throw invalidRequest([{ path: 'status', code: 'invalid' }], 'Use ?status=awaiting_payment.');
    return c.json({ items: await awaitingOrders(db, customer.id) });
  });

  // A new card or PayPal account, entered on the provider's page (nothing charged); saved on the
  // way back, then the buyer returns to the area (`cassa_method=saved`).
  routes.post('/v1/me/payment-methods', async (c) => {
    const customer = await requireCustomer(db, c, clock.now());
    const request = parseBody(PaymentMethodSetupSchema, await readJson(c));
    // The provider's page is served from the public origin, as for orders, never from the Host
    // the call names: its form takes posts from there only, and a forged Host is no return address.
    const origin = publicOrigin(deps);
    const redirect = await db.transaction((tx) =>
      startMethodSetup(tx, customer.id, request, {
        payments: deps.payments,
        origin,
        returnOrigins: [origin, ...deps.allowedOrigins],
        locale: c.get('locale'),
        now: clock.now(),
      }),
    );
    return c.json(redirect, 201);
  });

  // A top-up is an order of the PEC product that buys no add-on and loads the credit by card on
  // the provider's page (the same path, invoice rules and emails as a checkout's top-up).
  routes.post('/v1/me/credit/top-ups', async (c) => {
    const customer = await requireCustomer(db, c, clock.now());
    const request = parseBody(TopUpRequestSchema, await readJson(c));
    if (request.amountCents <= 0)
      throw invalidRequest([{ path: 'amountCents', code: 'topup.zero' }]);
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM subscriptions WHERE customer_id = $1 AND product_id = 'pec-addons'
        ORDER BY expires_on DESC, id LIMIT 1`,
      [customer.id],
    );
    const mailbox = rows[0];
    if (!mailbox)
      throw invalidRequest([{ path: 'amountCents', code: 'invalid' }], 'No credit to top up.');
    const order: OrderRequest = {
      productId: 'pec-addons',
      planId: 'member',
      years: 1,
      addons: [],
      subscriptionId: mailbox.id,
      expectedTotalCents: 0,
      paymentMethod: { type: 'card' },
      topUpCents: request.amountCents,
      acceptTerms: true,
      returnUrl: request.returnUrl,
      ...(request.locale ? { locale: request.locale } : {}),
    };
    const origin = publicOrigin(deps);
    const placed = await db.transaction((tx) =>
      placeOrder(tx, customer.id, order, {
        catalog,
        today: clock.today(),
        now: clock.now(),
        locale: c.get('locale'),
        origin,
        returnOrigins: [origin, ...deps.allowedOrigins],
        topUpOnly: true,
        seller: deps.seller,
        payments: deps.payments,
        ...(deps.accountUrl ? { accountUrl: new URL(deps.accountUrl, origin).href } : {}),
      }),
    );
    const action = placed.order.action;
    if (!action) throw new Error('a top-up by card without a payment page');
    return c.json({ id: placed.order.id, action }, 201);
  });
  return routes;
}
