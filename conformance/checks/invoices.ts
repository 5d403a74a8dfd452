// GET /v1/orders/{id}/invoice: the owner's electronic invoice (FatturaPA XML) of a paid order.
import { InvoicesSchema } from '../../src/api/after-sale-schemas.ts';
import type { ConformanceContext } from '../context.ts';
import { expectProblem } from '../problem.ts';
import { ensure, expectShape, expectStatus, skip, type Check } from '../runner.ts';
import { needBuyer, needOtherBuyer } from './order-requests.ts';

type C = ConformanceContext;

export const invoice = (context: C, id: string, token?: string) =>
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
  {
    id: 'invoices-list',
    area: 'invoices',
    title:
      'GET /v1/me/invoices lists the paid order’s invoice at its total, its XML for the owner only; 401 without a session',
    async run(context) {
      const buyer = needBuyer(context);
      const order = needPaidOrder(context);
      const reply = await context.client.request('GET', 'v1/me/invoices', { token: buyer.token });
      expectStatus(reply, 200, 'GET /v1/me/invoices');
      const list = expectShape(InvoicesSchema, reply.json, 'GET /v1/me/invoices');
      const invoice = list.items.find((i) => i.orderId === order.id && i.kind === 'order');
      ensure(
        invoice,
        `GET /v1/me/invoices lists no invoice of kind "order" for the paid order ${order.number}`,
      );
      ensure(
        invoice.totalCents === order.totalCents,
        `the invoice ${invoice.number} of order ${order.number} totals ${invoice.totalCents}, the order ${order.totalCents}`,
      );
      // Links are relative to the backend (`/v1/me/invoices/{id}/xml`).
      const xmlPath = invoice.xmlUrl.replace(/^\/+/, '');
      const xml = await getXml(context, xmlPath, buyer.token);
      expectStatus(xml, 200, `GET ${invoice.xmlUrl}`);
      ensure(
        /<([A-Za-z0-9_-]+:)?FatturaElettronica\b/.test(xml.text),
        `GET ${invoice.xmlUrl}: the body is not a FatturaPA invoice`,
      );
      const other = await needOtherBuyer(context);
      const theirs = await context.client.request('GET', 'v1/me/invoices', { token: other.token });
      expectStatus(theirs, 200, 'GET /v1/me/invoices (another customer)');
      const listed = expectShape(InvoicesSchema, theirs.json, 'GET /v1/me/invoices');
      ensure(
        !listed.items.some((i) => i.orderId === order.id),
        `another customer’s GET /v1/me/invoices lists the invoice of order ${order.number}`,
      );
      expectProblem(
        await getXml(context, xmlPath, other.token),
        404,
        'not-found',
        `GET ${invoice.xmlUrl} by another customer`,
      );
      expectProblem(
        await context.client.request('GET', 'v1/me/invoices'),
        401,
        'unauthorized',
        'GET /v1/me/invoices without Authorization',
      );
    },
  },
];

function getXml(context: C, path: string, token: string) {
  return context.client.request('GET', path, { headers: { Accept: 'application/xml' }, token });
}
