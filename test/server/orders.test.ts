import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { OrderSchema } from '../../src/api/schemas.ts';
import { DEMO_HOLDERS } from '../../demo/server/seed.ts';
import type pg from 'pg';
import { DATABASE_URL, startServer, type Server } from './harness.ts';

const COMPANY = '1234567@aruba.it';
const PROFESSIONAL = '7654321@aruba.it';
const PRIVATE = '5555555@aruba.it';
const MEMBER = 'mario.rossi@architettitorinopec.it';
/** Base plan, 1 year: 120 € + 22% VAT. */
const BASE_TOTAL = 14640;

let server: Server;
let keyCounter = 0;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const baseOrder = (extra: Record<string, unknown> = {}) => ({
  productId: 'certified-platform',
  planId: 'base',
  years: 1,
  addons: [],
  expectedTotalCents: BASE_TOTAL,
  paymentMethod: { type: 'bank_transfer' },
  acceptTerms: true,
  ...extra,
});

function order(token: string, body: unknown, key = `key-${++keyCounter}`) {
  return server.request('POST', '/api/v1/orders', {
    token,
    body,
    headers: { 'Idempotency-Key': key },
  });
}

async function savedMethods(token: string) {
  const reply = await server.request('GET', '/api/v1/me/payment-methods', { token });
  return reply.body.items as { id: string; type: string; label: string }[];
}

async function count(table: string): Promise<number> {
  const { rows } = await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]!.n;
}

async function outbox() {
  return (await server.request('GET', '/api/dev/outbox')).body as {
    kind: string;
    to: string;
    subject: string;
    body: string;
    orderId: string | null;
  }[];
}

const fieldErrors = (body: { errors?: { path: string; code: string }[] }) =>
  (body.errors ?? []).map((e) => [e.path, e.code]);

