// Back from a cancelled payment page (issue 25): where the backend declares `POST /v1/auth/resume`
// in its contract document, the return URL's resume token opens one session for the order's
// customer, so the buyer picks another method without logging in again — once, never for a paid
// order, never with a wrong token.
import { AuthResponseSchema, CustomerSchema } from '../../src/api/schemas.ts';
import type { ConformanceContext } from '../context.ts';
import { drivePaymentPage } from '../payment-page.ts';
import { expectProblem } from '../problem.ts';
import {
  ensure,
  expectJson,
  expectShape,
  expectStatus,
  notApplicable,
  skip,
  type Check,
} from '../runner.ts';
import { needProduct } from './catalog.ts';
import {
  expectOrder,
  getOrder,
  needBuyer,
  newKey,
  orderRequest,
  post,
  writes,
} from './order-requests.ts';
import { ONLINE_METHODS } from './payment-pages.ts';

type C = ConformanceContext;

const resume = (context: C, orderId: string, token: string) =>
  context.client.request('POST', 'v1/auth/resume', {
    json: { orderId },
    headers: { 'Cassa-Resume': token },
  });

/** Whether the backend's OpenAPI document declares `POST /v1/auth/resume`. */
async function declaresResume(context: C): Promise<boolean> {
  const reply = await context.client.request('GET', 'v1/openapi.json');
  if (reply.status !== 200) skip('needs GET /v1/openapi.json (see "openapi")');
  const paths = (reply.json as { paths?: Record<string, Record<string, unknown>> }).paths;
  return Boolean(paths?.['/v1/auth/resume']?.post);
}

async function me(context: C, token: string, what: string) {
  const reply = await context.client.request('GET', 'v1/me', { token });
  expectStatus(reply, 200, what);
  expectJson(reply, what);
  return expectShape(CustomerSchema, reply.json, what);
}

export const resumeSessionChecks: Check<C>[] = [
  {
    id: 'resume-session',
    area: 'payment-pages',
    title:
      'POST /v1/auth/resume (where declared): back from a cancelled payment page, the resume token opens a session for the buyer once; a wrong token and a paid order’s token are 401',
    async run(context) {
      const buyer = needBuyer(context);
      const product = needProduct(context);
      if (!(await declaresResume(context)))
        notApplicable(
          'the backend’s OpenAPI document does not declare POST /v1/auth/resume: a buyer back from a cancelled payment page logs in again',
        );
      writes(context);
      const method = ONLINE_METHODS.find((m) => product.paymentMethods.includes(m));
      if (!method) notApplicable(`product "${product.id}" offers neither card nor PayPal`);
      const request = { ...orderRequest(context, method), returnUrl: context.returnUrl };
      const order = expectOrder(
        await post(context, request, { key: newKey(context, 'cancelled') }),
        `POST /v1/orders (${method}, to be cancelled on its page)`,
      );
      context.placed.push({ request, order, token: buyer.token });
      if (!order.action) skip(`the ${method} order ${order.number} carries no action`);
      const driven = await drivePaymentPage(
        order.action.url,
        context.returnUrl,
        context.options.timeoutMs,
        'cancel',
      );
      if (!driven.ok)
        skip(
          `the kit could not cancel on the payment page: ${driven.reason} (${driven.steps.join('; ') || 'no request answered'})`,
        );
      ensure(
        driven.orderId === order.id,
        `the cancelled payment page returned with cassa_order=${driven.orderId}, the order is ${order.id}`,
      );
      const read = expectOrder(
        await getOrder(context, order.id, { resume: driven.token }),
        `GET /v1/orders/${order.id} with the Cassa-Resume of the cancelled page`,
      );
      ensure(
        read.status === 'cancelled' || read.status === 'refused',
        `the ${method} order ${order.number} is "${read.status}" after the buyer cancelled on its payment page`,
      );
      const what = `POST /v1/auth/resume for the cancelled order ${order.number}`;
      expectProblem(
        await resume(context, order.id, `forged-${context.runId}`),
        401,
        'unauthorized',
        `${what} with a forged Cassa-Resume`,
      );
      const paid = context.paidOnline?.find((p) => p.resume);
      if (paid?.resume) {
        expectProblem(
          await resume(context, paid.order.id, paid.resume.token),
          401,
          'unauthorized',
          `POST /v1/auth/resume with the resume token of the paid order ${paid.order.number}`,
        );
        expectProblem(
          await resume(context, paid.order.id, driven.token),
          401,
          'unauthorized',
          `POST /v1/auth/resume for the paid order ${paid.order.number} with the cancelled order’s token`,
        );
      }
      const reply = await resume(context, order.id, driven.token);
      expectStatus(reply, 200, what);
      expectJson(reply, what);
      const session = expectShape(AuthResponseSchema, reply.json, `${what}: the answer`);
      const owner = await me(context, buyer.token, 'GET /v1/me (the buyer)');
      const resumed = await me(context, session.token, 'GET /v1/me with the resumed session');
      ensure(
        resumed.id === owner.id && session.customer.id === owner.id,
        `${what} opened a session for customer ${resumed.id}, the order's customer is ${owner.id}`,
      );
      expectProblem(
        await resume(context, order.id, driven.token),
        401,
        'unauthorized',
        `${what} a second time with the same token`,
      );
    },
  },
];
