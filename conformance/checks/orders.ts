// POST /v1/orders: a session and an Idempotency-Key required, terms, a stale total (409 with the
// fresh quote), the order itself, its replay, a reused key, concurrent requests, eligibility.
import { QuoteSchema } from '../../src/api/schemas.ts';
import type { ConformanceContext } from '../context.ts';
import { expectFieldErrors, expectProblem, expectRetryAfter } from '../problem.ts';
import {
  ensure,
  expectShape,
  expectStatus,
  fail,
  notApplicable,
  skip,
  type Check,
} from '../runner.ts';
import { register, TEST_HOLDERS } from './auth.ts';
import { needProduct } from './catalog.ts';
import {
  expectOrder,
  expectOrderContents,
  firstDifference,
  needBuyer,
  needOtherBuyer,
  newKey,
  OFFLINE_METHODS,
  orderRequest,
  post,
  writes,
} from './order-requests.ts';

type C = ConformanceContext;

export const orderChecks: Check<C>[] = [
  {
    id: 'order-unauthorized',
    area: 'orders',
    title: 'POST /v1/orders without a session is a 401 problem',
    async run(context) {
      writes(context);
      const request = orderRequest(context);
      const reply = await post(context, request, {
        key: newKey(context, 'anonymous'),
        token: null,
      });
      expectProblem(reply, 401, 'unauthorized', 'POST /v1/orders without Authorization');
    },
  },
  {
    id: 'order-missing-key',
    area: 'orders',
    title: 'POST /v1/orders without an Idempotency-Key is a 400 problem',
    async run(context) {
      writes(context);
      needBuyer(context);
      const reply = await post(context, orderRequest(context));
      expectProblem(
        reply,
        400,
        'missing-idempotency-key',
        'POST /v1/orders without Idempotency-Key',
      );
    },
  },
  {
    id: 'order-terms-not-accepted',
    area: 'orders',
    title: 'an order without acceptTerms: true is a 422 at "acceptTerms"',
    async run(context) {
      writes(context);
      needBuyer(context);
      const reply = await post(
        context,
        { ...orderRequest(context), acceptTerms: false },
        { key: newKey(context, 'terms') },
      );
      expectFieldErrors(reply, ['acceptTerms'], 'POST /v1/orders with acceptTerms: false');
    },
  },
  {
    id: 'order-price-changed',
    area: 'orders',
    title: 'a stale expectedTotalCents is a 409 price-changed carrying the fresh quote',
    async run(context) {
      writes(context);
      needBuyer(context);
      const request = orderRequest(context);
      const stale = { ...request, expectedTotalCents: request.expectedTotalCents + 100 };
      const reply = await post(context, stale, { key: newKey(context, 'stale') });
      if (reply.status >= 200 && reply.status < 300) {
        fail(
          `POST /v1/orders with expectedTotalCents ${stale.expectedTotalCents} (the quote says ${request.expectedTotalCents}) created an order`,
        );
      }
      const problem = expectProblem(
        reply,
        409,
        'price-changed',
        'POST /v1/orders with a stale expectedTotalCents',
      );
      ensure(problem.quote !== undefined, 'the 409 price-changed carries no "quote"');
      const quote = expectShape(QuoteSchema, problem.quote, 'the 409’s quote');
      ensure(
        quote.totalCents === request.expectedTotalCents,
        `the 409’s quote totals ${quote.totalCents}, POST /v1/quotes said ${request.expectedTotalCents}`,
      );
    },
  },
  {
    id: 'order-create',
    area: 'orders',
    title:
      'POST /v1/orders creates the order at the quoted total, with its add-ons, term, method, status and instructions',
    async run(context) {
      writes(context);
      needBuyer(context);
      const request = orderRequest(context);
      const key = newKey(context, 'order');
      const reply = await post(context, request, { key });
      const order = expectOrder(reply, 'POST /v1/orders');
      expectOrderContents(order, request, `POST /v1/orders (${request.paymentMethod.type})`);
      context.order = { request, key, status: reply.status, body: reply.json, order };
      context.placed.push({ request, order, token: needBuyer(context).token });
    },
  },
  {
    id: 'order-replay',
    area: 'orders',
    title: 'the same Idempotency-Key and body answer the first response again (no second order)',
    async run(context) {
      writes(context);
      if (!context.order) skip('needs the order of "order-create"');
      const { request, key, status, body } = context.order;
      const reply = await post(context, request, { key });
      expectStatus(reply, status, 'the replay of POST /v1/orders');
      const difference = firstDifference(body, reply.json);
      ensure(
        difference === undefined,
        `the replay answered a different body than the first request: ${difference}`,
      );
    },
  },
  {
    id: 'order-key-reuse',
    area: 'orders',
    title: 'the same Idempotency-Key with a different body is a 422 problem',
    async run(context) {
      writes(context);
      if (!context.order) skip('needs the order of "order-create"');
      const { request, key } = context.order;
      const different = {
        ...request,
        acceptTerms: true,
        expectedTotalCents: request.expectedTotalCents + 1,
      };
      const reply = await post(context, different, { key });
      if (reply.status >= 200 && reply.status < 300) {
        fail('the same Idempotency-Key with a different body was answered as a success');
      }
      expectProblem(
        reply,
        422,
        ['invalid-request', 'invalid-selection'],
        'POST /v1/orders reusing a key with another body',
      );
    },
  },
  {
    id: 'order-concurrent',
    area: 'orders',
    title: 'five concurrent requests with one Idempotency-Key make one order',
    async run(context) {
      writes(context);
      needBuyer(context);
      const request = orderRequest(context);
      const key = newKey(context, 'concurrent');
      const replies = await Promise.all(
        Array.from({ length: 5 }, () => post(context, request, { key })),
      );
      const ids = new Set<string>();
      for (const [i, reply] of replies.entries()) {
        if (reply.status === 409) {
          const problem = expectProblem(
            reply,
            409,
            'request-in-progress',
            `concurrent request ${i + 1}`,
          );
          void problem;
          expectRetryAfter(reply, `concurrent request ${i + 1} (409 request-in-progress)`);
          continue;
        }
        ids.add(expectOrder(reply, `concurrent request ${i + 1}`).id);
      }
      if (ids.size === 0) {
        // Every one waited on another: the key must answer once the first completes.
        await new Promise((resolve) => setTimeout(resolve, 1000));
        ids.add(
          expectOrder(
            await post(context, request, { key }),
            'the request after the concurrent ones',
          ).id,
        );
      }
      ensure(
        ids.size === 1,
        `five concurrent requests with one key made ${ids.size} orders: ${[...ids].join(', ')}`,
      );
      const again = await post(context, request, { key });
      const replayed = expectOrder(again, 'the same key after the concurrent requests');
      ensure(
        ids.has(replayed.id),
        `the key now answers order ${replayed.id}, the concurrent requests made ${[...ids].join(', ')}`,
      );
    },
  },
  {
    id: 'order-offline-methods',
    area: 'orders',
    title:
      'an order by each other offline method of the catalog is awaiting_payment with its contents and instructions',
    async run(context) {
      writes(context);
      const buyer = needBuyer(context);
      const product = needProduct(context);
      if (!context.order) skip('needs the order of "order-create"');
      const others = OFFLINE_METHODS.filter(
        (m) =>
          m !== 'none' &&
          product.paymentMethods.includes(m) &&
          m !== context.order?.request.paymentMethod.type,
      );
      if (others.length === 0)
        notApplicable(
          `the catalog offers no offline method besides ${context.order.request.paymentMethod.type}`,
        );
      for (const method of others) {
        const request = orderRequest(context, method);
        const reply = await post(context, request, { key: newKey(context, method) });
        const what = `POST /v1/orders (${method})`;
        const order = expectOrder(reply, what);
        expectOrderContents(order, request, what);
        context.placed.push({ request, order, token: buyer.token });
      }
    },
  },
  {
    id: 'order-error-replay',
    area: 'orders',
    title: 'a refused request sent again with its Idempotency-Key gets the same error answer',
    async run(context) {
      writes(context);
      needBuyer(context);
      const key = newKey(context, 'refused');
      const refused = { ...orderRequest(context), acceptTerms: false };
      const first = await post(context, refused, { key });
      expectFieldErrors(first, ['acceptTerms'], 'POST /v1/orders with acceptTerms: false');
      const again = await post(context, refused, { key });
      expectStatus(again, first.status, 'the same refused request with the same Idempotency-Key');
      const difference = firstDifference(first.json, again.json);
      ensure(
        difference === undefined,
        `the refused request, sent again with its key, got another answer: ${difference}`,
      );
    },
  },
  {
    id: 'order-key-per-customer',
    area: 'orders',
    title:
      'Idempotency-Keys are per customer: another customer’s request with the same key and body is its own order',
    async run(context) {
      writes(context);
      if (!context.order) skip('needs the order of "order-create"');
      const { request, key, order: first } = context.order;
      const other = await needOtherBuyer(context);
      const reply = await post(context, request, { key, token: other.token });
      if (reply.status === 422)
        fail(
          'another customer’s request with the same Idempotency-Key and body was refused as a reused key: keys must be scoped per customer',
        );
      const order = expectOrder(reply, 'POST /v1/orders by another customer with the same key');
      ensure(
        order.id !== first.id,
        `another customer sending the same Idempotency-Key got the first customer’s order ${first.id} (${first.number}) back`,
      );
      expectOrderContents(order, request, 'the other customer’s order');
      context.placed.push({ request, order, token: other.token });
    },
  },
  {
    id: 'order-ineligible',
    area: 'orders',
    title: 'an order by a private individual is a 403 ineligible-customer problem',
    async run(context) {
      writes(context);
      const product = needProduct(context);
      if (product.eligibleCustomers.includes('private'))
        notApplicable(`product "${product.id}" may be bought by private individuals`);
      const request = orderRequest(context);
      const privateBuyer = await register(
        context.client,
        TEST_HOLDERS.private,
        'POST /v1/auth/register (a private individual)',
      );
      const reply = await post(context, request, {
        key: newKey(context, 'private'),
        token: privateBuyer.token,
      });
      if (reply.status >= 200 && reply.status < 300)
        fail('a private individual’s order was accepted');
      expectProblem(reply, 403, 'ineligible-customer', 'POST /v1/orders by a private individual');
    },
  },
];
