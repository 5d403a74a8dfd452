// Add-ons on a subscription (a co-termed product such as PEC mailbox add-ons), with a member
// account: its subscriptions, co-termed quotes recomputed, 401 and ownership, and orders by each
// method the catalog offers (card with a credit top-up through its payment page, and credit).
import {
  QuoteSchema,
  SubscriptionsSchema,
  type OrderRequest,
  type QuoteRequest,
} from '../../src/api/schemas.ts';
import type { Product } from '../../src/domain/catalog.ts';
import type { Quote } from '../../src/domain/types.ts';
import type { ConformanceContext } from '../context.ts';
import { expectProblem } from '../problem.ts';
import {
  ensure,
  expectJson,
  expectShape,
  expectStatus,
  fail,
  notApplicable,
  skip,
  type Check,
} from '../runner.ts';
import { needMailboxProduct } from './catalog.ts';
import {
  expectOrder,
  expectOrderContents,
  needBuyer,
  needOtherBuyer,
  newKey,
  post,
  writes,
} from './order-requests.ts';
import { ONLINE_METHODS, payOnline } from './payment-pages.ts';
import { expectedQuote, expectQuoteMatches } from './quotes.ts';

type C = ConformanceContext;

function needMailbox(context: C) {
  const product = needMailboxProduct(context);
  if (!context.mailbox)
    skip(
      `needs a subscription of "${product.id}" held by the account (see "mailbox-subscription")`,
    );
  return { product, ...context.mailbox };
}

/** Add-ons without a maximum (a bounded one may already be active on the subscription). */
function mailboxSelection(product: Product, subscriptionId: string, multiple = 1): QuoteRequest {
  const plan = product.plans[0];
  if (!plan) notApplicable(`product "${product.id}" has no plans`);
  const addons = product.addons
    .filter((a) => a.max === undefined && (!a.plans || a.plans.includes(plan.id)))
    .map((a) => ({ id: a.id, quantity: Math.max(a.min, a.step * multiple) }));
  if (addons.length === 0)
    notApplicable(
      `every add-on of "${product.id}" has a maximum: the kit buys none it could not undo`,
    );
  return {
    productId: product.id,
    planId: plan.id,
    years: product.terms[0] ?? 1,
    addons,
    subscriptionId,
  };
}

async function quoteFor(context: C, selection: QuoteRequest, token: string, what: string) {
  const reply = await context.client.request('POST', 'v1/quotes', { json: selection, token });
  expectStatus(reply, 200, what);
  expectJson(reply, what);
  return expectShape(QuoteSchema, reply.json, `${what}: the quote`);
}

async function creditOf(context: C, token: string): Promise<number> {
  const reply = await context.client.request('GET', 'v1/me/subscriptions', { token });
  expectStatus(reply, 200, 'GET /v1/me/subscriptions');
  return expectShape(SubscriptionsSchema, reply.json, 'GET /v1/me/subscriptions').creditCents;
}

