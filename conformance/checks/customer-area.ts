// The customer area (`<cassa-account>`): the buyer's subscriptions as it shows them, automatic
// renewal turned off and on, the saved method a renewal is charged to, and removing a saved method
// (refused while a renewal uses it). Answers are parsed with the contract's account schemas
// (src/api/account-schemas.ts). The kit changes only what its own paid orders bought, and puts
// each setting back as it found it.
import {
  AccountSubscriptionSchema,
  AccountSubscriptionsSchema,
  METHOD_IN_USE,
  type AccountSubscription,
} from '../../src/api/account-schemas.ts';
import { PaymentMethodsSchema, type Order } from '../../src/api/schemas.ts';
import { addDays } from '../../src/domain/dates.ts';
import { RENEWAL_CHARGE_DAYS_BEFORE } from '../../src/domain/pricing.ts';
import type { ConformanceContext } from '../context.ts';
import { expectFieldErrors, expectProblem } from '../problem.ts';
import { ensure, expectJson, expectShape, expectStatus, skip, type Check } from '../runner.ts';
import { needProduct } from './catalog.ts';
import { needBuyer, needOtherBuyer, writes } from './order-requests.ts';

type C = ConformanceContext;

const AREA = 'customer-area';

export const subscriptions = (context: C, token?: string) =>
  context.client.request('GET', 'v1/me/subscriptions', token ? { token } : {});

export async function readSubscriptions(context: C, token: string, what: string) {
  const reply = await subscriptions(context, token);
  expectStatus(reply, 200, what);
  expectJson(reply, what);
  return expectShape(AccountSubscriptionsSchema, reply.json, what);
}

export const patchSubscription = (context: C, id: string, body: unknown, token?: string) =>
  context.client.request('PATCH', `v1/subscriptions/${encodeURIComponent(id)}`, {
    ...(typeof body === 'string' ? { body } : { json: body }),
    ...(token ? { token } : {}),
  });

const deleteMethod = (context: C, id: string, token?: string) =>
  context.client.request('DELETE', `v1/me/payment-methods/${encodeURIComponent(id)}`, {
    ...(token ? { token } : {}),
  });

/** The run's orders paid on their payment page (card, PayPal): each is a renewing service. */
export function needPaidOrders(context: C): Order[] {
  needProduct(context);
  writes(context);
  const paid = (context.paidOnline ?? []).filter((p) => p.resume).map((p) => p.order);
  if (!paid.length)
    skip(
      'needs an order paid by card or PayPal: the kit pays one on its payment page (see "payment-page-driven"), which could not be completed',
    );
  return paid;
}

/** The service the run's first paid order started, as the customer area lists it. */
function needService(context: C): AccountSubscription {
  const service = context.services?.[0];
  if (!service) skip('needs the subscriptions of "account-subscriptions"');
  return service;
}

async function savedMethods(context: C, token: string) {
  const reply = await context.client.request('GET', 'v1/me/payment-methods', { token });
  expectStatus(reply, 200, 'GET /v1/me/payment-methods');
  return expectShape(PaymentMethodsSchema, reply.json, 'GET /v1/me/payment-methods').items;
}

async function expectUpdated(
  context: C,
  service: AccountSubscription,
  body: Record<string, unknown>,
  token: string,
) {
  const what = `PATCH /v1/subscriptions/${service.id} ${JSON.stringify(body)}`;
  const reply = await patchSubscription(context, service.id, body, token);
  expectStatus(reply, 200, what);
  expectJson(reply, what);
  const updated = expectShape(AccountSubscriptionSchema, reply.json, `${what}: the subscription`);
  ensure(
    updated.id === service.id,
    `${what}: answered subscription ${updated.id}, not ${service.id}`,
  );
  return { updated, what };
}

/** The subscription as `GET /v1/me/subscriptions` lists it now. */
async function listed(context: C, id: string, token: string, what: string) {
  const list = await readSubscriptions(context, token, what);
  const item = list.items.find((s) => s.id === id);
  ensure(item, `${what} no longer lists the subscription ${id}`);
  return item;
}

