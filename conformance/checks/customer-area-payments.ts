// The customer area's money: orders still awaiting a transfer or slip, the invoices list as
// `<cassa-account>` reads it, a credit top-up by card (its redirect, its minimum, its page driven
// where the kit can, the credit then loaded), and a 401 from every endpoint of the area without a
// session.
import {
  AccountInvoicesSchema,
  AccountOrdersSchema,
  ProviderRedirectSchema,
} from '../../src/api/account-schemas.ts';
import type { ConformanceContext } from '../context.ts';
import { drivePaymentPage } from '../payment-page.ts';
import { expectFieldErrors, expectProblem } from '../problem.ts';
import { ensure, expectJson, expectShape, expectStatus, skip, type Check } from '../runner.ts';
import { needMailboxProduct, needProduct } from './catalog.ts';
import {
  needPaidOrders,
  patchSubscription,
  readSubscriptions,
  subscriptions,
} from './customer-area.ts';
import { needBuyer, needOtherBuyer, writes } from './order-requests.ts';

type C = ConformanceContext;

const AREA = 'customer-area';

const AWAITING = 'v1/me/orders?status=awaiting_payment';

async function awaitingOrders(context: C, token: string, what: string) {
  const reply = await context.client.request('GET', AWAITING, { token });
  expectStatus(reply, 200, what);
  expectJson(reply, what);
  return expectShape(AccountOrdersSchema, reply.json, what).items;
}

const topUp = (context: C, body: unknown, token?: string) =>
  context.client.request('POST', 'v1/me/credit/top-ups', {
    json: body,
    ...(token ? { token } : {}),
  });

/** The credit as `GET /v1/me/subscriptions` shows it. */
const creditOf = async (context: C, token: string) =>
  (await readSubscriptions(context, token, 'GET /v1/me/subscriptions')).creditCents;

/** What the kit tops up by card: €10.00. */
const TOP_UP_CENTS = 1000;