export const mailboxChecks: Check<C>[] = [
  {
    id: 'mailbox-subscription',
    area: 'mailboxes',
    title: 'GET /v1/me/subscriptions lists the member’s subscriptions of the co-termed product',
    async run(context) {
      const product = needMailboxProduct(context);
      const buyer = needBuyer(context);
      const reply = await context.client.request('GET', 'v1/me/subscriptions', {
        token: buyer.token,
      });
      expectStatus(reply, 200, 'GET /v1/me/subscriptions');
      const list = expectShape(SubscriptionsSchema, reply.json, 'GET /v1/me/subscriptions');
      const mine = list.items
        .filter((s) => s.productId === product.id)
        .sort((a, b) => b.expiresOn.localeCompare(a.expiresOn));
      const subscription = mine[0];
      if (!subscription)
        skip(
          `the account (session from ${buyer.via}) holds no subscription of "${product.id}": pass --username (and --password or --portal-secret) of a member who has one`,
        );
      context.mailbox = { subscription, creditCents: list.creditCents };
    },
  },
  {
    id: 'mailbox-quote',
    area: 'mailboxes',
    title:
      'add-ons on the subscription are quoted co-termed with its expiry, as the catalog computes them',
    async run(context) {
      const { product, subscription, creditCents } = needMailbox(context);
      const buyer = needBuyer(context);
      for (const multiple of [1, 2]) {
        const selection = mailboxSelection(product, subscription.id, multiple);
        const what = `POST /v1/quotes (${selection.addons.map((a) => `${a.quantity} × ${a.id}`).join(', ')} on ${subscription.label}, expiring ${subscription.expiresOn})`;
        const quote = await quoteFor(context, selection, buyer.token, what);
        expectQuoteMatches(
          quote,
          expectedQuote(product, selection, { expiresOn: subscription.expiresOn, creditCents }),
          what,
        );
        ensure(
          quote.renewal.date === subscription.expiresOn,
          `${what}: the add-ons renew on ${quote.renewal.date}, not with the subscription on ${subscription.expiresOn}`,
        );
      }
    },
  },
  {
    id: 'mailbox-quote-unauthorized',
    area: 'mailboxes',
    title: 'a quote for add-ons on a subscription without a session is a 401 problem',
    async run(context) {
      const { product, subscription } = needMailbox(context);
      const reply = await context.client.request('POST', 'v1/quotes', {
        json: mailboxSelection(product, subscription.id),
      });
      expectProblem(reply, 401, 'unauthorized', 'POST /v1/quotes for a subscription, no session');
    },
  },
  {
    id: 'mailbox-other-customer',
    area: 'mailboxes',
    title: 'another customer’s subscriptionId is refused, in a quote and in an order',
    async run(context) {
      const { product, subscription } = needMailbox(context);
      const other = await needOtherBuyer(context);
      const selection = mailboxSelection(product, subscription.id);
      const quoted = await context.client.request('POST', 'v1/quotes', {
        json: selection,
        token: other.token,
      });
      if (quoted.status >= 200 && quoted.status < 300)
        fail(
          `another customer got a quote for add-ons on ${subscription.label} (subscriptionId ${subscription.id}), which is not theirs`,
        );
      expectProblem(
        quoted,
        quoted.status === 403 ? 403 : quoted.status === 422 ? 422 : 404,
        ['not-found', 'forbidden', 'invalid-selection', 'invalid-request'],
        'POST /v1/quotes with another customer’s subscriptionId',
      );
      const method = product.paymentMethods.includes('credit')
        ? 'credit'
        : product.paymentMethods[0];
      const ordered = await post(
        context,
        {
          ...selection,
          expectedTotalCents: 0,
          paymentMethod: { type: method ?? 'credit' },
          acceptTerms: true,
        },
        { key: newKey(context, 'not-my-mailbox'), token: other.token },
      );
      if (ordered.status >= 200 && ordered.status < 300)
        fail(
          `another customer’s order for add-ons on ${subscription.label}, which is not theirs, was accepted`,
        );
      ensure(
        ordered.status >= 400 && ordered.status < 500,
        `an order with another customer’s subscriptionId: expected a 4xx problem, received HTTP ${ordered.status}`,
      );
    },
  },
  {
    id: 'mailbox-orders',
    area: 'mailboxes',
    title:
      'add-ons ordered by each method the catalog offers (card or PayPal with a top-up, credit) with their contents and statuses',
    async run(context) {
      writes(context);
      const { product, subscription } = needMailbox(context);
      const buyer = needBuyer(context);
      const selection = mailboxSelection(product, subscription.id);
      const online = ONLINE_METHODS.filter((m) => product.paymentMethods.includes(m));
      const credit = product.paymentMethods.includes('credit');
      let quote: Quote = await quoteFor(context, selection, buyer.token, 'POST /v1/quotes');
      // One card order tops up enough for the credit order after it.
      for (const method of online) {
        const request: OrderRequest = {
          ...selection,
          expectedTotalCents: quote.totalCents,
          paymentMethod: { type: method },
          topUpCents:
            Math.max(1, quote.minimumTopUpCents ?? 0) + quote.renewal.totalCents + quote.totalCents,
          acceptTerms: true,
          returnUrl: context.returnUrl,
        };
        const what = `POST /v1/orders (add-ons by ${method}, topping up ${request.topUpCents})`;
        const order = expectOrder(
          await post(context, request, { key: newKey(context, `mailbox-${method}`) }),
          what,
        );
        expectOrderContents(order, request, what, true);
        context.placed.push({ request, order, token: buyer.token });
        const paid = await payOnline(context, order, `the ${method} order ${order.number}`);
        if (typeof paid === 'string') skip(`the kit could not complete the payment page: ${paid}`);
        quote = await quoteFor(
          context,
          selection,
          buyer.token,
          'POST /v1/quotes (after the top-up)',
        );
      }
      if (credit) {
        const creditCents = await creditOf(context, buyer.token);
        if ((quote.minimumTopUpCents ?? 0) > 0 || creditCents < quote.totalCents)
          skip(
            `the account's credit (${creditCents}) does not cover a year of the add-ons: no order from credit alone${online.length ? '' : ' (and the catalog offers no card to top it up)'}`,
          );
        const request: OrderRequest = {
          ...selection,
          expectedTotalCents: quote.totalCents,
          paymentMethod: { type: 'credit' },
          acceptTerms: true,
        };
        const what = 'POST /v1/orders (add-ons from credit)';
        const order = expectOrder(
          await post(context, request, { key: newKey(context, 'mailbox-credit') }),
          what,
        );
        expectOrderContents(order, request, what, true);
        context.placed.push({ request, order, token: buyer.token });
        const after = await creditOf(context, buyer.token);
        ensure(
          after === creditCents - quote.totalCents,
          `${what}: the credit went from ${creditCents} to ${after}, the order took ${quote.totalCents}`,
        );
      }
      if (!credit && online.length === 0)
        notApplicable(`product "${product.id}" offers neither card, PayPal nor credit`);
    },
  },
];
