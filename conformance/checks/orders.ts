// POST /v1/orders (Idempotency-Key, price changes, terms, eligibility) and GET /v1/orders/{id}
// (the owner, another customer, no session, a resume token).
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { OrderSchema, QuoteSchema, type OrderRequest } from '../../src/api/schemas.ts';
import type { PaymentMethodType } from '../../src/domain/catalog.ts';
import type { Buyer, ConformanceContext } from '../context.ts';
import type { Reply } from '../http.ts';
import { expectFieldErrors, expectProblem, expectRetryAfter, problemCode } from '../problem.ts';
import {
  ensure,
  expectJson,
  expectShape,
  expectStatus,
  fail,
  skip,
  type Check,
} from '../runner.ts';
import { register, TEST_HOLDERS } from './auth.ts';
import { needProduct } from './catalog.ts';

type C = ConformanceContext;

/** Methods that complete without a payment page, in order of preference. */
const OFFLINE_METHODS: readonly PaymentMethodType[] = ['bank_transfer', 'postal_slip', 'none'];

function writes(context: C): void {
  if (context.options.readOnly) skip('--read-only: sends no POST /v1/orders');
}

function needBuyer(context: C): Buyer {
  if (!context.buyer)
    skip('no session: pass --username/--password or --portal-secret, or drop --read-only');
  return context.buyer;
}

/** An order for the quoted selection, paid by a method that needs no payment page. */
function orderRequest(context: C): OrderRequest {
  const product = needProduct(context);
  if (!context.selection || !context.quote) skip('needs a quote (see "quote-valid")');
  const method =
    context.quote.totalCents === 0 && product.paymentMethods.includes('none')
      ? 'none'
      : OFFLINE_METHODS.find((m) => m !== 'none' && product.paymentMethods.includes(m));
  if (!method) {
    skip(
      `product "${product.id}" offers no payment method without a payment page (${OFFLINE_METHODS.join(', ')})`,
    );
  }
  return {
    ...context.selection,
    expectedTotalCents: context.quote.totalCents,
    paymentMethod: { type: method },
    acceptTerms: true,
  };
}

