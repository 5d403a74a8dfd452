// Issue 23, payment page probes (each failed before the fix): the page accepts one submission
// per payment attempt (a one-time token in its form), checks the Origin of what is posted to it,
// never mints a second resume token for a finished payment (which revoked the buyer's), and
// cannot be cancelled — nor paid — from another site.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DEMO_USERS } from '../../demo/server/seed.ts';
import { attemptOf, ORIGIN, startServer, submitSandboxForm, type Server } from './harness.ts';

let server: Server;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const CARD = {
  decision: 'pay',
  holder: 'Giulia Bianchi',
  number: '4242 4242 4242 4242',
  expiry: '12/29',
  cvc: '123',
};

async function pendingCardOrder() {
  const token = await server.login(DEMO_USERS.professional);
  const reply = await server.request('POST', '/api/v1/orders', {
    token,
    headers: { 'Idempotency-Key': `k-${Math.random()}` },
    body: {
      productId: 'certified-platform',
      planId: 'base',
      years: 1,
      addons: [],
      expectedTotalCents: 14640,
      paymentMethod: { type: 'card' },
      acceptTerms: true,
      returnUrl: `${ORIGIN}/partner.html`,
    },
  });
  assert.equal(reply.status, 201);
  return { token, id: reply.body.id as string };
}

async function post(id: string, fields: Record<string, string>, origin?: string) {
  const response = await server.app.request(`${ORIGIN}/api/sandbox/pay/${id}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(origin !== undefined ? { Origin: origin } : {}),
    },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  return {
    status: response.status,
    location: response.headers.get('location'),
    html: await response.text(),
  };
}

const statusOf = async (id: string, token: string) =>
  (await server.request('GET', `/api/v1/orders/${id}`, { token })).body.status;

describe('payment page: one submission per attempt', () => {
  it('the form carries a one-time token; the page asks browsers for its real Origin', async () => {
    const { id } = await pendingCardOrder();
    const page = await server.app.request(`${ORIGIN}/api/sandbox/pay/${id}`);
    const html = await page.text();
    assert.match(attemptOf(html) ?? '', /^[\w-]{43}$/);
    assert.equal(page.headers.get('referrer-policy'), 'same-origin');
  });

  it('a post without the token, or with a used one, pays nothing: the form comes back', async () => {
    const { id, token } = await pendingCardOrder();
    const bare = await post(id, CARD, ORIGIN);
    assert.equal(bare.status, 409);
    assert.ok(bare.html.includes('già stato inviato o è scaduto'));
    assert.equal(await statusOf(id, token), 'pending_payment');
    // The form shown with the answer works (once).
    const attempt = attemptOf(bare.html)!;
    const paid = await post(id, { ...CARD, attempt }, ORIGIN);
    assert.equal(paid.status, 303);
    assert.equal(await statusOf(id, token), 'paid');
  });

  it('two submissions of one form at once: one completes, the other changes nothing', async () => {
    const { id, token } = await pendingCardOrder();
    const attempt = attemptOf(
      await (await server.app.request(`${ORIGIN}/api/sandbox/pay/${id}`)).text(),
    )!;
    const [a, b] = await Promise.all([
      post(id, { ...CARD, attempt }, ORIGIN),
      post(id, { ...CARD, number: '4000 0000 0000 0002', attempt }, ORIGIN),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [303, 409]);
    assert.equal(await statusOf(id, token), 'paid');
    const outbox = await server.request('GET', '/api/dev/outbox');
    assert.equal(outbox.body.length, 1, 'one confirmation');
  });
});

describe('payment page: finished payments', () => {
  it('re-posting after payment mints no resume token: the buyer’s first one keeps working', async () => {
    const { id } = await pendingCardOrder();
    const paid = await submitSandboxForm(server.app, id, CARD);
    assert.equal(paid.status, 303);
    const resume = new URL(paid.location!).searchParams.get('cassa_resume')!;
    // Whatever is posted now — with or without a fresh page's token, a cancel, a return.
    for (const fields of [CARD, { decision: 'cancel' }, { decision: 'return' }]) {
      const again = await submitSandboxForm(server.app, id, fields);
      assert.equal(again.status, 409);
      assert.equal(again.location, null);
      assert.ok(!again.html.includes('cassa_resume'));
    }
    const read = await server.request('GET', `/api/v1/orders/${id}`, {
      headers: { 'Cassa-Resume': resume },
    });
    assert.equal(read.status, 200);
    assert.equal(read.body.status, 'paid');
  });
});

describe('payment page: cross-site posts', () => {
  it('another site cannot cancel a pending order, with or without a token', async () => {
    const { id, token } = await pendingCardOrder();
    const attempt = attemptOf(
      await (await server.app.request(`${ORIGIN}/api/sandbox/pay/${id}`)).text(),
    )!;
    for (const origin of ['https://evil.example', 'null']) {
      const cancel = await post(id, { decision: 'cancel', attempt }, origin);
      assert.equal(cancel.status, 403, origin);
      assert.ok(cancel.html.includes('solo dalla pagina di pagamento'));
      assert.equal(await statusOf(id, token), 'pending_payment');
    }
    // Without the token (what a forging site has), even with no Origin at all.
    const tokenless = await post(id, { decision: 'cancel' });
    assert.equal(tokenless.status, 409);
    assert.equal(await statusOf(id, token), 'pending_payment');
    // The buyer's page (opened again: a refused post shows a fresh form) still works.
    const own = await submitSandboxForm(server.app, id, { decision: 'cancel' });
    assert.equal(own.status, 303);
    assert.equal(await statusOf(id, token), 'cancelled');
  });
});
