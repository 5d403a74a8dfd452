// The customer area's two calls that hand the buyer a link (issue 24), where the backend's OpenAPI
// document declares them: adding a card or PayPal account (a redirect to the provider's page,
// nothing charged; back from it, the return URL's resume token continues the area logged in,
// once) and the short-lived link to an invoice's readable copy, which opens without the token
// and only for the invoice's owner.
import {
  AccountInvoicesSchema,
  InvoiceCopyLinkSchema,
  ProviderRedirectSchema,
} from '../../src/api/account-schemas.ts';
import { AuthResponseSchema, CustomerSchema, PaymentMethodsSchema } from '../../src/api/schemas.ts';
import type { ConformanceContext } from '../context.ts';
import { drivePaymentPage, type PageChoice } from '../payment-page.ts';
import { expectFieldErrors, expectProblem } from '../problem.ts';
import {
  ensure,
  expectJson,
  expectShape,
  expectStatus,
  fail,
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

/** `POST /v1/auth/resume` for a method setup: `setupId` in the body, the token in `Cassa-Resume`. */
const resume = (context: C, body: Record<string, string>, token?: string) =>
  context.client.request('POST', 'v1/auth/resume', {
    json: body,
    ...(token ? { headers: { 'Cassa-Resume': token } } : {}),
  });

/** Whether the OpenAPI document's request body of `POST /v1/auth/resume` names `setupId`. */
async function resumeTakesSetups(context: C): Promise<boolean> {
  const reply = await context.client.request('GET', 'v1/openapi.json');
  type Schema = { $ref?: string; properties?: Record<string, unknown> };
  const doc = reply.json as {
    paths?: Record<
      string,
      { post?: { requestBody?: { content?: Record<string, { schema?: Schema }> } } }
    >;
    components?: { schemas?: Record<string, Schema> };
  };
  const body = doc.paths?.['/v1/auth/resume']?.post?.requestBody?.content?.['application/json'];
  let schema = body?.schema;
  if (schema?.$ref) schema = doc.components?.schemas?.[schema.$ref.split('/').pop() ?? ''];
  // A schema the kit cannot read is given the benefit of the doubt: the call itself decides.
  return !schema?.properties || 'setupId' in schema.properties;
}

/** A method setup started and its provider page driven with `choice`: its id and the return. */
async function setUpMethod(
  context: C,
  type: 'card' | 'paypal',
  choice: PageChoice,
  token: string,
): Promise<{ id: string; token: string; returnedTo: URL }> {
  const what = `POST /v1/me/payment-methods (${type})`;
  const reply = await addMethod(context, { type, returnUrl: context.returnUrl }, token);
  expectStatus(reply, [200, 201], what);
  const { id, action } = expectShape(ProviderRedirectSchema, reply.json, what);
  const page =
    choice === 'cancel' ? 'cancelled on the provider’s page' : 'added on the provider’s page';
  const driven = await drivePaymentPage(action.url, context.returnUrl, context.options.timeoutMs, {
    choice,
    idParam: 'cassa_setup',
  });
  if (!driven.ok) {
    if (/sent the buyer back/.test(driven.reason))
      fail(
        `back from a ${type} ${page} (setup ${id}), ${driven.reason}: the customer area can neither tell the outcome nor continue logged in`,
      );
    skip(
      `the kit could not drive the provider’s page of setup ${id}: ${driven.reason} (${driven.steps.join('; ') || 'no request answered'})`,
    );
  }
  ensure(
    driven.orderId === id,
    `back from a ${type} ${page}, the return URL carries cassa_setup=${driven.orderId}, the setup is ${id}`,
  );
  return { id, token: driven.token, returnedTo: driven.returnedTo };
}

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
    id: 'account-method-resume',
    area: AREA,
    title:
      'back from adding a payment method (where POST /v1/auth/resume and POST /v1/me/payment-methods are declared): the return URL carries cassa_setup, cassa_method and cassa_resume; POST /v1/auth/resume { setupId } with that token opens a session for the buyer once, also after a cancelled page; a replayed or forged token, another setup’s token, the setup’s id as an orderId and no token are 401, both ids 422',
    async run(context) {
      if (!(await declares(context, '/v1/me/payment-methods', 'post')))
        notApplicable(
          'the backend’s OpenAPI document does not declare POST /v1/me/payment-methods',
        );
      if (
        !(await declares(context, '/v1/auth/resume', 'post')) ||
        !(await resumeTakesSetups(context))
      )
        notApplicable(
          'the backend’s OpenAPI document does not declare POST /v1/auth/resume with a setupId: the buyer back from adding a method logs in again',
        );
      const buyer = needBuyer(context);
      writes(context);
      const added = await setUpMethod(context, 'paypal', 'pay', buyer.token);
      const method = added.returnedTo.searchParams.get('cassa_method');
      ensure(
        method === 'saved',
        `back from a PayPal account added on the provider’s page, the return URL says cassa_method=${method ?? '(none)'}, expected "saved" (the customer area shows the outcome from it)`,
      );
      const cancelled = await setUpMethod(context, 'card', 'cancel', buyer.token);
      const outcome = cancelled.returnedTo.searchParams.get('cassa_method');
      ensure(
        outcome === 'cancelled',
        `back from a card setup cancelled on the provider’s page, the return URL says cassa_method=${outcome ?? '(none)'}, expected "cancelled"`,
      );
      const what = `POST /v1/auth/resume for the setup ${added.id}`;
      const unauthorized = async (
        body: Record<string, string>,
        token: string | undefined,
        how: string,
      ) =>
        expectProblem(
          await resume(context, body, token),
          401,
          'unauthorized',
          `${what} ${how} (it must open no session)`,
        );
      await unauthorized(
        { setupId: added.id },
        `forged-${context.runId}`,
        'with a forged Cassa-Resume',
      );
      await unauthorized(
        { setupId: added.id },
        cancelled.token,
        `with the token of another setup (${cancelled.id})`,
      );
      await unauthorized({ orderId: added.id }, added.token, 'with its id sent as an orderId');
      await unauthorized({ setupId: added.id }, undefined, 'without Cassa-Resume');
      const order = context.placed[0]?.order.id ?? `ord_conformance_${context.runId}`;
      expectProblem(
        await resume(context, { setupId: added.id, orderId: order }, added.token),
        422,
        ['invalid-request', 'invalid-selection'],
        `${what} naming both a setupId and an orderId`,
      );
      const reply = await resume(context, { setupId: added.id }, added.token);
      expectStatus(reply, 200, `${what} with the return URL’s token`);
      expectJson(reply, what);
      const session = expectShape(AuthResponseSchema, reply.json, `${what}: the answer`);
      const me = async (token: string, who: string) => {
        const read = await context.client.request('GET', 'v1/me', { token });
        expectStatus(read, 200, `GET /v1/me ${who}`);
        return expectShape(CustomerSchema, read.json, `GET /v1/me ${who}`);
      };
      const owner = await me(buyer.token, '(the buyer)');
      const resumed = await me(session.token, 'with the resumed session');
      ensure(
        resumed.id === owner.id && session.customer.id === owner.id,
        `${what} opened a session for customer ${resumed.id}, the setup's customer is ${owner.id}`,
      );
      const list = await context.client.request('GET', 'v1/me/payment-methods', {
        token: session.token,
      });
      expectStatus(list, 200, 'GET /v1/me/payment-methods with the resumed session');
      const methods = expectShape(PaymentMethodsSchema, list.json, 'GET /v1/me/payment-methods');
      ensure(
        methods.items.some((m) => m.type === 'paypal'),
        `after cassa_method=saved, GET /v1/me/payment-methods lists no PayPal account: the method added on the provider’s page was not saved`,
      );
      await unauthorized({ setupId: added.id }, added.token, 'a second time with the same token');
      const after = await resume(context, { setupId: cancelled.id }, cancelled.token);
      expectStatus(
        after,
        200,
        `POST /v1/auth/resume for the cancelled setup ${cancelled.id} with its return URL’s token`,
      );
      const again = expectShape(
        AuthResponseSchema,
        after.json,
        `POST /v1/auth/resume for the cancelled setup ${cancelled.id}`,
      );
      ensure(
        again.customer.id === owner.id,
        `POST /v1/auth/resume for the cancelled setup ${cancelled.id} opened a session for customer ${again.customer.id}, the setup's customer is ${owner.id}`,
      );
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
