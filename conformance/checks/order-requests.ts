// Requests and answers of /v1/orders as the order checks send and read them.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { OrderSchema, type Order, type OrderRequest } from '../../src/api/schemas.ts';
import type { PaymentMethodType } from '../../src/domain/catalog.ts';
import type { Buyer, ConformanceContext } from '../context.ts';
import type { Reply } from '../http.ts';
import { ensure, expectJson, expectShape, expectStatus, skip } from '../runner.ts';
import { register, TEST_HOLDERS } from './auth.ts';
import { needProduct } from './catalog.ts';

type C = ConformanceContext;

/** Methods that complete without a payment page, in order of preference. */
export const OFFLINE_METHODS: readonly PaymentMethodType[] = [
  'bank_transfer',
  'postal_slip',
  'none',
];

export function writes(context: C): void {
  if (context.options.readOnly) skip('--read-only: sends no POST /v1/orders');
}

export function needBuyer(context: C): Buyer {
  if (!context.buyer)
    skip('no session: pass --username/--password or --portal-secret, or drop --read-only');
  return context.buyer;
}

/** A second customer (registered once), for ownership checks. */
export async function needOtherBuyer(context: C): Promise<Buyer> {
  writes(context);
  context.otherBuyer ??= await register(
    context.client,
    TEST_HOLDERS.professional,
    'POST /v1/auth/register (a second customer)',
  );
  return context.otherBuyer;
}

/** An order for the quoted selection, paid by `method` or one that needs no payment page. */
export function orderRequest(context: C, only?: PaymentMethodType): OrderRequest {
  const product = needProduct(context);
  if (!context.selection || !context.quote) skip('needs a quote (see "quote-valid")');
  const method =
    only ??
    (context.quote.totalCents === 0 && product.paymentMethods.includes('none')
      ? 'none'
      : OFFLINE_METHODS.find((m) => m !== 'none' && product.paymentMethods.includes(m)));
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
export function firstDifference(first: unknown, second: unknown, path = ''): string | undefined {
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

export const newKey = (context: C, label: string) =>
  `conformance-${context.runId}-${label}-${randomUUID()}`;

export function post(
  context: C,
  body: unknown,
  options: { key?: string; token?: string | null } = {},
) {
  const headers = options.key ? { 'Idempotency-Key': options.key } : undefined;
  const token = options.token === null ? undefined : (options.token ?? context.buyer?.token);
  return context.client.request('POST', 'v1/orders', {
    json: body,
    ...(headers ? { headers } : {}),
    ...(token ? { token } : {}),
  });
}

/** The status an order must have right after POST /v1/orders, by how it is paid. */
export function statusAfterPlacing(request: OrderRequest, coterm: boolean): Order['status'] {
  const method = request.paymentMethod.type;
  const online = method === 'card' || method === 'paypal';
  if (method === 'none') return 'active';
  if (method === 'bank_transfer' || method === 'postal_slip') return 'awaiting_payment';
  if (
    online &&
    request.paymentMethod.savedId === undefined &&
    (!coterm || (request.topUpCents ?? 0) > 0)
  )
    return 'pending_payment';
  return coterm && request.expectedTotalCents === 0 && !request.topUpCents ? 'active' : 'paid';
}

const addonList = (addons: readonly { id: string; quantity: number }[]) =>
  addons
    .filter((a) => a.quantity > 0)
    .map((a) => `${a.quantity} × ${a.id}`)
    .sort()
    .join(', ') || 'none';

/**
 * What an order answer must say of its request: product, plan, term, add-ons, total, method,
 * the status its method gives, the bank details of an offline payment, the redirect of an
 * online one.
 */
export function expectOrderContents(
  order: Order,
  request: OrderRequest,
  what: string,
  coterm = false,
): void {
  ensure(
    order.productId === request.productId && order.planId === request.planId,
    `${what}: the order is for ${order.productId}/${order.planId}, the request for ${request.productId}/${request.planId}`,
  );
  ensure(
    order.years === request.years,
    `${what}: the order's years is ${order.years}, the request's ${request.years}`,
  );
  ensure(
    addonList(order.addons) === addonList(request.addons),
    `${what}: the order's add-ons are [${addonList(order.addons)}], the request's [${addonList(request.addons)}]`,
  );
  ensure(
    order.totalCents === request.expectedTotalCents,
    `${what}: the order totals ${order.totalCents}, the quote ${request.expectedTotalCents}`,
  );
  ensure(
    order.paymentMethod === request.paymentMethod.type,
    `${what}: the order's paymentMethod is "${order.paymentMethod}", the request's "${request.paymentMethod.type}"`,
  );
  const status = statusAfterPlacing(request, coterm);
  ensure(
    order.status === status,
    `${what}: an order paid by ${request.paymentMethod.type} must be "${status}" when placed, it is "${order.status}"`,
  );
  const method = request.paymentMethod.type;
  if (method === 'bank_transfer' || method === 'postal_slip') {
    ensure(order.instructions, `${what}: an order paid by ${method} carries no "instructions"`);
    ensure(
      order.instructions.method === method,
      `${what}: the instructions are for "${order.instructions.method}", the order is paid by "${method}"`,
    );
    ensure(
      order.instructions.amountCents === order.totalCents,
      `${what}: the instructions ask for ${order.instructions.amountCents}, the order totals ${order.totalCents}`,
    );
    ensure(order.instructions.account.trim(), `${what}: the instructions carry no account`);
    ensure(order.instructions.reference.trim(), `${what}: the instructions carry no reference`);
  }
  if (status === 'pending_payment') {
    ensure(
      order.action,
      `${what}: a ${method} order waiting for its payment page carries no "action"`,
    );
    let url: URL | undefined;
    try {
      url = new URL(order.action.url);
    } catch {
      url = undefined;
    }
    ensure(
      url && (url.protocol === 'https:' || url.protocol === 'http:'),
      `${what}: the action's url "${order.action.url}" is not an absolute http(s) URL the widget can send the buyer to`,
    );
  }
}

export function expectOrder(reply: Reply, what: string) {
  expectStatus(reply, [200, 201], what);
  expectJson(reply, what);
  return expectShape(OrderSchema, reply.json, `${what}: the order`);
}

export const getOrder = (
  context: C,
  id: string,
  options: { token?: string; resume?: string } = {},
) =>
  context.client.request('GET', `v1/orders/${encodeURIComponent(id)}`, {
    ...(options.token ? { token: options.token } : {}),
    ...(options.resume ? { headers: { 'Cassa-Resume': options.resume } } : {}),
  });