describe('POST /v1/orders: payment outcomes', () => {
  it('saved card: paid at once, automatic renewal charged 7 days before expiry, confirmation email', async () => {
    const token = await server.login(COMPANY);
    const card = (await savedMethods(token)).find((m) => m.type === 'card')!;
    const reply = await order(
      token,
      baseOrder({ paymentMethod: { type: 'card', savedId: card.id } }),
    );
    assert.equal(reply.status, 201);
    const created = OrderSchema.parse(reply.body);
    assert.equal(created.status, 'paid');
    assert.match(created.number, /^C-2026-\d{6}$/);
    assert.equal(created.totalCents, BASE_TOTAL);
    assert.equal(created.paymentMethod, 'card');
    assert.equal(created.autoRenew, true);
    assert.equal(created.renewalChargeDate, '2027-01-08');
    assert.equal(created.action, undefined);

    const { rows } = await server.db.query<{
      status: string;
      customer_id: string;
      total_cents: number;
    }>('SELECT status, total_cents FROM orders WHERE id = $1', [created.id]);
    assert.deepEqual(rows, [{ status: 'paid', total_cents: BASE_TOTAL }]);
    const lines = await server.db.query<{ line_id: string; amount_cents: number }>(
      'SELECT line_id, amount_cents FROM order_lines WHERE order_id = $1 ORDER BY position',
      [created.id],
    );
    assert.deepEqual(lines.rows, [{ line_id: 'base', amount_cents: 12000 }]);

    const emails = await outbox();
    assert.equal(emails.length, 1);
    assert.equal(emails[0]!.kind, 'order_confirmation');
    assert.equal(emails[0]!.to, 'amministrazione@rossicostruzioni.example');
    assert.ok(emails[0]!.subject.includes(created.number));
    assert.ok(emails[0]!.body.includes('146,40'), emails[0]!.body);
    assert.ok(emails[0]!.body.includes('Visa •••• 4242'));
  });

  it('saved PayPal account: paid at once with automatic renewal', async () => {
    const token = await server.login(COMPANY);
    const paypal = (await savedMethods(token)).find((m) => m.type === 'paypal')!;
    const reply = await order(
      token,
      baseOrder({ paymentMethod: { type: 'paypal', savedId: paypal.id } }),
    );
    assert.equal(reply.status, 201);
    assert.equal(reply.body.status, 'paid');
    assert.equal(reply.body.paymentMethod, 'paypal');
    assert.equal(reply.body.autoRenew, true);
  });

  it('bank transfer: awaiting payment, instructions quoting the order number, two emails, no renewal', async () => {
    const token = await server.login(PROFESSIONAL);
    const reply = await order(token, baseOrder());
    assert.equal(reply.status, 201);
    const created = OrderSchema.parse(reply.body);
    assert.equal(created.status, 'awaiting_payment');
    assert.equal(created.autoRenew, false);
    assert.equal(created.renewalChargeDate, null);
    assert.deepEqual(created.instructions, {
      method: 'bank_transfer',
      beneficiary: 'Cassa Demo S.r.l.',
      account: 'IT60X0542811101000000123456',
      amountCents: BASE_TOTAL,
      currency: 'EUR',
      reference: `Ordine ${created.number}`,
    });
    const emails = await outbox();
    assert.deepEqual(emails.map((e) => e.kind).sort(), [
      'order_confirmation',
      'payment_instructions',
    ]);
    const instructions = emails.find((e) => e.kind === 'payment_instructions')!;
    assert.equal(instructions.to, DEMO_HOLDERS.professional.email);
    assert.ok(instructions.body.includes('IT60X0542811101000000123456'));
    assert.ok(instructions.body.includes(`Ordine ${created.number}`));
  });

  it('postal slip: awaiting payment to the postal account', async () => {
    const token = await server.login(PROFESSIONAL);
    const reply = await order(token, baseOrder({ paymentMethod: { type: 'postal_slip' } }));
    assert.equal(reply.body.status, 'awaiting_payment');
    assert.equal(reply.body.instructions.method, 'postal_slip');
    assert.equal(reply.body.instructions.account, '1234567');
  });

  it('free plan: active at once, no payment', async () => {
    const token = await server.login(PROFESSIONAL);
    const reply = await order(
      token,
      baseOrder({ planId: 'free', expectedTotalCents: 0, paymentMethod: { type: 'none' } }),
    );
    assert.equal(reply.status, 201);
    assert.equal(reply.body.status, 'active');
    assert.equal(reply.body.paymentMethod, 'none');
    assert.equal(reply.body.totalCents, 0);
    assert.equal(reply.body.autoRenew, false);
    assert.deepEqual(
      (await outbox()).map((e) => e.kind),
      ['order_confirmation'],
    );
  });

  it('new card: pending payment with a redirect to the sandbox page, no email yet', async () => {
    const token = await server.login(PROFESSIONAL);
    const reply = await order(
      token,
      baseOrder({
        paymentMethod: { type: 'card' },
        returnUrl: 'http://localhost/partner.html?step=pay',
      }),
    );
    assert.equal(reply.status, 201);
    assert.equal(reply.body.status, 'pending_payment');
    assert.equal(reply.body.autoRenew, true);
    assert.equal(reply.body.action.type, 'redirect');
    assert.equal(
      reply.body.action.url,
      `http://localhost/api/sandbox/pay/${reply.body.id}?lang=it`,
    );
    assert.equal((await outbox()).length, 0);
  });

  it('new card or PayPal without returnUrl: 422 return_url.required; a foreign returnUrl: 422', async () => {
    const token = await server.login(PROFESSIONAL);
    const missing = await order(token, baseOrder({ paymentMethod: { type: 'paypal' } }));
    assert.equal(missing.status, 422);
    assert.deepEqual(fieldErrors(missing.body), [['returnUrl', 'return_url.required']]);
    const foreign = await order(
      token,
      baseOrder({ paymentMethod: { type: 'card' }, returnUrl: 'https://evil.example/steal' }),
    );
    assert.equal(foreign.status, 422);
    assert.deepEqual(fieldErrors(foreign.body), [['returnUrl', 'invalid']]);
    const allowed = await order(
      token,
      baseOrder({ paymentMethod: { type: 'card' }, returnUrl: 'https://partner.example/shop' }),
    );
    assert.equal(allowed.status, 201, 'an origin of the CORS allowlist may be returned to');
  });
});

