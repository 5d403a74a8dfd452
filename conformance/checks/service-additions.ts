// Buy more on a term-priced service (issue 24): add-ons added to a service the run bought, quoted
// co-termed with its expiry (the months left, free in the last three), the renewal at the grown
// quantities; recomputed with the domain's own `priceServiceAddition`. Another customer's service
// is a 404, no session a 401.
import { QuoteSchema, type QuoteRequest } from '../../src/api/schemas.ts';
import { todayInRome } from '../../src/domain/dates.ts';
import { priceServiceAddition } from '../../src/domain/pricing.ts';
import type { ConformanceContext } from '../context.ts';
import { expectProblem } from '../problem.ts';
import {
  expectJson,
  expectShape,
  expectStatus,
  fail,
  notApplicable,
  skip,
  type Check,
} from '../runner.ts';
import { needProduct } from './catalog.ts';
import { needOtherBuyer, needBuyer } from './order-requests.ts';
import { expectQuoteMatches } from './quotes.ts';

type C = ConformanceContext;

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
      const have = Object.fromEntries(
        service.addons.filter((a) => a.status !== 'deactivated').map((a) => [a.id, a.quantity]),
      );
      const addon = product.addons.find(
        (a) =>
          (!a.plans || a.plans.includes(service.planId ?? '')) &&
          (a.max === undefined || (have[a.id] ?? 0) + a.step <= a.max),
      );
      if (!addon)
        notApplicable(`every add-on of "${product.id}" is at its maximum on ${service.id}`);
      const selection: QuoteRequest = {
        productId: product.id,
        planId: service.planId ?? product.plans[0]?.id ?? '',
        years: service.years ?? product.terms[0] ?? 1,
        addons: [{ id: addon.id, quantity: addon.step }],
        subscriptionId: service.id,
      };
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
];
