// Requests and answers of /v1/orders as the order checks send and read them.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { OrderSchema, type OrderRequest } from '../../src/api/schemas.ts';
import type { PaymentMethodType } from '../../src/domain/catalog.ts';
import type { Buyer, ConformanceContext } from '../context.ts';
import type { Reply } from '../http.ts';
import { expectJson, expectShape, expectStatus, skip } from '../runner.ts';
import { needProduct } from './catalog.ts';

type C = ConformanceContext;

/** Methods that complete without a payment page, in order of preference. */
const OFFLINE_METHODS: readonly PaymentMethodType[] = ['bank_transfer', 'postal_slip', 'none'];

export function writes(context: C): void {
  if (context.options.readOnly) skip('--read-only: sends no POST /v1/orders');
}

export function needBuyer(context: C): Buyer {
  if (!context.buyer)
    skip('no session: pass --username/--password or --portal-secret, or drop --read-only');
  return context.buyer;
}

/** An order for the quoted selection, paid by a method that needs no payment page. */
export function orderRequest(context: C): OrderRequest {
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