describe('POST /v1/orders: refusals', () => {
  it('401 without a token, 400 without Idempotency-Key, 400 for a body that is not JSON', async () => {
    const anonymous = await server.request('POST', '/api/v1/orders', {
      body: baseOrder(),
      headers: { 'Idempotency-Key': 'k1' },
    });
    assert.equal(anonymous.status, 401);
    const token = await server.login(COMPANY);
    const noKey = await server.request('POST', '/api/v1/orders', { token, body: baseOrder() });
    assert.equal(noKey.status, 400);
    assert.equal(noKey.body.type, 'https://cassa.dev/problems/missing-idempotency-key');
    const notJson = await server.request('POST', '/api/v1/orders', {
      token,
      rawBody: '{"productId": ',
      headers: { 'Idempotency-Key': 'k2', 'Content-Type': 'application/json' },
    });
    assert.equal(notJson.status, 400);
    assert.equal(notJson.body.type, 'https://cassa.dev/problems/invalid-json');
    assert.equal(await count('orders'), 0);
  });

  it('403 ineligible-customer for a private individual', async () => {
    const token = await server.login(PRIVATE);
    const reply = await order(token, baseOrder());
    assert.equal(reply.status, 403);
    assert.equal(reply.body.type, 'https://cassa.dev/problems/ineligible-customer');
    assert.equal(await count('orders'), 0);
  });

  it('422 when the terms are not accepted', async () => {
    const token = await server.login(COMPANY);
    const reply = await order(token, baseOrder({ acceptTerms: false }));
    assert.equal(reply.status, 422);
    assert.equal(reply.body.type, 'https://cassa.dev/problems/invalid-request');
    assert.deepEqual(fieldErrors(reply.body), [['acceptTerms', 'terms.required']]);
  });

  it('422 invalid-selection for a broken selection rule', async () => {
    const token = await server.login(COMPANY);
    const reply = await order(token, baseOrder({ addons: [{ id: 'extra-users', quantity: 15 }] }));
    assert.equal(reply.status, 422);
    assert.equal(reply.body.type, 'https://cassa.dev/problems/invalid-selection');
    assert.deepEqual(fieldErrors(reply.body), [['addons.0.quantity', 'selection.addon.max']]);
  });

  it('404 for an unknown product', async () => {
    const token = await server.login(COMPANY);
    const reply = await order(token, baseOrder({ productId: 'nope' }));
    assert.equal(reply.status, 404);
  });

  it('422 for a payment method the product does not take', async () => {
    const token = await server.login(COMPANY);
    const reply = await order(token, baseOrder({ paymentMethod: { type: 'credit' } }));
    assert.equal(reply.status, 422);
    assert.deepEqual(fieldErrors(reply.body), [['paymentMethod.type', 'payment.method']]);
  });

  it("422 for an unknown saved payment method, or another customer's", async () => {
    const company = await server.login(COMPANY);
    const card = (await savedMethods(company)).find((m) => m.type === 'card')!;
    const professional = await server.login(PROFESSIONAL);
    for (const savedId of [card.id, 'pm_unknown']) {
      const reply = await order(
        professional,
        baseOrder({ paymentMethod: { type: 'card', savedId } }),
      );
      assert.equal(reply.status, 422);
      assert.deepEqual(fieldErrors(reply.body), [
        ['paymentMethod.savedId', 'payment.saved.unknown'],
      ]);
    }
  });

  it('409 price-changed with the fresh quote when expectedTotalCents differs', async () => {
    const token = await server.login(COMPANY);
    const reply = await order(token, baseOrder({ expectedTotalCents: 12000 }));
    assert.equal(reply.status, 409);
    assert.equal(reply.body.type, 'https://cassa.dev/problems/price-changed');
    assert.equal(reply.body.quote.totalCents, BASE_TOTAL);
    assert.equal(reply.body.quote.taxableCents, 12000);
    assert.equal(await count('orders'), 0);
  });

  it('validates a given holder (422 with holder.… paths) and stores a valid one on the order', async () => {
    const token = await server.login(COMPANY);
    const bad = await order(
      token,
      baseOrder({ holder: { ...DEMO_HOLDERS.company, taxCode: 'XYZ', email: 'nope' } }),
    );
    assert.equal(bad.status, 422);
    assert.deepEqual(fieldErrors(bad.body), [
      ['holder.taxCode', 'cf.format'],
      ['holder.email', 'email.format'],
    ]);
    const holder = {
      ...DEMO_HOLDERS.company,
      name: 'Rossi Costruzioni Nord S.r.l.',
      email: 'nord@rossicostruzioni.example',
    };
    const good = await order(token, baseOrder({ holder }));
    assert.equal(good.status, 201);
    const { rows } = await server.db.query<{ holder: { name: string } }>(
      'SELECT holder FROM orders WHERE id = $1',
      [good.body.id],
    );
    assert.equal(rows[0]!.holder.name, 'Rossi Costruzioni Nord S.r.l.');
    assert.ok((await outbox()).every((e) => e.to === 'nord@rossicostruzioni.example'));
  });

  it('refuses an order placed for a private holder by an eligible account (403)', async () => {
    const token = await server.login(COMPANY);
    const reply = await order(token, baseOrder({ holder: DEMO_HOLDERS.private }));
    assert.equal(reply.status, 403);
  });
});

