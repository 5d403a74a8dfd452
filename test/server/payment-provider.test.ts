// Issue 20: the payment-provider seam, with a provider of the test's own (a stand-in for Nexi,
// Stripe or Adyen): the engines send the buyer where the provider says, take its word on the
// buyer's return at /api/payments/{id}/return, let it charge renewals and name saved methods —
// and know nothing else of it.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type {
  PaymentProvider,
  PaymentReturn,
  PaymentStart,
  SavedCharge,
} from '../../server/src/payments/provider.ts';
import { offlineProvider } from '../../server/src/payments/provider.ts';
import { runDueRenewals } from '../../server/src/subscriptions/renewals.ts';
import { startServer, type Server } from './harness.ts';

const PROFESSIONAL = '7654321@aruba.it';
const RETURN_URL = 'http://localhost/partner.html?step=pay';

/** A provider whose hosted page is elsewhere, and which records what it was asked. */
function fakeProvider(options: { renewals: 'paid' | 'refused'; checkout?: 'paid' | 'refused' }) {
  const calls = {
    starts: [] as PaymentStart[],
    returns: [] as PaymentReturn[],
    charges: [] as SavedCharge[],
  };
  const provider: PaymentProvider = {
    id: 'acme',
    test: false,
    methods: ['card'],
    async startPayment(start) {
      calls.starts.push(start);
      return { url: `https://pay.acme.example/checkout?session=${start.orderId}` };
    },
    async completeReturn(back) {
      calls.returns.push(back);
      if (back.query.result === 'ok')
        return { outcome: 'approved', saved: { type: 'card', label: 'Acme card ending 9999' } };
      return { outcome: back.query.result === 'declined' ? 'refused' : 'cancelled' };
    },
    async chargeSaved(charge) {
      calls.charges.push(charge);
      return {
        outcome: charge.initiator === 'merchant' ? options.renewals : (options.checkout ?? 'paid'),
      };
    },
    describeSaved: (saved) => `${saved.label} (Acme)`,
    async startAuthentication(start) {
      return { url: `https://pay.acme.example/authenticate?payment=${start.paymentId}` };
    },
    async completeAuthentication(back) {
      return { outcome: back.query.result === 'ok' ? 'paid' : 'refused' };
    },
  };
  return { provider, calls };
}

let server: Server | undefined;
afterEach(() => server?.close());

async function cardOrder(s: Server, type: 'card' | 'paypal' = 'card') {
  const token = await s.login(PROFESSIONAL);
  const reply = await s.request('POST', '/api/v1/orders', {
    token,
    headers: { 'Idempotency-Key': `k-${Math.random()}` },
    body: {
      productId: 'certified-platform',
      planId: 'base',
      years: 1,
      addons: [],
      expectedTotalCents: 14640,
      paymentMethod: { type },
      acceptTerms: true,
      returnUrl: RETURN_URL,
    },
  });
  return { token, reply };
}

async function back(s: Server, orderId: string, query: string) {
  const response = await s.app.request(`http://localhost/api/payments/${orderId}/return?${query}`, {
    redirect: 'manual',
  });
  return { status: response.status, location: new URL(response.headers.get('location') ?? '') };
}

