// A checkout with a saved card the bank wants authenticated (strong customer authentication, a
// 3-D Secure-like challenge): the backend creates the order pending_payment and sends the buyer
// to the provider's challenge for that card instead of refusing it, charges it only once the
// buyer confirms there (the order then paid, with its invoice), refuses it when the buyer does
// not, and answers 402 when the order gives it nowhere to send the buyer (no returnUrl). The kit
// saves such a card first with the sandbox's test card 4000 0025 0000 3155, paid on its page
// through the challenge.
import type { Order, OrderRequest } from '../../src/api/schemas.ts';
import { PaymentMethodsSchema } from '../../src/api/schemas.ts';
import type { ConformanceContext } from '../context.ts';
import { CHALLENGE_CARD, drivePaymentPage, type DriveOptions } from '../payment-page.ts';
import { expectProblem } from '../problem.ts';
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
import { invoice } from './invoices.ts';
import { expectOrder, needBuyer, newKey, orderRequest, post, writes } from './order-requests.ts';
import { settledStatus } from './payment-pages.ts';

type C = ConformanceContext;

const LAST_FOUR = CHALLENGE_CARD.slice(-4);

async function savedMethods(context: C, token: string) {
  const reply = await context.client.request('GET', 'v1/me/payment-methods', { token });
  expectStatus(reply, 200, 'GET /v1/me/payment-methods');
  return expectShape(PaymentMethodsSchema, reply.json, 'GET /v1/me/payment-methods').items;
}

/** Places `request` as the buyer; `keep` adds the order to the run's orders. */
async function place(context: C, request: OrderRequest, label: string) {
  const reply = await post(context, request, { key: newKey(context, label) });
  const token = needBuyer(context).token;
  return { reply, keep: (order: Order) => context.placed.push({ request, order, token }) };
}

/** Drives `order`'s page with `options`; skips with the reason when the kit cannot. */
async function drive(context: C, order: Order, options: DriveOptions, what: string) {
  if (!order.action) fail(`${what} carries no redirect action`);
  const driven = await drivePaymentPage(
    order.action.url,
    context.returnUrl,
    context.options.timeoutMs,
    options,
  );
  if (!driven.ok)
    skip(
      `the kit could not drive the provider’s page of ${what}: ${driven.reason} (${driven.steps.join('; ') || 'no request answered'})`,
    );
  ensure(
    driven.orderId === order.id,
    `${what}: the provider’s page returned with cassa_order=${driven.orderId}, the order is ${order.id}`,
  );
  return driven;
}

function isAbsoluteHttp(url: string): boolean {
  try {
    return /^https?:$/.test(new URL(url).protocol);
  } catch {
    return false;
  }
}