export const customerAreaPaymentChecks: Check<C>[] = [
  {
    id: 'account-awaiting-orders',
    area: AREA,
    title:
      'GET /v1/me/orders?status=awaiting_payment lists the run’s bank-transfer and postal-slip orders with their instructions, to their owner only, and nothing else',
    async run(context) {
      const buyer = needBuyer(context);
      const what = `GET /${AWAITING}`;
      const items = await awaitingOrders(context, buyer.token, what);
      const notAwaiting = items.filter((o) => o.status !== 'awaiting_payment');
      ensure(
        notAwaiting.length === 0,
        `${what} lists orders that are not awaiting payment: ${notAwaiting.map((o) => `${o.number} (${o.status})`).join(', ')}`,
      );
      const mine = context.placed.filter((p) => p.token === buyer.token);
      const awaiting = mine.filter((p) => p.order.status === 'awaiting_payment');
      if (!awaiting.length) {
        needProduct(context);
        writes(context);
        skip(
          'the run placed no order by bank transfer or postal slip for the buyer (see the orders area)',
        );
      }
      for (const { order } of awaiting) {
        const item = items.find((o) => o.id === order.id);
        ensure(item, `${what} does not list the ${order.paymentMethod} order ${order.number}`);
        ensure(
          item.totalCents === order.totalCents && item.paymentMethod === order.paymentMethod,
          `${what}: order ${order.number} is listed at ${item.totalCents} by ${item.paymentMethod}, it was placed at ${order.totalCents} by ${order.paymentMethod}`,
        );
        ensure(
          item.instructions?.reference.trim(),
          `${what}: order ${order.number} is listed without its payment instructions (the buyer needs the reference)`,
        );
      }
      const paid = (context.paidOnline ?? []).filter((p) => p.resume).map((p) => p.order);
      const listedPaid = paid.filter((order) => items.some((o) => o.id === order.id));
      ensure(
        listedPaid.length === 0,
        `${what} lists paid orders: ${listedPaid.map((o) => o.number).join(', ')}`,
      );
      const other = await needOtherBuyer(context);
      const theirs = await awaitingOrders(context, other.token, `${what} (another customer)`);
      const leaked = theirs.filter((o) => awaiting.some((p) => p.order.id === o.id));
      ensure(
        leaked.length === 0,
        `another customer’s ${what} lists ${leaked.map((o) => o.number).join(', ')}, which are not theirs`,
      );
    },
  },
  {
    id: 'account-invoices',
    area: AREA,
    title:
      'GET /v1/me/invoices answers what the customer area reads (its schema): an invoice of each order the run paid, at its total, with where it was sent',
    async run(context) {
      const buyer = needBuyer(context);
      const what = 'GET /v1/me/invoices';
      const reply = await context.client.request('GET', 'v1/me/invoices', { token: buyer.token });
      expectStatus(reply, 200, what);
      expectJson(reply, what);
      const { items } = expectShape(AccountInvoicesSchema, reply.json, what);
      const paid = needPaidOrders(context);
      for (const order of paid) {
        const invoice = items.find((i) => i.orderId === order.id);
        ensure(invoice, `${what} lists no invoice of the paid order ${order.number}`);
        ensure(
          invoice.totalCents === order.totalCents,
          `${what}: invoice ${invoice.number} of order ${order.number} totals ${invoice.totalCents}, the order ${order.totalCents}`,
        );
        ensure(
          (invoice.sentTo.to ?? invoice.sentTo.address ?? '').trim(),
          `${what}: invoice ${invoice.number} does not say where it was sent (sentTo.to)`,
        );
      }
    },
  },
  {
    id: 'account-top-up',
    area: AREA,
    title:
      'POST /v1/me/credit/top-ups answers a redirect to the card page (absolute URL); 0 is refused at amountCents; the page driven, the credit grows by the amount',
    async run(context) {
      const buyer = needBuyer(context);
      const product = needMailboxProduct(context);
      writes(context);
      const list = await readSubscriptions(context, buyer.token, 'GET /v1/me/subscriptions');
      if (!list.items.some((s) => s.productId === product.id))
        skip(
          `the account holds no subscription of "${product.id}", whose add-ons the credit pays: pass --username of a member who has one`,
        );
      expectFieldErrors(
        await topUp(context, { amountCents: 0, returnUrl: context.returnUrl }, buyer.token),
        ['amountCents'],
        'POST /v1/me/credit/top-ups of 0 cents',
        ['invalid-request', 'invalid-selection'],
      );
      const before = list.creditCents;
      const what = `POST /v1/me/credit/top-ups of ${TOP_UP_CENTS} cents`;
      const reply = await topUp(
        context,
        { amountCents: TOP_UP_CENTS, returnUrl: context.returnUrl },
        buyer.token,
      );
      expectStatus(reply, [200, 201], what);
      expectJson(reply, what);
      const redirect = expectShape(ProviderRedirectSchema, reply.json, what);
      let url: URL | undefined;
      try {
        url = new URL(redirect.action.url);
      } catch {
        url = undefined;
      }
      ensure(
        url && (url.protocol === 'https:' || url.protocol === 'http:'),
        `${what}: the action's url "${redirect.action.url}" is not an absolute http(s) URL the widget can send the buyer to`,
      );
      const driven = await drivePaymentPage(
        redirect.action.url,
        context.returnUrl,
        context.options.timeoutMs,
      );
      if (!driven.ok)
        skip(
          `the kit could not complete the top-up's payment page: ${driven.reason} (${driven.steps.join('; ') || 'no request answered'})`,
        );
      ensure(
        driven.orderId === redirect.id,
        `${what}: the payment page returned with cassa_order=${driven.orderId}, the top-up is ${redirect.id}`,
      );
      // A provider may confirm a moment later: the credit is read a few times before judging.
      let after = before;
      for (let attempt = 0; attempt < 10 && after === before; attempt++) {
        if (attempt) await new Promise((resolve) => setTimeout(resolve, 500));
        after = await creditOf(context, buyer.token);
      }
      ensure(
        after === before + TOP_UP_CENTS,
        `after the top-up's payment page approved ${TOP_UP_CENTS} cents, the credit went from ${before} to ${after}`,
      );
    },
  },
  {
    id: 'account-unauthorized',
    area: AREA,
    title:
      'every endpoint of the customer area is a 401 problem without a session (and GET /v1/me/subscriptions with a forged token)',
    async run(context) {
      const id = `conformance-${context.runId}`;
      const calls: [string, () => ReturnType<typeof subscriptions>][] = [
        ['GET /v1/me/subscriptions without a session', () => subscriptions(context)],
        [
          'GET /v1/me/subscriptions with a forged bearer token',
          () => subscriptions(context, `forged-${context.runId}`),
        ],
        [
          'PATCH /v1/subscriptions/{id} without a session',
          () => patchSubscription(context, id, { autoRenew: false }),
        ],
        [
          'DELETE /v1/me/payment-methods/{id} without a session',
          () => context.client.request('DELETE', `v1/me/payment-methods/${id}`),
        ],
        [`GET /${AWAITING} without a session`, () => context.client.request('GET', AWAITING)],
        [
          'POST /v1/me/credit/top-ups without a session',
          () => topUp(context, { amountCents: TOP_UP_CENTS, returnUrl: context.returnUrl }),
        ],
        [
          'GET /v1/me/invoices without a session',
          () => context.client.request('GET', 'v1/me/invoices'),
        ],
      ];
      for (const [what, call] of calls) expectProblem(await call(), 401, 'unauthorized', what);
    },
  },
];