describe('payment-provider seam', () => {
  it("sends the buyer to the provider's page, with the amount and the way back", async () => {
    const { provider, calls } = fakeProvider({ renewals: 'paid' });
    server = await startServer({ payments: provider });
    const { reply } = await cardOrder(server);
    assert.equal(reply.status, 201);
    assert.equal(reply.body.status, 'pending_payment');
    assert.equal(
      reply.body.action.url,
      `https://pay.acme.example/checkout?session=${reply.body.id}`,
    );
    assert.equal(calls.starts.length, 1);
    const start = calls.starts[0]!;
    assert.equal(start.amountCents, 14640);
    assert.equal(start.method, 'card');
    assert.equal(start.returnUrl, `http://localhost/api/payments/${reply.body.id}/return`);
  });

  it('takes the provider at its word on the return: paid, saved, invoiced, back to the shop', async () => {
    const { provider, calls } = fakeProvider({ renewals: 'paid' });
    server = await startServer({ payments: provider });
    const { token, reply } = await cardOrder(server);
    const returned = await back(server, reply.body.id, 'result=ok');
    assert.equal(returned.status, 303);
    assert.equal(
      returned.location.origin + returned.location.pathname,
      'http://localhost/partner.html',
    );
    assert.equal(returned.location.searchParams.get('cassa_order'), reply.body.id);
    const resume = returned.location.searchParams.get('cassa_resume')!;
    assert.equal(calls.returns[0]?.query.result, 'ok');
    assert.equal(calls.returns[0]?.amountCents, 14640);
    const order = await server.request('GET', `/api/v1/orders/${reply.body.id}`, {
      headers: { 'Cassa-Resume': resume },
    });
    assert.equal(order.body.status, 'paid');
    const methods = await server.request('GET', '/api/v1/me/payment-methods', { token });
    assert.deepEqual(
      methods.body.items.map((m: { label: string }) => m.label),
      ['Acme card ending 9999'],
    );
    const invoice = await server.request('GET', `/api/v1/orders/${reply.body.id}/invoice`, {
      token,
    });
    assert.equal(invoice.status, 200, 'the paid order has its invoice');
    // A second return (a reload) changes nothing and does not ask the provider again.
    await back(server, reply.body.id, 'result=declined');
    assert.equal(calls.returns.length, 1);
  });

  it('a refusal is a result: the order is refused, nothing saved', async () => {
    const { provider } = fakeProvider({ renewals: 'paid' });
    server = await startServer({ payments: provider });
    const { token, reply } = await cardOrder(server);
    const returned = await back(server, reply.body.id, 'result=declined');
    const order = await server.request('GET', `/api/v1/orders/${reply.body.id}`, {
      headers: { 'Cassa-Resume': returned.location.searchParams.get('cassa_resume')! },
    });
    assert.equal(order.body.status, 'refused');
    const methods = await server.request('GET', '/api/v1/me/payment-methods', { token });
    assert.deepEqual(methods.body.items, []);
  });

  it('refuses an order for a method the provider does not take', async () => {
    const { provider } = fakeProvider({ renewals: 'paid' });
    server = await startServer({ payments: provider });
    const { reply } = await cardOrder(server, 'paypal');
    assert.equal(reply.status, 422);
    assert.deepEqual(
      reply.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`),
      ['paymentMethod.type payment.method'],
    );
  });

  it('charges renewals through the provider and names the method its way', async () => {
    const { provider, calls } = fakeProvider({ renewals: 'refused' });
    server = await startServer({ payments: provider });
    const { reply } = await cardOrder(server);
    await back(server, reply.body.id, 'result=ok');
    // Move to the renewal charge date (7 days before expiry, a year on).
    const chargeDate = reply.body.renewalChargeDate as string;
    await server.db.query(
      "UPDATE orders SET next_renewal_on = $2::date, renewal_state = 'scheduled' WHERE id = $1",
      [reply.body.id, '2026-01-15'],
    );
    const report = await runDueRenewals(server.deps);
    assert.equal(report.refused, 1);
    assert.equal(calls.charges.length, 1);
    assert.equal(calls.charges[0]?.saved.label, 'Acme card ending 9999');
    assert.equal(calls.charges[0]?.attempt, 1);
    assert.equal(calls.charges[0]?.initiator, 'merchant');
    assert.ok(chargeDate);
    const outbox = await server.request('GET', '/api/dev/outbox');
    const refused = outbox.body.find((e: { kind: string }) => e.kind === 'renewal_refused');
    assert.ok(refused, 'the buyer is told');
    assert.ok(refused.body.includes('Acme card ending 9999 (Acme)'), refused.body);
  });

  it('a method saved before pays at the checkout through the provider; refused, no order', async () => {
    const { provider, calls } = fakeProvider({ renewals: 'paid', checkout: 'refused' });
    server = await startServer({ payments: provider });
    const { token, reply } = await cardOrder(server);
    await back(server, reply.body.id, 'result=ok');
    const [saved] = (await server.request('GET', '/api/v1/me/payment-methods', { token })).body
      .items as { id: string }[];
    const order = (key: string) =>
      server!.request('POST', '/api/v1/orders', {
        token,
        headers: { 'Idempotency-Key': key },
        body: {
          productId: 'certified-platform',
          planId: 'base',
          years: 1,
          addons: [],
          expectedTotalCents: 14640,
          paymentMethod: { type: 'card', savedId: saved!.id },
          acceptTerms: true,
        },
      });
    const count = async () =>
      (await server!.db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders')).rows[0]?.n;
    const before = await count();
    const refused = await order('saved-1');
    assert.equal(refused.status, 402);
    assert.match(refused.body.type, /payment-refused$/);
    assert.equal(calls.charges.at(-1)?.initiator, 'customer');
    assert.equal(calls.charges.at(-1)?.amountCents, 14640);
    assert.equal(await count(), before, 'nothing written for the refused order');
  });

  it('`none`: no card or PayPal order at all; bank transfer still sells', async () => {
    server = await startServer({ payments: offlineProvider() });
    const { reply } = await cardOrder(server);
    assert.equal(reply.status, 422);
    assert.deepEqual(
      reply.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`),
      ['paymentMethod.type payment.method'],
    );
  });
});
