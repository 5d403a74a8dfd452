import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startServer, submitSandboxForm, type Server } from './harness.ts';

const COMPANY = '1234567@aruba.it';
const PROFESSIONAL = '7654321@aruba.it';
const MEMBER = 'mario.rossi@architettitorinopec.it';
const RETURN_URL = 'http://localhost/partner.html?step=pay#checkout';

let server: Server;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

async function pendingOrder(type: 'card' | 'paypal', username = PROFESSIONAL) {
  const token = await server.login(username);
  const reply = await server.request('POST', '/api/v1/orders', {
    token,
    headers: { 'Idempotency-Key': `k-${type}-${Math.random()}` },
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
  assert.equal(reply.status, 201);
  return { token, order: reply.body as { id: string; number: string; action: { url: string } } };
}

/** Submits the sandbox form as a browser would (opens the page, posts its form, same origin). */
const submit = (orderId: string, fields: Record<string, string>) =>
  submitSandboxForm(server.app, orderId, fields);

const card = (number: string) => ({
  decision: 'pay',
  holder: 'Giulia Bianchi',
  number,
  expiry: '12/29',
  cvc: '123',
});

function resumeFrom(location: string | null) {
  assert.ok(location);
  const url = new URL(location);
  return {
    url,
    orderId: url.searchParams.get('cassa_order'),
    token: url.searchParams.get('cassa_resume'),
  };
}

async function resume(orderId: string, token: string) {
  return server.request('GET', `/api/v1/orders/${orderId}`, { headers: { 'Cassa-Resume': token } });
}

describe('sandbox card page', () => {
  it('is a plain labelled form, marked Sandbox, under a strict CSP, in Italian or English', async () => {
    const { order } = await pendingOrder('card');
    const page = await server.app.request(new URL(order.action.url).pathname + '?lang=it');
    const html = await page.text();
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.ok(csp.includes("default-src 'none'") && csp.includes("style-src 'self'"), csp);
    assert.ok(csp.includes("frame-ancestors 'none'"));
    assert.ok(csp.includes("form-action 'self' http://localhost"), csp);
    assert.ok(html.includes('SANDBOX'));
    assert.ok(html.includes(order.number));
    assert.ok(html.includes('146,40'));
    for (const id of ['holder', 'number', 'expiry', 'cvc']) {
      assert.ok(html.includes(`<label for="${id}">`), `label for ${id}`);
      assert.ok(html.includes(`id="${id}"`), `input ${id}`);
    }
    assert.ok(!/<script|style=/i.test(html), 'no script and no inline style');
    assert.match(html, /<link rel="stylesheet" href="\/api\/sandbox\/sandbox\.css"/);
    const english = await (
      await server.app.request(new URL(order.action.url).pathname + '?lang=en')
    ).text();
    assert.ok(english.includes('Card number'));
    assert.match(english, /<html lang="en">/);
    const css = await server.app.request('/api/sandbox/sandbox.css');
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
  });

  it('4242 4242 4242 4242 is approved: order paid, card saved, 303 back with the resume token', async () => {
    const { token, order } = await pendingOrder('card');
    const reply = await submit(order.id, card('4242 4242 4242 4242'));
    assert.equal(reply.status, 303);
    const back = resumeFrom(reply.location);
    assert.equal(back.url.origin + back.url.pathname, 'http://localhost/partner.html');
    assert.equal(back.url.searchParams.get('step'), 'pay', 'the original query is kept');
    assert.equal(back.url.hash, '#checkout');
    assert.equal(back.orderId, order.id);

    const status = await resume(order.id, back.token!);
    assert.equal(status.status, 200);
    assert.equal(status.body.status, 'paid');
    assert.equal(status.body.autoRenew, true);

    const methods = await server.request('GET', '/api/v1/me/payment-methods', { token });
    assert.deepEqual(
      methods.body.items.map((m: { type: string; label: string }) => [m.type, m.label]),
      [['card', 'Visa •••• 4242']],
    );
    const outbox = await server.request('GET', '/api/dev/outbox');
    assert.equal(outbox.body.length, 1);
    assert.equal(outbox.body[0].kind, 'order_confirmation');
    assert.equal(outbox.body[0].orderId, order.id);
  });

  it('4000 0000 0000 0002 is refused: order refused, nothing saved, no email', async () => {
    const { token, order } = await pendingOrder('card');
    const reply = await submit(order.id, card('4000000000000002'));
    assert.equal(reply.status, 303);
    const back = resumeFrom(reply.location);
    assert.equal((await resume(order.id, back.token!)).body.status, 'refused');
    assert.deepEqual(
      (await server.request('GET', '/api/v1/me/payment-methods', { token })).body.items,
      [],
    );
    assert.deepEqual((await server.request('GET', '/api/dev/outbox')).body, []);
  });

  it('another card number re-shows the form with errors tied to the fields, never echoing the number', async () => {
    const { order } = await pendingOrder('card');
    const reply = await submit(order.id, { ...card('5555 5555 5555 4444'), expiry: '13/29' });
    assert.equal(reply.status, 422);
    assert.ok(reply.html.includes('aria-describedby="number-error"'));
    assert.ok(reply.html.includes('aria-describedby="expiry-error"'));
    assert.ok(!reply.html.includes('5555 5555'));
    assert.equal(
      (
        await server.request('GET', `/api/v1/orders/${order.id}`, {
          token: await server.login(PROFESSIONAL),
        })
      ).body.status,
      'pending_payment',
    );
  });

  it('escapes what it shows', async () => {
    const { order } = await pendingOrder('card');
    const reply = await submit(order.id, { ...card('1'), holder: '<img src=x onerror=alert(1)>' });
    assert.ok(!reply.html.includes('<img src=x'));
    assert.ok(reply.html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  });

  it('cancel: order cancelled', async () => {
    const { order } = await pendingOrder('card');
    const reply = await submit(order.id, { decision: 'cancel' });
    assert.equal(
      (await resume(order.id, resumeFrom(reply.location).token!)).body.status,
      'cancelled',
    );
  });
});

describe('sandbox PayPal page', () => {
  it('approve: order paid and the PayPal account saved', async () => {
    const { token, order } = await pendingOrder('paypal');
    const page = await (await server.app.request(new URL(order.action.url).pathname)).text();
    assert.ok(page.includes('PayPal'));
    assert.ok(page.includes('value="approve"') && page.includes('value="cancel"'));
    const reply = await submit(order.id, { decision: 'approve', email: 'giulia@paypal.example' });
    assert.equal(reply.status, 303);
    assert.equal((await resume(order.id, resumeFrom(reply.location).token!)).body.status, 'paid');
    const methods = await server.request('GET', '/api/v1/me/payment-methods', { token });
    assert.deepEqual(
      methods.body.items.map((m: { label: string }) => m.label),
      ['PayPal giulia@paypal.example'],
    );
  });

  it('cancel: order cancelled', async () => {
    const { order } = await pendingOrder('paypal');
    const reply = await submit(order.id, { decision: 'cancel' });
    assert.equal(
      (await resume(order.id, resumeFrom(reply.location).token!)).body.status,
      'cancelled',
    );
  });
});

describe('resume token', () => {
  it('reads that one order only, is stored hashed, and a wrong token gets 404', async () => {
    const first = await pendingOrder('card');
    const second = await pendingOrder('card', COMPANY);
    const reply = await submit(first.order.id, card('4242424242424242'));
    const { token } = resumeFrom(reply.location);
    assert.equal((await resume(first.order.id, token!)).status, 200);
    assert.equal((await resume(second.order.id, token!)).status, 404, 'not another order');
    assert.equal((await resume(first.order.id, 'forged')).status, 404);
    const { rows } = await server.db.query<{ resume_token_hash: string }>(
      'SELECT resume_token_hash FROM orders WHERE id = $1',
      [first.order.id],
    );
    assert.ok(rows[0]!.resume_token_hash && rows[0]!.resume_token_hash !== token);
    // It is no session: /me refuses it.
    assert.equal((await server.request('GET', '/api/v1/me', { token: token! })).status, 401);
  });

  it('a completed payment is not charged twice: submitting again keeps the status and the token', async () => {
    const { order } = await pendingOrder('card');
    const first = await submit(order.id, card('4242424242424242'));
    const again = await submit(order.id, card('4000000000000002'));
    assert.equal(again.status, 409);
    assert.equal(again.location, null, 'no second resume token');
    assert.ok(again.html.includes('Questo pagamento è già stato concluso.'));
    assert.ok(!again.html.includes('cassa_resume'));
    // The buyer's own token, from the first submission, still reads the paid order.
    assert.equal((await resume(order.id, resumeFrom(first.location).token!)).body.status, 'paid');
    assert.equal((await server.request('GET', '/api/dev/outbox')).body.length, 1);
  });

  it('an unknown payment page is 404', async () => {
    const reply = await server.request('GET', '/api/sandbox/pay/nope');
    assert.equal(reply.status, 404);
  });
});

describe('PEC add-ons topped up with a new card', () => {
  it('the credit moves and the add-ons attach only when the sandbox approves', async () => {
    const token = await server.login(MEMBER);
    const subs = await server.request('GET', '/api/v1/me/subscriptions', { token });
    const mailbox = subs.body.items.find(
      (i: { label: string }) => i.label === 'studio.rossi@architettitorinopec.it',
    );
    const reply = await server.request('POST', '/api/v1/orders', {
      token,
      headers: { 'Idempotency-Key': 'pec-1' },
      body: {
        productId: 'pec-addons',
        planId: 'member',
        years: 1,
        addons: [
          { id: 'extra-space', quantity: 3 },
          { id: 'conservation', quantity: 1 },
        ],
        subscriptionId: mailbox.id,
        expectedTotalCents: 0,
        topUpCents: 1586,
        paymentMethod: { type: 'card' },
        acceptTerms: true,
        returnUrl: 'http://localhost/ordine.html',
      },
    });
    assert.equal(reply.status, 201);
    assert.equal(reply.body.status, 'pending_payment');
    assert.equal(reply.body.freeUntil, '2026-03-15');
    const page = await (await server.app.request(new URL(reply.body.action.url).pathname)).text();
    assert.ok(page.includes('15,86'), 'the card is charged the top-up');
    assert.equal(
      (await server.request('GET', '/api/v1/me/subscriptions', { token })).body.creditCents,
      0,
    );

    const done = await submit(reply.body.id, card('4242424242424242'));
    assert.equal(
      (await resume(reply.body.id, resumeFrom(done.location).token!)).body.status,
      'paid',
    );
    assert.equal(
      (await server.request('GET', '/api/v1/me/subscriptions', { token })).body.creditCents,
      1586,
    );
    const { rows } = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM subscription_addons WHERE subscription_id = $1',
      [mailbox.id],
    );
    assert.equal(rows[0]!.n, 2);
  });
});