export const customerAreaChecks: Check<C>[] = [
  {
    id: 'account-subscriptions',
    area: AREA,
    title:
      'GET /v1/me/subscriptions lists each service the run paid by card or PayPal: active, renewing automatically 7 days before expiry with its saved method; not in another customer’s list',
    async run(context) {
      const buyer = needBuyer(context);
      const list = await readSubscriptions(context, buyer.token, 'GET /v1/me/subscriptions');
      const paid = needPaidOrders(context);
      const methods = await savedMethods(context, buyer.token);
      const services: AccountSubscription[] = [];
      for (const order of paid) {
        const what = `GET /v1/me/subscriptions: the service of the ${order.paymentMethod} order ${order.number}`;
        const item = list.items.find((s) => s.orderId === order.id);
        ensure(
          item,
          `GET /v1/me/subscriptions lists no subscription of the paid order ${order.number} (orderId ${order.id})`,
        );
        ensure(
          item.productId === order.productId &&
            (item.planId === undefined || item.planId === order.planId) &&
            (item.years === undefined || item.years === order.years),
          `${what} is ${item.productId}/${item.planId ?? '?'} for ${item.years ?? '?'} years, the order ${order.productId}/${order.planId} for ${order.years}`,
        );
        ensure(item.status === 'active', `${what} is "${item.status}", expected "active"`);
        ensure(
          item.autoRenew,
          `${what} does not renew automatically (autoRenew false): paying by ${order.paymentMethod} turns automatic renewal on`,
        );
        ensure(item.nextCharge, `${what} renews automatically but shows no nextCharge`);
        const chargeOn = addDays(item.expiresOn, -RENEWAL_CHARGE_DAYS_BEFORE);
        ensure(
          item.nextCharge.date === chargeOn,
          `${what}: the next charge is on ${item.nextCharge.date}, expected ${chargeOn} (${RENEWAL_CHARGE_DAYS_BEFORE} days before the expiry ${item.expiresOn})`,
        );
        // The run's orders are for the quoted selection: the renewal is the quote's.
        const renewal = context.quote?.renewal.totalCents;
        ensure(
          renewal === undefined || item.nextCharge.totalCents === renewal,
          `${what}: the next charge is ${item.nextCharge.totalCents}, the quote's renewal ${renewal}`,
        );
        ensure(
          item.nextCharge.source === order.paymentMethod,
          `${what}: the next charge is taken from "${item.nextCharge.source}", the order was paid by "${order.paymentMethod}"`,
        );
        const method = methods.find((m) => m.id === item.paymentMethodId);
        ensure(
          method && method.type === order.paymentMethod,
          `${what}: its paymentMethodId ${JSON.stringify(item.paymentMethodId)} is not a saved ${order.paymentMethod} method of GET /v1/me/payment-methods (${methods.map((m) => m.id).join(', ') || 'none'})`,
        );
        services.push(item);
      }
      context.services = services;
      const other = await needOtherBuyer(context);
      const theirs = await readSubscriptions(
        context,
        other.token,
        'GET /v1/me/subscriptions (another customer)',
      );
      const leaked = theirs.items.filter((s) => services.some((mine) => mine.id === s.id));
      ensure(
        leaked.length === 0,
        `another customer’s GET /v1/me/subscriptions lists ${leaked.map((s) => s.id).join(', ')}, which are not theirs`,
      );
    },
  },
  {
    id: 'account-auto-renew',
    area: AREA,
    title:
      'PATCH /v1/subscriptions/{id} turns automatic renewal off (no next charge) and on again; the list shows each change',
    async run(context) {
      writes(context);
      const buyer = needBuyer(context);
      const service = needService(context);
      const off = await expectUpdated(context, service, { autoRenew: false }, buyer.token);
      ensure(!off.updated.autoRenew, `${off.what}: the answer still says autoRenew true`);
      ensure(
        off.updated.nextCharge === null,
        `${off.what}: with automatic renewal off the answer still shows a next charge on ${off.updated.nextCharge?.date}`,
      );
      const read = await listed(context, service.id, buyer.token, 'GET /v1/me/subscriptions');
      ensure(
        !read.autoRenew,
        `after ${off.what} succeeded, GET /v1/me/subscriptions still says autoRenew true`,
      );
      const on = await expectUpdated(context, service, { autoRenew: true }, buyer.token);
      ensure(on.updated.autoRenew, `${on.what}: the answer says autoRenew false`);
      ensure(on.updated.nextCharge, `${on.what}: automatic renewal back on, but no next charge`);
      ensure(
        on.updated.paymentMethodId === service.paymentMethodId,
        `${on.what}: the renewal method changed from ${service.paymentMethodId} to ${on.updated.paymentMethodId}`,
      );
    },
  },
  {
    id: 'account-subscription-refused',
    area: AREA,
    title:
      'PATCH /v1/subscriptions/{id}: another customer’s or an unknown id is a 404 and changes nothing; a body the contract refuses is a 422 (400 not JSON)',
    async run(context) {
      writes(context);
      const buyer = needBuyer(context);
      const service = needService(context);
      const other = await needOtherBuyer(context);
      expectProblem(
        await patchSubscription(context, service.id, { autoRenew: false }, other.token),
        404,
        'not-found',
        `PATCH /v1/subscriptions/${service.id} (autoRenew false) by another customer`,
      );
      const after = await listed(context, service.id, buyer.token, 'GET /v1/me/subscriptions');
      // Put back what the other customer changed, so the checks after this one start as planned.
      if (!after.autoRenew)
        await patchSubscription(context, service.id, { autoRenew: true }, buyer.token);
      ensure(
        after.autoRenew,
        `another customer’s refused PATCH turned automatic renewal off on ${service.id} all the same`,
      );
      expectProblem(
        await patchSubscription(
          context,
          `conformance-${context.runId}-unknown`,
          { autoRenew: true },
          buyer.token,
        ),
        404,
        'not-found',
        'PATCH /v1/subscriptions/{id} of an unknown id',
      );
      const what = `PATCH /v1/subscriptions/${service.id}`;
      expectFieldErrors(
        await patchSubscription(context, service.id, { autoRenew: 'no' }, buyer.token),
        ['autoRenew'],
        `${what} {"autoRenew":"no"}`,
        ['invalid-request'],
      );
      expectProblem(
        await patchSubscription(context, service.id, {}, buyer.token),
        422,
        'invalid-request',
        `${what} with an empty change {}`,
      );
      expectProblem(
        await patchSubscription(context, service.id, '{"autoRenew":', buyer.token),
        400,
        'invalid-json',
        `${what} with a truncated JSON body`,
      );
    },
  },
  {
    id: 'account-renewal-method',
    area: AREA,
    title:
      'PATCH /v1/subscriptions/{id} moves the renewal to another saved method of the buyer’s (and back); a method that is not the buyer’s is refused',
    async run(context) {
      writes(context);
      const buyer = needBuyer(context);
      const service = needService(context);
      const what = `PATCH /v1/subscriptions/${service.id}`;
      expectFieldErrors(
        await patchSubscription(
          context,
          service.id,
          { paymentMethodId: `pm_conformance_${context.runId}` },
          buyer.token,
        ),
        ['paymentMethodId'],
        `${what} with a paymentMethodId that is not a saved method of the buyer’s`,
        ['invalid-request', 'invalid-selection'],
      );
      const unchanged = await listed(context, service.id, buyer.token, 'GET /v1/me/subscriptions');
      ensure(
        unchanged.paymentMethodId === service.paymentMethodId,
        `a refused renewal method changed the subscription's paymentMethodId to ${unchanged.paymentMethodId}`,
      );
      const methods = await savedMethods(context, buyer.token);
      const another = methods.find((m) => m.id !== service.paymentMethodId);
      if (!another)
        skip(
          `the buyer has one saved method (${service.paymentMethodId}): moving a renewal needs two (the run pays by card and by PayPal when the catalog offers both)`,
        );
      const moved = await expectUpdated(
        context,
        service,
        { paymentMethodId: another.id },
        buyer.token,
      );
      ensure(
        moved.updated.paymentMethodId === another.id,
        `${moved.what}: the answer's paymentMethodId is ${moved.updated.paymentMethodId}`,
      );
      ensure(
        moved.updated.nextCharge?.source === another.type,
        `${moved.what}: the next charge is taken from "${moved.updated.nextCharge?.source}", the method is a ${another.type}`,
      );
      const read = await listed(context, service.id, buyer.token, 'GET /v1/me/subscriptions');
      ensure(
        read.paymentMethodId === another.id,
        `after ${moved.what}, GET /v1/me/subscriptions shows paymentMethodId ${read.paymentMethodId}`,
      );
      const back = await expectUpdated(
        context,
        service,
        { paymentMethodId: service.paymentMethodId },
        buyer.token,
      );
      ensure(
        back.updated.paymentMethodId === service.paymentMethodId,
        `${back.what}: the answer's paymentMethodId is ${back.updated.paymentMethodId}`,
      );
    },
  },
  {
    id: 'account-method-removal',
    area: AREA,
    title:
      'DELETE /v1/me/payment-methods/{id} of the method an automatic renewal uses is a 409 payment-method-in-use; another customer’s or an unknown id a 404; the method stays',
    async run(context) {
      writes(context);
      const buyer = needBuyer(context);
      const service = needService(context);
      const methodId = service.paymentMethodId;
      ensure(methodId, `the renewing service ${service.id} names no paymentMethodId`);
      const what = `DELETE /v1/me/payment-methods/${methodId}`;
      const stillThere = async (after: string) => {
        const methods = await savedMethods(context, buyer.token);
        ensure(
          methods.some((m) => m.id === methodId),
          `after ${after}, GET /v1/me/payment-methods no longer lists ${methodId}, which ${service.id} renews with`,
        );
      };
      const other = await needOtherBuyer(context);
      expectProblem(
        await deleteMethod(context, methodId, other.token),
        404,
        'not-found',
        `${what} by another customer`,
      );
      await stillThere(`${what} by another customer`);
      expectProblem(
        await deleteMethod(context, methodId, buyer.token),
        409,
        METHOD_IN_USE,
        `${what} while the automatic renewal of ${service.id} is charged to it`,
      );
      await stillThere(what);
      const read = await listed(context, service.id, buyer.token, 'GET /v1/me/subscriptions');
      ensure(
        read.autoRenew && read.paymentMethodId === methodId,
        `after the refused ${what}, ${service.id} renews ${read.autoRenew ? `with ${read.paymentMethodId}` : 'no longer'}`,
      );
      expectProblem(
        await deleteMethod(context, `pm_conformance_${context.runId}`, buyer.token),
        404,
        'not-found',
        'DELETE /v1/me/payment-methods/{id} of an unknown id',
      );
    },
  },
];
