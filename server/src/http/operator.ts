// Operator endpoints, authenticated by CASSA_OPERATOR_SECRET (Bearer), like the portal's:
// record a received bank transfer or postal slip, run the renewals due today, read the
// webhook deliveries; in demo mode only, move the clock forward.
import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import { cents, filled, positiveInt } from 'cassa/contract';
import { bearerToken } from '../accounts/accounts.ts';
import { DAY_MS } from '../platform/clock.ts';
import { publicOrigin, type AppDeps, type AppEnv } from './context.ts';
import { secretsEqual } from '../accounts/credentials.ts';
import { securityLog } from '../platform/security-log.ts';
import { clientAddress, NO_TRUSTED_PROXIES } from './client-address.ts';
import { invoiceContext } from '../invoices/issue.ts';
import { publicOrder } from '../orders/orders.ts';
import { notFound, unauthorized } from './problems.ts';
import { recordReceivedPayment } from '../payments/received-payments.ts';
import { runDueRenewals } from '../subscriptions/renewals.ts';
import { parseBody, readJson } from './request.ts';
import { listWebhookEvents } from '../webhooks/webhooks.ts';

export const ReceivedPaymentSchema = z.object({
  orderNumber: filled(40),
  amountCents: cents(),
});
/** At most about two years in one step. */
export const ClockAdvanceSchema = z.object({ days: positiveInt().check(z.lte(800)) });

/** Lets an operator call through (and logs it as a security event), or answers 401. */
export function requireOperator(deps: AppDeps, c: Context<AppEnv>) {
  const secret = bearerToken(c);
  const action = `${c.req.method} ${c.req.routePath}`;
  const address = clientAddress(c, deps.trustedProxies ?? NO_TRUSTED_PROXIES);
  if (!deps.operatorSecret || !secret || !secretsEqual(secret, deps.operatorSecret)) {
    securityLog(deps.logger, { event: 'operator.denied', action, address });
    throw unauthorized('A valid operator secret is required.');
  }
  securityLog(deps.logger, { event: 'operator.action', action, address });
}

/**
 * Records a received payment in one transaction (the operator API and the demo's button);
 * `origin` is this server's, for the invoice copy's link.
 */
export async function receivePayment(
  deps: AppDeps,
  input: z.infer<typeof ReceivedPaymentSchema>,
  origin: string,
) {
  const now = deps.clock.now();
  const today = deps.clock.today();
  const invoice = invoiceContext(deps, origin);
  return deps.db.transaction((tx) =>
    recordReceivedPayment(tx, deps.catalog, input, { now, today, invoice }),
  );
}

/** Moves the demo clock forward on every instance, then runs what became due. */
export async function advanceClock(deps: AppDeps, days: number) {
  const clock = deps.shiftableClock;
  if (!clock) throw notFound('The clock can be moved in demo mode only.');
  await clock.advance(deps.db, days * DAY_MS);
  const report = await runDueRenewals(deps);
  return { now: clock.now().toISOString(), today: clock.today(), report };
}

export function operatorRoutes(deps: AppDeps) {
  const routes = new Hono<AppEnv>();

  routes.post('/v1/operator/payments', async (c) => {
    requireOperator(deps, c);
    const input = parseBody(ReceivedPaymentSchema, await readJson(c));
    const { order, replayed } = await receivePayment(deps, input, publicOrigin(deps));
    if (replayed) c.header('Idempotent-Replayed', 'true');
    return c.json({ order: publicOrder(order) });
  });

  routes.post('/v1/operator/renewals/run', async (c) => {
    requireOperator(deps, c);
    await deps.shiftableClock?.load(deps.db);
    return c.json({ today: deps.clock.today(), report: await runDueRenewals(deps) });
  });

  routes.get('/v1/operator/webhooks', async (c) => {
    requireOperator(deps, c);
    return c.json({ items: await listWebhookEvents(deps.db) });
  });

  routes.get('/v1/operator/clock', async (c) => {
    requireOperator(deps, c);
    const clock = deps.shiftableClock;
    if (!clock) throw notFound('The clock can be moved in demo mode only.');
    await clock.load(deps.db);
    return c.json({
      now: clock.now().toISOString(),
      today: clock.today(),
      offsetMs: clock.offsetMs,
    });
  });

  routes.post('/v1/operator/clock', async (c) => {
    requireOperator(deps, c);
    const { days } = parseBody(ClockAdvanceSchema, await readJson(c));
    return c.json(await advanceClock(deps, days));
  });
  return routes;
}
