// Card and PayPal orders: the redirect `action`, the payment page driven where the kit can (the
// reference sandbox), the resume token it returns with, and the saved methods it leaves.
import { PaymentMethodsSchema, type Order } from '../../src/api/schemas.ts';
import type { PaymentMethodType } from '../../src/domain/catalog.ts';
import type { ConformanceContext } from '../context.ts';
import { drivePaymentPage } from '../payment-page.ts';
import {
  ensure,
  expectShape,
  expectStatus,
  fail,
  notApplicable,
  skip,
  type Check,
} from '../runner.ts';
import { needProduct } from './catalog.ts';
import { resumeChecks } from './order-reads.ts';
import {
  expectOrder,
  expectOrderContents,
  getOrder,
  needBuyer,
  needOtherBuyer,
  newKey,
  orderRequest,
  post,
  writes,
} from './order-requests.ts';

type C = ConformanceContext;

export const ONLINE_METHODS: readonly PaymentMethodType[] = ['card', 'paypal'];

/**
 * The order's status once its payment page has sent the buyer back, read with the return's
 * resume token. A provider may confirm a moment later: it is read a few times before judging.
 */
export async function settledStatus(context: C, orderId: string, resume: string): Promise<string> {
  let status = '';
  for (let attempt = 0; attempt < 10; attempt++) {
    const reply = await getOrder(context, orderId, { resume });
    const read = expectOrder(reply, `GET /v1/orders/${orderId} with the returned Cassa-Resume`);
    status = read.status;
    if (status !== 'pending_payment') break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return status;
}

/** Drives an order's payment page; on success the order must read back paid with the token. */
export async function payOnline(
  context: C,
  order: Order,
  what: string,
): Promise<{ orderId: string; token: string } | string> {
  if (!order.action) return `${what} carries no action`;
  const driven = await drivePaymentPage(
    order.action.url,
    context.returnUrl,
    context.options.timeoutMs,
  );
  if (!driven.ok)
    return `${what}: ${driven.reason} (${driven.steps.join('; ') || 'no request answered'})`;
  ensure(
    driven.orderId === order.id,
    `${what}: the payment page returned with cassa_order=${driven.orderId}, the order is ${order.id}`,
  );
  const status = await settledStatus(context, order.id, driven.token);
  ensure(
    status === 'paid' || status === 'active',
    `${what}: after its payment page approved the payment the order is "${status}", expected "paid"`,
  );
  return { orderId: driven.orderId, token: driven.token };
}

/** A label that shows a whole card number: 13 to 19 digits, spaces or dashes between. */
const FULL_CARD_NUMBER = /(?:\d[ -]?){12,18}\d/;

export const paymentPageChecks: Check<C>[] = [
  {
    id: 'order-online-methods',
    area: 'payment-pages',
    title:
      'an order by card and by PayPal (each the catalog offers) is pending_payment with a redirect action to an absolute URL',
    async run(context) {
      writes(context);
      const buyer = needBuyer(context);
      const product = needProduct(context);
      const methods = ONLINE_METHODS.filter((m) => product.paymentMethods.includes(m));
      if (methods.length === 0)
        notApplicable(`product "${product.id}" offers neither card nor PayPal`);
      context.paidOnline = [];
      for (const method of methods) {
        const request = { ...orderRequest(context, method), returnUrl: context.returnUrl };
        const what = `POST /v1/orders (${method})`;
        const order = expectOrder(
          await post(context, request, { key: newKey(context, method) }),
          what,
        );
        expectOrderContents(order, request, what);
        context.placed.push({ request, order, token: buyer.token });
        context.paidOnline.push({ order });
      }
    },
  },
  {
    id: 'payment-page-driven',
    area: 'payment-pages',
    title:
      'each payment page, driven with the sandbox test card or account, returns to returnUrl with a resume token; the order is then paid',
    async run(context) {
      writes(context);
      if (!context.paidOnline?.length) skip('needs the orders of "order-online-methods"');
      const reasons: string[] = [];
      for (const entry of context.paidOnline) {
        const what = `the ${entry.order.paymentMethod} order ${entry.order.number}`;
        const result = await payOnline(context, entry.order, what);
        if (typeof result === 'string') reasons.push(result);
        else entry.resume = result;
      }
      if (reasons.length)
        skip(`the kit could not complete the payment page: ${reasons.join(' | ')}`);
    },
  },
  ...resumeChecks,
  {
    id: 'saved-methods',
    area: 'payment-pages',
    title:
      'GET /v1/me/payment-methods never shows a full card number; another customer’s savedId is refused',
    async run(context) {
      const buyer = needBuyer(context);
      const reply = await context.client.request('GET', 'v1/me/payment-methods', {
        token: buyer.token,
      });
      expectStatus(reply, 200, 'GET /v1/me/payment-methods');
      const methods = expectShape(PaymentMethodsSchema, reply.json, 'GET /v1/me/payment-methods');
      for (const item of methods.items) {
        ensure(
          !FULL_CARD_NUMBER.test(item.label),
          `the saved method ${item.id} is labelled "${item.label}": a whole card number (show the brand and the last four digits)`,
        );
      }
      const saved = methods.items[0];
      if (!saved)
        skip(
          'the account has no saved card or PayPal account (a payment page completed by the kit, or an account that has one, would give it one)',
        );
      writes(context);
      const other = await needOtherBuyer(context);
      const product = needProduct(context);
      if (!product.paymentMethods.includes(saved.type))
        notApplicable(`product "${product.id}" is not sold by ${saved.type}`);
      const request = {
        ...orderRequest(context, saved.type),
        paymentMethod: { type: saved.type, savedId: saved.id },
        returnUrl: context.returnUrl,
      };
      const stolen = await post(context, request, {
        key: newKey(context, 'saved'),
        token: other.token,
      });
      if (stolen.status >= 200 && stolen.status < 300)
        fail(
          `another customer’s order paid with savedId ${saved.id} (${saved.label}), which is not theirs, was accepted (HTTP ${stolen.status})`,
        );
      ensure(
        stolen.status >= 400 && stolen.status < 500,
        `an order with another customer’s savedId: expected a 4xx problem, received HTTP ${stolen.status}`,
      );
    },
  },
];