describe('POST /v1/orders: idempotency', () => {
  it('replays the first response for the same key and body: one order, same status and body', async () => {
    const token = await server.login(COMPANY);
    const first = await order(token, baseOrder(), 'same-key');
    const again = await order(token, baseOrder(), 'same-key');
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.deepEqual(again.body, first.body);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(await count('orders'), 1);
    assert.equal((await outbox()).length, 2, 'emails are not sent twice');
  });

  it('replays a refusal too (status and body), whatever it was', async () => {
    const token = await server.login(COMPANY);
    const first = await order(token, baseOrder({ expectedTotalCents: 1 }), 'k');
    const again = await order(token, baseOrder({ expectedTotalCents: 1 }), 'k');
    assert.equal(first.status, 409);
    assert.equal(again.status, 409);
    assert.equal(again.headers.get('content-type'), 'application/problem+json');
    assert.deepEqual(again.body, first.body);
  });

  it('answers 422 for the same key with a different body', async () => {
    const token = await server.login(COMPANY);
    await order(token, baseOrder(), 'k');
    const reply = await order(token, baseOrder({ paymentMethod: { type: 'postal_slip' } }), 'k');
    assert.equal(reply.status, 422);
    assert.equal(reply.body.type, 'https://cassa.dev/problems/invalid-request');
    assert.equal(await count('orders'), 1);
  });

  it('treats the same JSON with keys in another order as the same body', async () => {
    const token = await server.login(COMPANY);
    const body = baseOrder();
    const reversed = Object.fromEntries(Object.entries(body).reverse());
    const first = await order(token, body, 'k');
    const again = await order(token, reversed, 'k');
    assert.equal(again.status, 201);
    assert.equal(again.body.id, first.body.id);
  });

  it('scopes keys to the customer: two customers may use the same key', async () => {
    const company = await server.login(COMPANY);
    const professional = await server.login(PROFESSIONAL);
    const a = await order(company, baseOrder(), 'shared');
    const b = await order(professional, baseOrder(), 'shared');
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    assert.notEqual(a.body.id, b.body.id);
  });

  it('50 concurrent requests with one key make exactly one order', async () => {
    const token = await server.login(COMPANY);
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => order(token, baseOrder(), 'burst')),
    );
    assert.deepEqual([...new Set(replies.map((r) => r.status))], [201]);
    assert.equal(new Set(replies.map((r) => r.body.id)).size, 1);
    assert.equal(await count('orders'), 1);
    assert.equal(await count('idempotency_keys'), 1);
  });

  it(
    '409 request-in-progress with Retry-After while a first request holds the key, then the order',
    {
      skip:
        !DATABASE_URL && 'PGlite runs one transaction at a time: a key is never held by another',
    },
    async () => {
      const impatient = await startServer({ idempotencyWaitMs: 300 }, server.db);
      const token = await impatient.login(COMPANY);
      const me = await impatient.request('GET', '/api/v1/me', { token });
      // Another request's open transaction holds the key row.
      const holder = await (server.db as unknown as { pool: pg.Pool }).pool.connect();
      try {
        await holder.query('BEGIN');
        await holder.query(
          `INSERT INTO idempotency_keys (customer_id, key, request_hash, response_status, response_body, created_at)
           VALUES ($1, 'busy', 'x', 0, 'null'::jsonb, now())`,
          [me.body.id],
        );
        const reply = await impatient.request('POST', '/api/v1/orders', {
          token,
          body: baseOrder(),
          headers: { 'Idempotency-Key': 'busy' },
        });
        assert.equal(reply.status, 409);
        assert.equal(reply.body.type, 'https://cassa.dev/problems/request-in-progress');
        assert.equal(reply.headers.get('retry-after'), '1');
      } finally {
        await holder.query('ROLLBACK');
        holder.release();
      }
      // The first request gave up: the retry places the order.
      const retry = await impatient.request('POST', '/api/v1/orders', {
        token,
        body: baseOrder(),
        headers: { 'Idempotency-Key': 'busy' },
      });
      assert.equal(retry.status, 201);
    },
  );

  it('numbers orders from a sequence: C-<year>-<6 digits>, increasing', async () => {
    const token = await server.login(COMPANY);
    const a = await order(token, baseOrder());
    const b = await order(token, baseOrder());
    const n = (number: string) => Number(number.slice('C-2026-'.length));
    assert.equal(n(b.body.number), n(a.body.number) + 1);
  });
});

