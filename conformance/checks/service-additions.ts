// Buy more on a term-priced service (issue 24): add-ons added to a service the run bought, quoted
// co-termed with its expiry (the months left, free in the last three), the renewal at the grown
// quantities; recomputed with the domain's own `priceServiceAddition`. Another customer's service
// is a 404, no session a 401. A buy more paid leaves the service's own order as it was bought and
// paid (its add-ons and total); the service shows the grown quantities.
import {
  AccountSubscriptionsSchema,
  type AccountSubscription,
} from '../../src/api/account-schemas.ts';
import {
  QuoteSchema,
  type Order,
  type OrderRequest,
  type QuoteRequest,
} from '../../src/api/schemas.ts';
import type { Product, Addon } from '../../src/domain/catalog.ts';
import { todayInRome } from '../../src/domain/dates.ts';
import { priceServiceAddition } from '../../src/domain/pricing.ts';
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
import { needProduct } from './catalog.ts';
import {
  expectOrder,
  getOrder,
  needBuyer,
  needOtherBuyer,
  newKey,
  post,
  writes,
} from './order-requests.ts';
import { ONLINE_METHODS, payOnline } from './payment-pages.ts';
import { expectQuoteMatches } from './quotes.ts';

type C = ConformanceContext;

/** The quantities of a service's add-ons still in force, by id. */
const quantities = (service: AccountSubscription): Record<string, number> =>
  Object.fromEntries(
    service.addons.filter((a) => a.status !== 'deactivated').map((a) => [a.id, a.quantity]),
  );

/** The first add-on of the service's plan that one more step keeps within its maximum. */
function addonToBuy(product: Product, service: AccountSubscription): Addon | undefined {
  const have = quantities(service);
  return product.addons.find(
    (a) =>
      (!a.plans || a.plans.includes(service.planId ?? '')) &&
      (a.max === undefined || (have[a.id] ?? 0) + a.step <= a.max),
  );
}

/** One step of `addon` more on `service`: the quote request the buy more is placed with. */
const buyMoreSelection = (
  product: Product,
  service: AccountSubscription,
  addon: Addon,
): QuoteRequest => ({
  productId: product.id,
  planId: service.planId ?? product.plans[0]?.id ?? '',
  years: service.years ?? product.terms[0] ?? 1,
  addons: [{ id: addon.id, quantity: addon.step }],
  subscriptionId: service.id,
});

const addonList = (addons: readonly { id: string; quantity: number }[]) =>
  addons
    .filter((a) => a.quantity > 0)
    .map((a) => `${a.quantity} × ${a.id}`)
    .sort()
    .join(', ') || 'no add-ons';

/** The service's order as the buyer reads it. */
function readServiceOrder(context: C, orderId: string, token: string, what: string) {
  return getOrder(context, orderId, { token }).then((reply) => expectOrder(reply, what));
}

