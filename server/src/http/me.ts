// The caller's profile and saved payment methods (always scoped to the caller). Their
// subscriptions are the customer area's (http/account.ts): one GET /v1/me/subscriptions.
import { Hono } from 'hono';
import { publicCustomer, requireCustomer } from '../accounts/accounts.ts';
import type { AppDeps, AppEnv } from './context.ts';
import { listPaymentMethods } from '../subscriptions/subscriptions.ts';

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

  return routes;
}
