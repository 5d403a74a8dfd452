// Issue 25 (1): the quote, the payment page and the order say what the card pays now, what the
// credit pays now and the credit left after, for PEC add-ons.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startServer, submitSandboxForm, type Server } from './harness.ts';

const MEMBER = 'mario.rossi@architettitorinopec.it';
const addons = [
  { id: 'extra-space', quantity: 3 },
  { id: 'conservation', quantity: 1 },
];

let server: Server;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

async function mailboxId(token: string, label: string): Promise<string> {
  const reply = await server.request('GET', '/api/v1/me/subscriptions', { token });
  return reply.body.items.find((i: { label: string }) => i.label === label).id;
}

describe('PEC add-ons: what the card pays, what the credit pays, what is left', () => {
  it('the quote carries the credit it was made with (none for Certified Platform)', async () => {
    const token = await server.login(MEMBER);
    await server.db.query('UPDATE customers SET credit_cents = 300 WHERE username = $1', [MEMBER]);
    const subscriptionId = await mailboxId(token, MEMBER);
    const pec = await server.request('POST', '/api/v1/quotes', {
      token,
      body: { productId: 'pec-addons', planId: 'member', years: 1, addons, subscriptionId },
    });
    assert.equal(pec.status, 200);
    assert.equal(pec.body.creditCents, 300);
    assert.equal(pec.body.minimumTopUpCents, 1286);
    const platform = await server.request('POST', '/api/v1/quotes', {
      body: { productId: 'certified-platform', planId: 'base', years: 1, addons: [] },
    });
    assert.equal(platform.body.creditCents ?? null, null);
  });

  it('the payment page states the top-up charged, what the credit pays and the credit left; the paid order says the credit left', async () => {
    const token = await server.login(MEMBER);
    const subscriptionId = await mailboxId(token, MEMBER);
    const reply = await server.request('POST', '/api/v1/orders', {
      token,
      headers: { 'Idempotency-Key': 'pec-statement' },
      body: {
        productId: 'pec-addons',
        planId: 'member',
        years: 1,
        addons,
        subscriptionId,
        expectedTotalCents: 1058,
        topUpCents: 1586,
        paymentMethod: { type: 'card' },
        acceptTerms: true,
        returnUrl: 'http://localhost/ordine.html',
      },
    });
    assert.equal(reply.status, 201);
    assert.equal(reply.body.creditAfterCents, undefined, 'not paid yet: nothing is left yet');
    const path = new URL(reply.body.action.url).pathname;
    const text = async (lang: string) => {
      const page = await server.app.request(`${path}?lang=${lang}`);
      return (await page.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    };
    const it = await text('it');
    assert.match(it, /Addebito ora: ricarica del credito 15,86 €/);
    assert.match(it, /Pagato ora con il credito 10,58 €/);
    assert.match(it, /Credito residuo dopo l’ordine 5,28 €/);
    const en = await text('en');
    assert.match(en, /Charged now: credit top-up €15\.86/);
    assert.match(en, /Paid now from the credit €10\.58/);
    assert.match(en, /Credit left after the order €5\.28/);

    const done = await submitSandboxForm(server.app, reply.body.id, {
      decision: 'pay',
      holder: 'Mario Rossi',
      number: '4242424242424242',
      expiry: '12/29',
      cvc: '123',
    });
    const back = new URL(done.location!);
    const order = await server.request('GET', `/api/v1/orders/${reply.body.id}`, {
      headers: { 'Cassa-Resume': back.searchParams.get('cassa_resume')! },
    });
    assert.equal(order.body.status, 'paid');
    assert.equal(order.body.topUpCents, 1586);
    assert.equal(order.body.creditAfterCents, 528);
  });
});