export const serviceAdditionChecks: Check<C>[] = [
  {
    id: 'service-buy-more',
    area: 'customer-area',
    title:
      'add-ons bought for a service the run paid (subscriptionId svc_…) are quoted co-termed with its expiry, as the catalog computes them; 404 to another customer, 401 without a session',
    async run(context) {
      const buyer = needBuyer(context);
      const product = needProduct(context);
      const service = context.services?.[0];
      if (!service) skip('needs the subscriptions of "account-subscriptions"');
      const have = quantities(service);
      const addon = addonToBuy(product, service);
      if (!addon)
        notApplicable(`every add-on of "${product.id}" is at its maximum on ${service.id}`);
      const selection = buyMoreSelection(product, service, addon);
      const what = `POST /v1/quotes (${addon.step} × ${addon.id} more on ${service.id}, expiring ${service.expiresOn})`;
      const reply = await context.client.request('POST', 'v1/quotes', {
        json: selection,
        token: buyer.token,
      });
      expectStatus(reply, 200, what);
      expectJson(reply, what);
      const quote = expectShape(QuoteSchema, reply.json, `${what}: the quote`);
      const priced = priceServiceAddition(product, selection, {
        today: todayInRome(),
        service: {
          planId: selection.planId,
          years: selection.years,
          expiresOn: service.expiresOn,
          addons: have,
        },
      });
      if (!priced.ok)
        fail(
          `the kit's own selection breaks the catalog's rules (${priced.errors.map((e) => `${e.path}: ${e.code}`).join(', ')})`,
        );
      expectQuoteMatches(quote, priced.quote, what);
      const other = await needOtherBuyer(context);
      expectProblem(
        await context.client.request('POST', 'v1/quotes', { json: selection, token: other.token }),
        404,
        'not-found',
        `${what} by another customer`,
      );
      expectProblem(
        await context.client.request('POST', 'v1/quotes', { json: selection }),
        401,
        'unauthorized',
        `${what} without a session`,
      );
    },
  },
  {
    id: 'service-buy-more-order',
    area: 'customer-area',
    title:
      'a buy more paid on a service the run bought leaves the service’s own order (GET /v1/orders/{id}) with the add-ons and total it was bought and paid with; the service lists the grown quantity',
    async run(context) {
      writes(context);
      const buyer = needBuyer(context);
      const product = needProduct(context);
      const service = context.services?.[0];
      if (!service) skip('needs the subscriptions of "account-subscriptions"');
      if (!service.orderId)
        skip(`GET /v1/me/subscriptions gives ${service.id} no orderId: its order cannot be read`);
      const addon = addonToBuy(product, service);
      if (!addon)
        notApplicable(`every add-on of "${product.id}" is at its maximum on ${service.id}`);
      const source = service.nextCharge?.source;
      const method =
        source && ONLINE_METHODS.includes(source) && product.paymentMethods.includes(source)
          ? source
          : ONLINE_METHODS.find((m) => product.paymentMethods.includes(m));
      if (!method) notApplicable(`product "${product.id}" offers neither card nor PayPal`);
      const serviceOrder = `GET /v1/orders/${service.orderId} (the order of ${service.id})`;
      const bought = await readServiceOrder(context, service.orderId, buyer.token, serviceOrder);

      const selection = buyMoreSelection(product, service, addon);
      const more = `${addon.step} × ${addon.id} more on ${service.id}`;
      const quoted = await context.client.request('POST', 'v1/quotes', {
        json: selection,
        token: buyer.token,
      });
      expectStatus(quoted, 200, `POST /v1/quotes (${more})`);
      const quote = expectShape(QuoteSchema, quoted.json, `POST /v1/quotes (${more}): the quote`);
      const request: OrderRequest = {
        ...selection,
        expectedTotalCents: quote.totalCents,
        paymentMethod: { type: method },
        acceptTerms: true,
        returnUrl: context.returnUrl,
      };
      const what = `POST /v1/orders (${more}, ${quote.totalCents} cents by ${method})`;
      const order: Order = expectOrder(
        await post(context, request, { key: newKey(context, 'buy-more') }),
        what,
      );
      context.placed.push({ request, order, token: buyer.token });
      if (order.status === 'pending_payment') {
        const paid = await payOnline(context, order, `the buy more ${order.number}`);
        if (typeof paid === 'string') skip(`the kit could not complete the payment page: ${paid}`);
      } else {
        ensure(
          order.status === 'paid' || order.status === 'active',
          `${what}: the order is "${order.status}", expected "pending_payment" with a payment page${quote.totalCents === 0 ? ' or "active" (a free addition)' : ''}`,
        );
      }

      const after = await readServiceOrder(context, service.orderId, buyer.token, serviceOrder);
      ensure(
        addonList(after.addons) === addonList(bought.addons) &&
          after.totalCents === bought.totalCents,
        `buying more rewrote the service's order: ${serviceOrder} now shows ${addonList(after.addons)} for ${after.totalCents} cents although it was bought and paid with ${addonList(bought.addons)} for ${bought.totalCents} cents (the buy more ${order.number} is its own order; the service, GET /v1/me/subscriptions, shows the grown quantities)`,
      );

      const listed = await context.client.request('GET', 'v1/me/subscriptions', {
        token: buyer.token,
      });
      expectStatus(listed, 200, 'GET /v1/me/subscriptions');
      const list = expectShape(AccountSubscriptionsSchema, listed.json, 'GET /v1/me/subscriptions');
      const grown = list.items.find((s) => s.id === service.id);
      ensure(grown, `GET /v1/me/subscriptions no longer lists ${service.id} after the buy more`);
      const expected = (quantities(service)[addon.id] ?? 0) + addon.step;
      const now = quantities(grown)[addon.id] ?? 0;
      ensure(
        now === expected,
        `after the buy more ${order.number} (${more}) GET /v1/me/subscriptions shows ${now} × ${addon.id} on ${service.id}, expected ${expected}`,
      );
      context.services = context.services?.map((s) => (s.id === grown.id ? grown : s));
    },
  },
];
