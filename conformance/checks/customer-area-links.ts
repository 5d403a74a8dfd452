// The customer area's two calls that hand the buyer a link (issue 24), where the backend's OpenAPI
// document declares them: adding a card or PayPal account (a redirect to the provider's page,
// nothing charged) and the short-lived link to an invoice's readable copy, which opens without
// the token and only for the invoice's owner.
import {
  AccountInvoicesSchema,
  InvoiceCopyLinkSchema,
  ProviderRedirectSchema,
} from '../../src/api/account-schemas.ts';
import type { ConformanceContext } from '../context.ts';
import { expectFieldErrors, expectProblem } from '../problem.ts';
import {
  ensure,
  expectJson,
  expectShape,
  expectStatus,
  notApplicable,
  skip,
  type Check,
} from '../runner.ts';
import { needPaidOrders } from './customer-area.ts';
import { needBuyer, needOtherBuyer, writes } from './order-requests.ts';

type C = ConformanceContext;

const AREA = 'customer-area';

/** Whether the backend's OpenAPI document declares `method` on `path`. */
async function declares(context: C, path: string, method: string): Promise<boolean> {
  const reply = await context.client.request('GET', 'v1/openapi.json');
  if (reply.status !== 200) skip('needs GET /v1/openapi.json (see "openapi")');
  const paths = (reply.json as { paths?: Record<string, Record<string, unknown>> }).paths;
  return Boolean(paths?.[path]?.[method]);
}

function isAbsoluteHttp(url: string): boolean {
  try {
    return /^https?:$/.test(new URL(url).protocol);
  } catch {
    return false;
  }
}

const addMethod = (context: C, body: unknown, token?: string) =>
  context.client.request('POST', 'v1/me/payment-methods', {
    json: body,
    ...(token ? { token } : {}),
  });

export const customerAreaLinkChecks: Check<C>[] = [
  {
    id: 'account-add-method',
    area: AREA,
    title:
      'POST /v1/me/payment-methods (where declared): a card and a PayPal account each answered with a redirect to the provider’s page (an absolute http(s) URL); a method the area cannot add 422 at type; 401 without a session or with a forged token',
    async run(context) {
      if (!(await declares(context, '/v1/me/payment-methods', 'post')))
        notApplicable(
          'the backend’s OpenAPI document does not declare POST /v1/me/payment-methods',
        );
      const buyer = needBuyer(context);
      const body = { type: 'card', returnUrl: context.returnUrl };
      expectProblem(
        await addMethod(context, body),
        401,
        'unauthorized',
        'POST /v1/me/payment-methods without a session',
      );
      expectProblem(
        await addMethod(context, body, 'forged-token-0000'),
        401,
        'unauthorized',
        'POST /v1/me/payment-methods with a forged token',
      );
      expectFieldErrors(
        await addMethod(
          context,
          { type: 'bank_transfer', returnUrl: context.returnUrl },
          buyer.token,
        ),
        ['type'],
        'POST /v1/me/payment-methods of a bank transfer',
      );
      writes(context);
      for (const type of ['card', 'paypal'] as const) {
        const what = `POST /v1/me/payment-methods (${type})`;
        const reply = await addMethod(context, { type, returnUrl: context.returnUrl }, buyer.token);
        expectStatus(reply, [200, 201], what);
        expectJson(reply, what);
        const redirect = expectShape(ProviderRedirectSchema, reply.json, what);
        ensure(
          isAbsoluteHttp(redirect.action.url),
          `${what}: the action's url "${redirect.action.url}" is not an absolute http(s) URL the widget can send the buyer to`,
        );
      }
    },
  },
  {
    id: 'account-invoice-copy-link',
    area: AREA,
    title:
      'POST /v1/me/invoices/{id}/copy-link (where declared): the owner gets a link valid for minutes that opens the readable copy without the token; another customer and an unknown id 404, no session 401',
    async run(context) {
      if (!(await declares(context, '/v1/me/invoices/{invoiceId}/copy-link', 'post')))
        notApplicable(
          'the backend’s OpenAPI document does not declare POST /v1/me/invoices/{invoiceId}/copy-link',
        );
      const buyer = needBuyer(context);
      const paid = needPaidOrders(context);
      const list = await context.client.request('GET', 'v1/me/invoices', { token: buyer.token });
      expectStatus(list, 200, 'GET /v1/me/invoices');
      const { items } = expectShape(AccountInvoicesSchema, list.json, 'GET /v1/me/invoices');
      const invoice = items.find((i) => paid.some((o) => o.id === i.orderId));
      ensure(invoice, 'GET /v1/me/invoices lists no invoice of the run’s paid orders');
      const path = `v1/me/invoices/${encodeURIComponent(invoice.id)}/copy-link`;
      const what = `POST /${path}`;
      const reply = await context.client.request('POST', path, { json: {}, token: buyer.token });
      expectStatus(reply, [200, 201], what);
      expectJson(reply, what);
      const link = expectShape(InvoiceCopyLinkSchema, reply.json, what);
      const expires = Date.parse(link.expiresAt);
      ensure(
        Number.isFinite(expires) && expires > Date.now() - 60_000,
        `${what}: expiresAt "${link.expiresAt}" is not a time to come`,
      );
      ensure(
        expires <= Date.now() + 24 * 3600_000,
        `${what}: the link lives until ${link.expiresAt}, not a short-lived link`,
      );
      // The link is relative to the backend (or absolute) and opens without Authorization.
      const opened = isAbsoluteHttp(link.url)
        ? await fetch(link.url, { headers: { Accept: 'text/html' }, redirect: 'manual' }).then(
            async (r) => ({
              status: r.status,
              type: r.headers.get('content-type') ?? '',
              text: await r.text(),
            }),
          )
        : await context.client
            .request('GET', link.url.replace(/^\/+/, ''), { headers: { Accept: 'text/html' } })
            .then((r) => ({ status: r.status, type: r.contentType, text: r.text }));
      ensure(
        opened.status === 200,
        `GET ${link.url} (the copy link, no token): expected HTTP 200, received HTTP ${opened.status}`,
      );
      ensure(
        /html/i.test(opened.type) && opened.text.includes(invoice.number),
        `GET ${link.url}: not the readable copy of invoice ${invoice.number} (an HTML page showing its number)`,
      );
      const other = await needOtherBuyer(context);
      expectProblem(
        await context.client.request('POST', path, { json: {}, token: other.token }),
        404,
        'not-found',
        `${what} by another customer`,
      );
      expectProblem(
        await context.client.request('POST', 'v1/me/invoices/inv_unknown_0000/copy-link', {
          json: {},
          token: buyer.token,
        }),
        404,
        'not-found',
        'POST /v1/me/invoices/inv_unknown_0000/copy-link',
      );
      expectProblem(
        await context.client.request('POST', path, { json: {} }),
        401,
        'unauthorized',
        `${what} without a session`,
      );
    },
  },
];
