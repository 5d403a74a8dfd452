// GET /v1/orders/:id/invoice (the owner's FatturaPA XML of the sale), GET /v1/me/invoices (every
// invoice of the caller's: sales, renewals, add-on renewals) with each one's XML and readable
// copy, and the copy link of the confirmation email: /invoices/:token (HTML, copia di cortesia)
// and /invoices/:token/xml.
import { Hono, type Context } from 'hono';
import { requireCustomer } from '../accounts/accounts.ts';
import type { AppDeps, AppEnv } from './context.ts';
import { invoiceCopyPage } from '../invoices/copy.ts';
import { copyPath } from '../invoices/issue.ts';
import {
  findCustomerInvoice,
  findCustomerInvoiceById,
  findInvoiceByToken,
  listCustomerInvoices,
  type StoredInvoice,
} from '../invoices/store.ts';
import { notFound } from './problems.ts';
import { pageCsp } from './security.ts';

const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

function xmlResponse(c: Context<AppEnv>, invoice: StoredInvoice) {
  c.header('Cache-Control', 'private, no-store');
  c.header('Content-Disposition', `attachment; filename="${invoice.fileName}"`);
  return c.body(invoice.xml, 200, { 'Content-Type': 'application/xml; charset=utf-8' });
}

export function invoiceRoutes(deps: AppDeps) {
  const routes = new Hono<AppEnv>();
  const { db, clock } = deps;

  routes.get('/v1/orders/:id/invoice', async (c) => {
    const customer = await requireCustomer(db, c, clock.now());
    // Another customer's order, an unknown one and one not invoiced (yet) look the same.
    const invoice = await findCustomerInvoice(db, c.req.param('id'), customer.id);
    if (!invoice) throw notFound('This order has no invoice.');
    return xmlResponse(c, invoice);
  });

  routes.get('/v1/me/invoices', async (c) => {
    const customer = await requireCustomer(db, c, clock.now());
    c.header('Cache-Control', 'private, no-store');
    return c.json({ items: await listCustomerInvoices(db, customer.id) });
  });

  const owned = async (c: Context<AppEnv>) => {
    const customer = await requireCustomer(db, c, clock.now());
    // Another customer's invoice and an unknown one look the same.
    const invoice = await findCustomerInvoiceById(db, c.req.param('id') ?? '', customer.id);
    if (!invoice) throw notFound('Unknown invoice.');
    return invoice;
  };

  routes.get('/v1/me/invoices/:id/xml', async (c) => xmlResponse(c, await owned(c)));

  routes.get('/v1/me/invoices/:id/copy', async (c) => {
    const invoice = await owned(c);
    c.header('Content-Security-Policy', pageCsp());
    c.header('Cache-Control', 'private, no-store');
    return c.html(
      invoiceCopyPage(invoice.document, `/api/v1/me/invoices/${c.req.param('id')}/xml`),
    );
  });

  const byToken = async (token: string) => {
    const invoice = TOKEN.test(token) ? await findInvoiceByToken(db, token) : undefined;
    if (!invoice) throw notFound('Unknown invoice.');
    return invoice;
  };

  routes.get('/invoices/:token', async (c) => {
    const token = c.req.param('token');
    const invoice = await byToken(token);
    c.header('Content-Security-Policy', pageCsp());
    // The token is the page's key: not cached (and securityHeaders sends no Referer).
    c.header('Cache-Control', 'private, no-store');
    return c.html(invoiceCopyPage(invoice.document, `${copyPath(token)}/xml`));
  });

  routes.get('/invoices/:token/xml', async (c) =>
    xmlResponse(c, await byToken(c.req.param('token'))),
  );
  return routes;
}
