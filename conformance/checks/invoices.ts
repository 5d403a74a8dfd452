// GET /v1/orders/{id}/invoice: the owner's electronic invoice (FatturaPA XML) of a paid order.
import type { ConformanceContext } from '../context.ts';
import { expectProblem } from '../problem.ts';
import { ensure, expectStatus, skip, type Check } from '../runner.ts';
import { needBuyer, needOtherBuyer } from './order-requests.ts';

type C = ConformanceContext;

const invoice = (context: C, id: string, token?: string) =>
  context.client.request('GET', `v1/orders/${encodeURIComponent(id)}/invoice`, {
    headers: { Accept: 'application/xml' },
    ...(token ? { token } : {}),
  });

function needPaidOrder(context: C) {
  const paid = context.paidOnline?.find((p) => p.resume);
  if (!paid)
    skip(
      'needs a paid order: the kit pays one on its payment page (see "payment-page-driven"), which could not be completed',
    );
  return paid.order;
}

export const invoiceChecks: Check<C>[] = [
  {
    id: 'invoice-owner',
    area: 'invoices',
    title: 'GET /v1/orders/{id}/invoice answers the owner the paid order’s XML invoice',
    async run(context) {
      const buyer = needBuyer(context);
      const order = needPaidOrder(context);
      const what = `GET /v1/orders/${order.id}/invoice`;
      const reply = await invoice(context, order.id, buyer.token);
      expectStatus(reply, 200, what);
      ensure(
        /^(application|text)\/([a-z.+-]+\+)?xml\b/i.test(reply.contentType),
        `${what}: expected an XML content type, received "${reply.contentType || '(none)'}"`,
      );
      ensure(
        /<([A-Za-z0-9_-]+:)?FatturaElettronica\b/.test(reply.text),
        `${what}: the body is not a FatturaPA invoice (no FatturaElettronica element)`,
      );
    },
  },
  {
    id: 'invoice-refused',
    area: 'invoices',
    title:
      'an invoice is a 404 for another customer and for an unpaid order, a 401 without a session',
    async run(context) {
      const buyer = needBuyer(context);
      const order = needPaidOrder(context);
      const other = await needOtherBuyer(context);
      expectProblem(
        await invoice(context, order.id, other.token),
        404,
        'not-found',
        'GET /v1/orders/{id}/invoice by another customer',
      );
      expectProblem(
        await invoice(context, order.id),
        401,
        'unauthorized',
        'GET /v1/orders/{id}/invoice without Authorization',
      );
      const unpaid = context.placed.find(
        (p) => p.token === buyer.token && p.order.status === 'awaiting_payment',
      );
      if (unpaid) {
        expectProblem(
          await invoice(context, unpaid.order.id, buyer.token),
          404,
          'not-found',
          `GET /v1/orders/{id}/invoice of an order still awaiting its ${unpaid.order.paymentMethod}`,
        );
      }
    },
  },
];
