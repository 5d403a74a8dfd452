// GET /v1/orders/{id}: the owner, another customer, an unknown id, no session, resume tokens.
import type { ConformanceContext } from '../context.ts';
import { expectProblem, problemCode } from '../problem.ts';
import { ensure, fail, skip, type Check } from '../runner.ts';
import { expectOrder, getOrder, needBuyer, needOtherBuyer } from './order-requests.ts';

type C = ConformanceContext;

export const orderReadChecks: Check<C>[] = [
  {
    id: 'order-read',
    area: 'orders',
    title: 'GET /v1/orders/{id} answers the owner the order',
    async run(context) {
      if (!context.order)
        skip(
          context.options.readOnly
            ? '--read-only: no order was created to read'
            : 'needs the order of "order-create"',
        );
      const { order } = context.order;
      const reply = await getOrder(context, order.id, { token: context.buyer?.token });
      const read = expectOrder(reply, `GET /v1/orders/${order.id}`);
      ensure(
        read.id === order.id && read.number === order.number,
        `GET answered order ${read.id} (${read.number}), created was ${order.id} (${order.number})`,
      );
      ensure(
        read.totalCents === order.totalCents,
        `GET answered totalCents ${read.totalCents}, created was ${order.totalCents}`,
      );
    },
  },
  {
    id: 'order-read-other-customer',
    area: 'orders',
    title: 'another customer’s order is a 404 problem',
    async run(context) {
      if (!context.order)
        skip(
          context.options.readOnly
            ? '--read-only: no order was created to read'
            : 'needs the order of "order-create"',
        );
      const other = await needOtherBuyer(context);
      const reply = await getOrder(context, context.order.order.id, { token: other.token });
      expectProblem(reply, 404, 'not-found', 'GET /v1/orders/{id} by another customer');
    },
  },
  {
    id: 'order-read-unknown',
    area: 'orders',
    title: 'an unknown order is a 404 problem',
    async run(context) {
      const buyer = needBuyer(context);
      const reply = await getOrder(context, `conformance-no-such-order-${context.runId}`, {
        token: buyer.token,
      });
      expectProblem(reply, 404, 'not-found', 'GET /v1/orders/{unknown}');
    },
  },
  {
    id: 'order-read-unauthorized',
    area: 'orders',
    title: 'GET /v1/orders/{id} without a session or resume token is a 401 problem',
    async run(context) {
      const id = context.order?.order.id ?? `conformance-no-such-order-${context.runId}`;
      const reply = await getOrder(context, id);
      expectProblem(
        reply,
        401,
        'unauthorized',
        'GET /v1/orders/{id} without Authorization or Cassa-Resume',
      );
    },
  },
];

/** Resume tokens: after the payment page checks, which make one where they can. */
export const resumeChecks: Check<C>[] = [
  {
    id: 'order-resume-forged',
    area: 'payment-pages',
    title: 'a forged Cassa-Resume token reads nothing (401 or 404 problem)',
    async run(context) {
      const id =
        context.order?.order.id ??
        context.options.resume?.orderId ??
        `conformance-no-such-order-${context.runId}`;
      const reply = await getOrder(context, id, { resume: `forged-${context.runId}` });
      if (reply.status === 200) fail('a forged Cassa-Resume token read the order');
      const code = problemCode(String((reply.json as { type?: unknown } | undefined)?.type ?? ''));
      if (reply.status === 401 || code === 'unauthorized')
        expectProblem(reply, 401, 'unauthorized', 'GET /v1/orders/{id} with a forged Cassa-Resume');
      else expectProblem(reply, 404, 'not-found', 'GET /v1/orders/{id} with a forged Cassa-Resume');
    },
  },
  {
    id: 'order-resume',
    area: 'payment-pages',
    title: 'a resume token (Cassa-Resume) reads its order without a session, and no other',
    async run(context) {
      const resume = context.options.resume ?? context.paidOnline?.find((p) => p.resume)?.resume;
      if (!resume) {
        skip(
          'needs a resume token: the kit could not drive the payment page to its return URL (see "payment-page-driven"); pass one from a return URL (…?cassa_order=ID&cassa_resume=TOKEN) with --resume ID:TOKEN',
        );
      }
      const reply = await getOrder(context, resume.orderId, { resume: resume.token });
      const order = expectOrder(reply, `GET /v1/orders/${resume.orderId} with Cassa-Resume`);
      ensure(
        order.id === resume.orderId,
        `the resume token read order ${order.id}, not ${resume.orderId}`,
      );
      const otherId = context.order?.order.id;
      if (otherId && otherId !== resume.orderId) {
        const other = await getOrder(context, otherId, { resume: resume.token });
        ensure(
          other.status !== 200,
          `the resume token of order ${resume.orderId} also read order ${otherId}`,
        );
      }
    },
  },
];