export const strongAuthenticationChecks: Check<C>[] = [
  {
    id: 'saved-card-authentication',
    area: 'payment-pages',
    title: `a checkout with a saved card the bank wants authenticated (sandbox test card …${LAST_FOUR}): pending_payment with a redirect to the provider’s challenge, not a 402; confirmed there, the order is paid with its invoice; not confirmed, refused without an invoice; without a returnUrl, a 402 payment-refused`,
    async run(context) {
      writes(context);
      const buyer = needBuyer(context);
      const product = needProduct(context);
      if (!product.paymentMethods.includes('card'))
        notApplicable(`product "${product.id}" is not sold by card`);
      const base = orderRequest(context, 'card');

      // The card, saved by a purchase whose challenge the buyer confirms.
      const firstWhat = `the card order paid with test card …${LAST_FOUR} (to save it)`;
      const first = await place(context, { ...base, returnUrl: context.returnUrl }, 'sca-save');
      const firstOrder = expectOrder(
        first.reply,
        `POST /v1/orders (card, paid with …${LAST_FOUR} on its page)`,
      );
      first.keep(firstOrder);
      if (!firstOrder.action) skip(`${firstWhat} carries no action (see "order-online-methods")`);
      const saving = await drive(context, firstOrder, { cardNumber: CHALLENGE_CARD }, firstWhat);
      if (saving.submitted < 2)
        notApplicable(
          `the payment page asked for no bank authentication with test card ${CHALLENGE_CARD} (the reference sandbox’s card that asks for it): the kit has no saved card the bank wants authenticated`,
        );
      const firstStatus = await settledStatus(context, firstOrder.id, saving.token);
      ensure(
        firstStatus === 'paid' || firstStatus === 'active',
        `${firstWhat}: after the buyer confirmed the bank’s challenge on the payment page the order is "${firstStatus}", expected "paid"`,
      );
      const card = (await savedMethods(context, buyer.token)).find(
        (m) => m.type === 'card' && m.label.includes(LAST_FOUR),
      );
      if (!card)
        skip(
          `after ${firstWhat} was paid, GET /v1/me/payment-methods lists no card ending ${LAST_FOUR}: the kit has no saved card to check out with`,
        );
      const withSaved = (returnUrl?: string): OrderRequest => ({
        ...base,
        paymentMethod: { type: 'card', savedId: card.id },
        ...(returnUrl ? { returnUrl } : {}),
      });

      // Confirmed: pending_payment with a redirect, then paid with its invoice.
      const what = `POST /v1/orders with the saved card ${card.label} (${card.id}), which the bank wants authenticated, and a returnUrl`;
      const approved = await place(context, withSaved(context.returnUrl), 'sca-approve');
      if (approved.reply.status === 402)
        fail(
          `${what} answered HTTP 402: the backend refused the order instead of sending the buyer to the bank’s challenge (create it pending_payment with a redirect action to the provider’s authentication page, and charge the card once the buyer confirms there)`,
        );
      const order = expectOrder(approved.reply, what);
      approved.keep(order);
      ensure(
        order.status !== 'paid' && order.status !== 'active',
        `${what}: the order is "${order.status}" at once, so the card was charged without the bank’s authentication (expected pending_payment with a redirect to the provider’s challenge)`,
      );
      ensure(
        order.status === 'pending_payment' && order.action,
        `${what}: expected pending_payment with a redirect action to the provider’s challenge, received "${order.status}"${order.action ? '' : ' without an action'}`,
      );
      ensure(
        isAbsoluteHttp(order.action.url),
        `${what}: the action's url "${order.action.url}" is not an absolute http(s) URL the widget can send the buyer to`,
      );
      const confirmed = await drive(
        context,
        order,
        { challenge: 'approve' },
        `the order ${order.number} with the saved card`,
      );
      const status = await settledStatus(context, order.id, confirmed.token);
      ensure(
        status === 'paid' || status === 'active',
        `the order ${order.number} with the saved card ${card.label}: after the buyer confirmed the bank’s challenge the order is "${status}", expected "paid"`,
      );
      const invoiceWhat = `GET /v1/orders/${order.id}/invoice (the order paid with the saved card after the challenge)`;
      let bill = await invoice(context, order.id, buyer.token);
      for (let attempt = 0; attempt < 10 && bill.status === 404; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        bill = await invoice(context, order.id, buyer.token);
      }
      expectStatus(bill, 200, `${invoiceWhat}: the paid order has no invoice`);
      ensure(
        /<([A-Za-z0-9_-]+:)?FatturaElettronica\b/.test(bill.text),
        `${invoiceWhat}: the body is not a FatturaPA invoice (no FatturaElettronica element)`,
      );

      // Not confirmed: refused, nothing invoiced.
      const failedWhat = `${what} (the challenge then not confirmed)`;
      const declined = await place(context, withSaved(context.returnUrl), 'sca-fail');
      const refusedOrder = expectOrder(declined.reply, failedWhat);
      declined.keep(refusedOrder);
      ensure(
        refusedOrder.status === 'pending_payment' && refusedOrder.action,
        `${failedWhat}: expected pending_payment with a redirect action to the provider’s challenge, received "${refusedOrder.status}"`,
      );
      const failed = await drive(
        context,
        refusedOrder,
        { challenge: 'fail' },
        `the order ${refusedOrder.number} with the saved card`,
      );
      const refused = await settledStatus(context, refusedOrder.id, failed.token);
      ensure(
        refused === 'refused',
        `the order ${refusedOrder.number} with the saved card ${card.label}: after the buyer did not confirm the bank’s challenge the order is "${refused}", expected "refused"`,
      );
      expectProblem(
        await invoice(context, refusedOrder.id, buyer.token),
        404,
        'not-found',
        `GET /v1/orders/${refusedOrder.id}/invoice of the order whose challenge failed (nothing was charged, nothing may be invoiced)`,
      );

      // Nowhere to send the buyer: refused at once.
      const nowhere = `POST /v1/orders with the saved card ${card.label}, which the bank wants authenticated, and no returnUrl (nowhere to send the buyer for the challenge)`;
      const direct = await place(context, withSaved(), 'sca-no-return');
      if (direct.reply.status >= 200 && direct.reply.status < 300) {
        const placed = expectOrder(direct.reply, nowhere);
        direct.keep(placed);
        fail(
          `${nowhere} was accepted as "${placed.status}" (HTTP ${direct.reply.status}): without a return URL the buyer cannot answer the challenge, expected a 402 payment-refused`,
        );
      }
      expectProblem(direct.reply, 402, 'payment-refused', nowhere);
    },
  },
];