describe('GET /v1/orders/:id', () => {
  it("answers the caller's own order, and 404 for another customer's or an unknown one", async () => {
    const company = await server.login(COMPANY);
    const created = await order(company, baseOrder());
    const own = await server.request('GET', `/api/v1/orders/${created.body.id}`, {
      token: company,
    });
    assert.equal(own.status, 200);
    // The order as created, and the present of what it bought (issue 22): nothing yet to renew.
    const asCreated = Object.fromEntries(Object.keys(created.body).map((k) => [k, own.body[k]]));
    assert.deepEqual(asCreated, created.body);
    assert.equal(own.body.expiresOn, null);
    assert.equal(own.body.nextCharge, null);
    assert.deepEqual(own.body.invoices, []);

    const professional = await server.login(PROFESSIONAL);
    const other = await server.request('GET', `/api/v1/orders/${created.body.id}`, {
      token: professional,
    });
    assert.equal(other.status, 404);
    assert.equal(other.body.type, 'https://cassa.dev/problems/not-found');
    const unknown = await server.request('GET', '/api/v1/orders/nope', { token: company });
    assert.equal(unknown.status, 404);
    const anonymous = await server.request('GET', `/api/v1/orders/${created.body.id}`);
    assert.equal(anonymous.status, 401);
  });
});

