// POST /v1/orders: a session and an Idempotency-Key required, terms, a stale total (409 with the
// fresh quote), the order itself, its replay, a reused key, concurrent requests, eligibility.
import { QuoteSchema } from '../../src/api/schemas.ts';
import type { ConformanceContext } from '../context.ts';
import { expectFieldErrors, expectProblem, expectRetryAfter } from '../problem.ts';
import { ensure, expectShape, expectStatus, fail, skip, type Check } from '../runner.ts';
import { register, TEST_HOLDERS } from './auth.ts';
import { needProduct } from './catalog.ts';
import {
  expectOrder,
  firstDifference,
  needBuyer,
  newKey,
  orderRequest,
  post,
  writes,
} from './order-requests.ts';

type C = ConformanceContext;

export const orderChecks: Check<C>[] = [
  {
    id: 'order-unauthorized',
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
    title: 'POST /v1/orders creates the order at the quoted total',
    async run(context) {
      writes(context);
      needBuyer(context);
      const request = orderRequest(context);
      const key = newKey(context, 'order');
      const reply = await post(context, request, { key });
      const order = expectOrder(reply, 'POST /v1/orders');
      ensure(
        order.totalCents === request.expectedTotalCents,
        `the order totals ${order.totalCents}, the quote ${request.expectedTotalCents}`,
      );
      ensure(
        order.productId === request.productId && order.planId === request.planId,
        `the order is for ${order.productId}/${order.planId}, the request for ${request.productId}/${request.planId}`,
      );
      ensure(
        order.paymentMethod === request.paymentMethod.type,
        `the order's paymentMethod is "${order.paymentMethod}", the request's "${request.paymentMethod.type}"`,
      );
      ensure(
        order.years === request.years,
        `the order's years is ${order.years}, the request's ${request.years}`,
      );
      context.order = { request, key, status: reply.status, body: reply.json, order };
    },
  },
  {
    id: 'order-replay',
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
    id: 'order-ineligible',
    title: 'an order by a private individual is a 403 ineligible-customer problem',
    async run(context) {
      writes(context);
      const product = needProduct(context);
      if (product.eligibleCustomers.includes('private'))
        skip(`product "${product.id}" may be bought by private individuals`);
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