/** Where two JSON values first differ (key order aside), or `undefined` when they are equal. */
function firstDifference(first: unknown, second: unknown, path = ''): string | undefined {
  if (isDeepStrictEqual(first, second)) return undefined;
  const at = path || '(the whole body)';
  if (first && second && typeof first === 'object' && typeof second === 'object') {
    const keys = new Set([...Object.keys(first), ...Object.keys(second)]);
    for (const key of keys) {
      const a = (first as Record<string, unknown>)[key];
      const b = (second as Record<string, unknown>)[key];
      const found = firstDifference(a, b, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return `at ${at} the first answer had ${JSON.stringify(first)}, the replay ${JSON.stringify(second)}`;
}

const newKey = (context: C, label: string) =>
  `conformance-${context.runId}-${label}-${randomUUID()}`;

function post(context: C, body: unknown, options: { key?: string; token?: string | null } = {}) {
  const headers = options.key ? { 'Idempotency-Key': options.key } : undefined;
  const token = options.token === null ? undefined : (options.token ?? context.buyer?.token);
  return context.client.request('POST', 'v1/orders', {
    json: body,
    ...(headers ? { headers } : {}),
    ...(token ? { token } : {}),
  });
}

function expectOrder(reply: Reply, what: string) {
  expectStatus(reply, [200, 201], what);
  expectJson(reply, what);
  return expectShape(OrderSchema, reply.json, `${what}: the order`);
}

const getOrder = (context: C, id: string, options: { token?: string; resume?: string } = {}) =>
  context.client.request('GET', `v1/orders/${encodeURIComponent(id)}`, {
    ...(options.token ? { token: options.token } : {}),
    ...(options.resume ? { headers: { 'Cassa-Resume': options.resume } } : {}),
  });

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
  {
    id: 'order-read',
    title: 'GET /v1/orders/{id} answers the owner the order',
    async run(context) {
      if (!context.order)
        skip(
          context.options.readOnly
            ? '--read-only: no order was created to read'
            : 'needs the order of "order-create"',
        );
      const { order } = context.order;
      const reply = await getOrder(context, order.id, { token: context.buyer?.token });
      const read = expectOrder(reply, `GET /v1/orders/${order.id}`);
      ensure(
        read.id === order.id && read.number === order.number,
        `GET answered order ${read.id} (${read.number}), created was ${order.id} (${order.number})`,
      );
      ensure(
        read.totalCents === order.totalCents,
        `GET answered totalCents ${read.totalCents}, created was ${order.totalCents}`,
      );
    },
  },
  {
    id: 'order-read-other-customer',
    title: 'another customer’s order is a 404 problem',
    async run(context) {
      if (!context.order)
        skip(
          context.options.readOnly
            ? '--read-only: no order was created to read'
            : 'needs the order of "order-create"',
        );
      const other =
        context.otherBuyer ??
        (await register(
          context.client,
          TEST_HOLDERS.professional,
          'POST /v1/auth/register (a second customer)',
        ));
      context.otherBuyer = other;
      const reply = await getOrder(context, context.order.order.id, { token: other.token });
      expectProblem(reply, 404, 'not-found', 'GET /v1/orders/{id} by another customer');
    },
  },
  {
    id: 'order-read-unknown',
    title: 'an unknown order is a 404 problem',
    async run(context) {
      const buyer = needBuyer(context);
      const reply = await getOrder(context, `conformance-no-such-order-${context.runId}`, {
        token: buyer.token,
      });
      expectProblem(reply, 404, 'not-found', 'GET /v1/orders/{unknown}');
    },
  },
  {
    id: 'order-read-unauthorized',
    title: 'GET /v1/orders/{id} without a session or resume token is a 401 problem',
    async run(context) {
      const id = context.order?.order.id ?? `conformance-no-such-order-${context.runId}`;
      const reply = await getOrder(context, id);
      expectProblem(
        reply,
        401,
        'unauthorized',
        'GET /v1/orders/{id} without Authorization or Cassa-Resume',
      );
    },
  },
  {
    id: 'order-resume-forged',
    title: 'a forged Cassa-Resume token reads nothing (401 or 404 problem)',
    async run(context) {
      const id =
        context.order?.order.id ??
        context.options.resume?.orderId ??
        `conformance-no-such-order-${context.runId}`;
      const reply = await getOrder(context, id, { resume: `forged-${context.runId}` });
      if (reply.status === 200) fail('a forged Cassa-Resume token read the order');
      const code = problemCode(String((reply.json as { type?: unknown } | undefined)?.type ?? ''));
      if (reply.status === 401 || code === 'unauthorized')
        expectProblem(reply, 401, 'unauthorized', 'GET /v1/orders/{id} with a forged Cassa-Resume');
      else expectProblem(reply, 404, 'not-found', 'GET /v1/orders/{id} with a forged Cassa-Resume');
    },
  },
  {
    id: 'order-resume',
    title: 'a resume token (Cassa-Resume) reads its order without a session, and no other',
    async run(context) {
      const resume = context.options.resume;
      if (!resume) {
        skip(
          'needs a resume token from a payment page’s return URL (…?cassa_order=ID&cassa_resume=TOKEN): pass --resume ID:TOKEN',
        );
      }
      const reply = await getOrder(context, resume.orderId, { resume: resume.token });
      const order = expectOrder(reply, `GET /v1/orders/${resume.orderId} with Cassa-Resume`);
      ensure(
        order.id === resume.orderId,
        `the resume token read order ${order.id}, not ${resume.orderId}`,
      );
      const otherId = context.order?.order.id;
      if (otherId && otherId !== resume.orderId) {
        const other = await getOrder(context, otherId, { resume: resume.token });
        ensure(
          other.status !== 200,
          `the resume token of order ${resume.orderId} also read order ${otherId}`,
        );
      }
    },
  },
];
