// The caller's profile, saved payment methods and subscriptions (always scoped to the caller).
import { Hono } from 'hono';
import { publicCustomer, requireCustomer } from '../accounts/accounts.ts';
import type { AppDeps, AppEnv } from './context.ts';
import { listPaymentMethods, presentSubscriptions } from '../subscriptions/subscriptions.ts';

export function meRoutes(deps: AppDeps) {
  const routes = new Hono<AppEnv>();
  const { db, clock } = deps;

  routes.get('/v1/me', async (c) => {
    const customer = await requireCustomer(db, c, clock.now());
    return c.json(publicCustomer(customer));
  });

  routes.get('/v1/me/payment-methods', async (c) => {
    const customer = await requireCustomer(db, c, clock.now());
    return c.json({ items: await listPaymentMethods(db, customer.id) });
  });

  routes.get('/v1/me/subscriptions', async (c) => {
    const customer = await requireCustomer(db, c, clock.now());
    return c.json({
      creditCents: customer.creditCents,
      items: await presentSubscriptions(db, customer.id, deps.catalog, clock.today()),
    });
  });
  return routes;
}