describe('POST /v1/orders: PEC add-ons paid from prepaid credit', () => {
  const addons = [
    { id: 'extra-space', quantity: 3 },
    { id: 'conservation', quantity: 1 },
  ];
  async function mailbox(token: string, label: string): Promise<string> {
    const reply = await server.request('GET', '/api/v1/me/subscriptions', { token });
    return reply.body.items.find((i: { label: string }) => i.label === label).id;
  }
  const pecOrder = (subscriptionId: string, extra: Record<string, unknown>) => ({
    productId: 'pec-addons',
    planId: 'member',
    years: 1,
    addons,
    subscriptionId,
    acceptTerms: true,
    ...extra,
  });
  /** A PEC order topped up by a new card (the provider's page, then back to the portal). */
  const byNewCard = (subscriptionId: string, extra: Record<string, unknown>) =>
    pecOrder(subscriptionId, {
      paymentMethod: { type: 'card' },
      returnUrl: 'http://localhost/ordine.html',
      ...extra,
    });
  const credit = async () =>
    (
      await server.db.query<{ credit_cents: number }>(
        'SELECT credit_cents FROM customers WHERE username = $1',
        [MEMBER],
      )
    ).rows[0]!.credit_cents;

  it('a top-up below the minimum is 422 topup.min', async () => {
    const token = await server.login(MEMBER);
    const id = await mailbox(token, MEMBER);
    const reply = await order(token, byNewCard(id, { expectedTotalCents: 1058, topUpCents: 1585 }));
    assert.equal(reply.status, 422);
    assert.deepEqual(fieldErrors(reply.body), [['topUpCents', 'topup.min']]);
  });

  it('a saved card tops up at once: paid, credit = top-up − due now, add-ons end with the mailbox', async () => {
    const token = await server.login(MEMBER);
    const id = await mailbox(token, MEMBER);
    const { rows } = await server.db.query<{ id: string }>(
      'SELECT id FROM customers WHERE username = $1',
      [MEMBER],
    );
    await server.db.query(
      "INSERT INTO payment_methods (id, customer_id, type, label, created_at) VALUES ('pm_mario', $1, 'card', 'Visa •••• 4242', now())",
      [rows[0]!.id],
    );
    const reply = await order(
      token,
      pecOrder(id, {
        expectedTotalCents: 1058,
        topUpCents: 1586,
        paymentMethod: { type: 'card', savedId: 'pm_mario' },
      }),
    );
    assert.equal(reply.status, 201);
    assert.equal(reply.body.status, 'paid');
    assert.equal(reply.body.topUpCents, 1586);
    assert.equal(reply.body.autoRenew, true);
    assert.equal(reply.body.freeUntil, null);
    assert.equal(reply.body.renewalChargeDate, '2026-09-15');
    assert.equal(await credit(), 528);
    const attached = await server.db.query<{
      addon_id: string;
      quantity: number;
      expires_on: string;
    }>(
      'SELECT addon_id, quantity, expires_on::text AS expires_on FROM subscription_addons WHERE subscription_id = $1 ORDER BY addon_id',
      [id],
    );
    assert.deepEqual(attached.rows, [
      { addon_id: 'conservation', quantity: 1, expires_on: '2026-09-15' },
      { addon_id: 'extra-space', quantity: 3, expires_on: '2026-09-15' },
    ]);
    const [email] = await outbox();
    assert.equal(email!.to, 'mario.rossi@studiorossi.example');
    assert.ok(email!.body.includes('10,58'));
  });

  it('credit alone pays when it covers a year: free add-on on the 2-month mailbox is active with freeUntil', async () => {
    const token = await server.login(MEMBER);
    await server.db.query('UPDATE customers SET credit_cents = 2000 WHERE username = $1', [MEMBER]);
    const id = await mailbox(token, 'studio.rossi@architettitorinopec.it');
    const reply = await order(
      token,
      pecOrder(id, { expectedTotalCents: 0, paymentMethod: { type: 'credit' } }),
    );
    assert.equal(reply.status, 201);
    assert.equal(reply.body.status, 'active');
    assert.equal(reply.body.paymentMethod, 'credit');
    assert.equal(reply.body.freeUntil, '2026-03-15');
    assert.equal(await credit(), 2000);
    assert.equal(await count('subscription_addons'), 2);
  });

  it('a card that loads nothing is 422 topup.zero (that order is paid from credit, not by card)', async () => {
    const token = await server.login(MEMBER);
    await server.db.query('UPDATE customers SET credit_cents = 2000 WHERE username = $1', [MEMBER]);
    const id = await mailbox(token, MEMBER);
    const reply = await order(token, byNewCard(id, { expectedTotalCents: 1058, topUpCents: 0 }));
    assert.equal(reply.status, 422);
    assert.deepEqual(fieldErrors(reply.body), [['topUpCents', 'topup.zero']]);
    assert.equal(await count('orders'), 0);
    assert.equal(await credit(), 2000);
  });

  it('a top-up over 10.000 € (a typing slip, or beyond the integer columns) is 422 topup.max, not 500', async () => {
    const token = await server.login(MEMBER);
    const id = await mailbox(token, MEMBER);
    for (const topUpCents of [1_000_001, 2_147_483_648, 9_007_199_254_740_991]) {
      const reply = await order(token, byNewCard(id, { expectedTotalCents: 1058, topUpCents }));
      assert.equal(reply.status, 422, String(topUpCents));
      assert.deepEqual(fieldErrors(reply.body), [['topUpCents', 'topup.max']]);
    }
    assert.equal(await count('orders'), 0);
  });

  it('an order without any add-on is 422 at addons (a quote of nothing is no order)', async () => {
    const token = await server.login(MEMBER);
    const id = await mailbox(token, MEMBER);
    for (const none of [[], [{ id: 'extra-space', quantity: 0 }]]) {
      const reply = await order(
        token,
        byNewCard(id, { addons: none, expectedTotalCents: 0, topUpCents: 5000 }),
      );
      assert.equal(reply.status, 422, JSON.stringify(none));
      assert.deepEqual(fieldErrors(reply.body), [['addons', 'required']]);
    }
    assert.equal(await count('orders'), 0);
  });

  it('extra space beyond 100,000 GB is 422 selection.addon.max on quotes and orders, not 500', async () => {
    const token = await server.login(MEMBER);
    const id = await mailbox(token, MEMBER);
    const huge = [{ id: 'extra-space', quantity: 100_000_000 }];
    const quote = await server.request('POST', '/api/v1/quotes', {
      token,
      body: {
        productId: 'pec-addons',
        planId: 'member',
        years: 1,
        addons: huge,
        subscriptionId: id,
      },
    });
    assert.equal(quote.status, 422);
    assert.deepEqual(fieldErrors(quote.body), [['addons.0.quantity', 'selection.addon.max']]);
    const reply = await order(
      token,
      byNewCard(id, { addons: huge, expectedTotalCents: 1, topUpCents: 5000 }),
    );
    assert.equal(reply.status, 422);
    assert.equal(await count('orders'), 0);
  });

  it('conservation (max 1) already active on the mailbox is 422 selection.addon.active; more extra space is fine', async () => {
    const token = await server.login(MEMBER);
    await server.db.query('UPDATE customers SET credit_cents = 5000 WHERE username = $1', [MEMBER]);
    const id = await mailbox(token, MEMBER);
    const first = await order(
      token,
      pecOrder(id, { expectedTotalCents: 1058, paymentMethod: { type: 'credit' } }),
    );
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const quote = (addons: { id: string; quantity: number }[]) =>
      server.request('POST', '/api/v1/quotes', {
        token,
        body: { productId: 'pec-addons', planId: 'member', years: 1, addons, subscriptionId: id },
      });
    const again = await quote([{ id: 'conservation', quantity: 1 }]);
    assert.equal(again.status, 422);
    assert.deepEqual(fieldErrors(again.body), [['addons.0.quantity', 'selection.addon.active']]);
    const twice = await order(
      token,
      pecOrder(id, {
        addons: [{ id: 'conservation', quantity: 1 }],
        expectedTotalCents: 267,
        paymentMethod: { type: 'credit' },
      }),
    );
    assert.equal(twice.status, 422);
    assert.equal(await count('orders'), 1);
    const more = await quote([{ id: 'extra-space', quantity: 2 }]);
    assert.equal(more.status, 200);
    // On the other mailbox it is not active.
    const other = await mailbox(token, 'studio.rossi@architettitorinopec.it');
    const elsewhere = await server.request('POST', '/api/v1/quotes', {
      token,
      body: {
        productId: 'pec-addons',
        planId: 'member',
        years: 1,
        addons: [{ id: 'conservation', quantity: 1 }],
        subscriptionId: other,
      },
    });
    assert.equal(elsewhere.status, 200);
  });

  it('credit alone is refused while a top-up is still needed (422 topup.min)', async () => {
    const token = await server.login(MEMBER);
    const id = await mailbox(token, MEMBER);
    const reply = await order(
      token,
      pecOrder(id, { expectedTotalCents: 1058, paymentMethod: { type: 'credit' } }),
    );
    assert.equal(reply.status, 422);
    assert.deepEqual(fieldErrors(reply.body), [['topUpCents', 'topup.min']]);
    assert.equal(await count('orders'), 0);
  });

  it("404 for another customer's mailbox; PayPal is not a method of this product (422)", async () => {
    const member = await server.login(MEMBER);
    const id = await mailbox(member, MEMBER);
    const company = await server.login(COMPANY);
    const foreign = await order(
      company,
      pecOrder(id, { expectedTotalCents: 1058, paymentMethod: { type: 'credit' } }),
    );
    assert.equal(foreign.status, 404);
    const paypal = await order(
      member,
      pecOrder(id, {
        expectedTotalCents: 1058,
        topUpCents: 1586,
        paymentMethod: { type: 'paypal' },
        returnUrl: 'http://localhost/x',
      }),
    );
    assert.equal(paypal.status, 422);
    assert.deepEqual(fieldErrors(paypal.body), [['paymentMethod.type', 'payment.method']]);
  });
});
