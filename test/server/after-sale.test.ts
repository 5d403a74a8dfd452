// Issue 15: what happens after the checkout, on the real app and database (PGlite, or
// PostgreSQL with DATABASE_URL), with webhooks delivered over real HTTP to a receiver that
// verifies them with the `standardwebhooks` package.
import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { ShiftableClock, DAY_MS } from '../../server/src/platform/clock.ts';
import { openPostgres } from '../../server/src/db/postgres.ts';
import { startScheduler } from '../../server/src/jobs/scheduler.ts';
import { runDueRenewals } from '../../server/src/subscriptions/renewals.ts';
import {
  deliverDueWebhooks,
  DEFAULT_WEBHOOK_CONFIG,
  type WebhookConfig,
} from '../../server/src/webhooks/webhooks.ts';
import { DEMO_HOLDERS, DEMO_USERS } from '../../demo/server/seed.ts';
import { DATABASE_URL, START, startServer, TODAY, type Server } from './harness.ts';
import { startReceiver, type Receiver } from './webhook-receiver.ts';
import { validateFatturaPA } from './invoices/xsd.ts';

const OPERATOR = 'test-operator-secret';
const BASE_TOTAL = 14640;

let server: Server;
let clock: ShiftableClock;
let receiver: Receiver;
let config: WebhookConfig;
const logs: string[] = [];
const logger = { info: (l: string) => logs.push(l), error: (l: string) => logs.push(`ERROR ${l}`) };

beforeEach(async () => {
  clock = new ShiftableClock({ start: START, fixedToday: TODAY });
  receiver = await startReceiver('ok');
  config = { ...DEFAULT_WEBHOOK_CONFIG, url: receiver.url, secret: receiver.secret };
  server = await startServer({
    clock,
    shiftableClock: clock,
    operatorSecret: OPERATOR,
    webhookSecret: receiver.secret,
  });
});
afterEach(async () => {
  await server.close();
  await receiver.close();
});

const deliver = (options: Parameters<typeof deliverDueWebhooks>[3] = {}) =>
  deliverDueWebhooks(server.db, config, logger, options);

async function rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []) {
  return (await server.db.query<T>(sql, params)).rows;
}
const count = async (sql: string, params: unknown[] = []) =>
  Number((await rows<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n);

const operator = (path: string, body?: unknown, secret = OPERATOR) =>
  server.request('POST', `/api/v1/operator${path}`, {
    ...(body !== undefined ? { body } : {}),
    headers: { Authorization: `Bearer ${secret}` },
  });

async function placeOrder(token: string, body: Record<string, unknown>, key: string) {
  const reply = await server.request('POST', '/api/v1/orders', {
    token,
    body: {
      productId: 'certified-platform',
      planId: 'base',
      years: 1,
      addons: [],
      expectedTotalCents: BASE_TOTAL,
      acceptTerms: true,
      ...body,
    },
    headers: { 'Idempotency-Key': key },
  });
  assert.equal(reply.status, 201, reply.text);
  return reply.body as { id: string; number: string; status: string; renewalChargeDate: string };
}

async function savedMethod(token: string, type: 'card' | 'paypal') {
  const reply = await server.request('GET', '/api/v1/me/payment-methods', { token });
  return reply.body.items.find((i: { type: string }) => i.type === type).id as string;
}

/** Moves the clock to `date` (Europe/Rome) and runs what is due, as the scheduler does. */
async function runOn(date: string) {
  const days = Math.round((Date.parse(date) - Date.parse(clock.today())) / DAY_MS);
  if (days > 0) await clock.advance(server.db, days * DAY_MS);
  assert.equal(clock.today(), date);
  return runDueRenewals(server.deps);
}

const emails = (kind: string) =>
  rows<{ to_address: string; subject: string; body: string }>(
    'SELECT to_address, subject, body FROM outbox WHERE kind = $1 ORDER BY id',
    [kind],
  );
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read any payload field
type EventRow = { id: string; payload: any };
const events = (type: string) =>
  rows<EventRow>('SELECT id, payload FROM webhook_events WHERE type = $1 ORDER BY created_at, id', [
    type,
  ]);

/** Events about orders (and their Certified Platform service), not about PEC mailboxes. */
const orderEvents = (type: string) =>
  rows<EventRow>(
    `SELECT id, payload FROM webhook_events WHERE type = $1 AND payload->'subject'->>'type' = 'order'
      ORDER BY created_at, id`,
    [type],
  );

describe('webhooks: signed, written with the change, delivered by the worker', () => {
  it('an order writes order.completed in its own transaction; the receiver verifies the signature', async () => {
    const token = await server.login(DEMO_USERS.company);
    const order = await placeOrder(
      token,
      { paymentMethod: { type: 'card', savedId: await savedMethod(token, 'card') } },
      'k1',
    );
    const [event] = await events('order.completed');
    assert.ok(event, 'the event row exists before any delivery');
    assert.equal(event.payload.data.order.id, order.id);
    assert.equal(event.payload.data.order.status, 'paid');
    assert.deepEqual(await deliver(), { delivered: 1, retrying: 0, failed: 0 });
    assert.equal(receiver.deliveries.length, 1);
    const [delivery] = receiver.deliveries;
    assert.equal(delivery!.verified, true, 'signature verified by standardwebhooks');
    assert.equal(delivery!.webhookId, event.id);
    assert.equal(delivery!.type, 'order.completed');
    assert.equal(delivery!.payload.data.order.number, order.number);
    assert.equal(delivery!.payload.data.order.holder, undefined, 'the order as the API shows it');
    // Nothing left to deliver: the event is delivered once.
    assert.deepEqual(await deliver(), { delivered: 0, retrying: 0, failed: 0 });
    const [row] = await rows<{ status: string; attempts: number }>(
      'SELECT status, attempts FROM webhook_events WHERE id = $1',
      [event.id],
    );
    assert.deepEqual(row, { status: 'delivered', attempts: 1 });
  });

  it('a wrong secret or a changed body fails verification at the receiver', async () => {
    const token = await server.login(DEMO_USERS.company);
    await placeOrder(token, { paymentMethod: { type: 'bank_transfer' } }, 'k1');
    const wrong = await startReceiver('ok');
    try {
      await deliverDueWebhooks(server.db, { ...config, url: wrong.url }, logger);
      assert.equal(wrong.deliveries.length, 1);
      assert.equal(wrong.deliveries[0]!.verified, false);
      assert.equal(wrong.deliveries[0]!.answered, 401);
    } finally {
      await wrong.close();
    }
  });

  it('a failing receiver gets exponential backoff, then the event is given up (visible) after N attempts', async () => {
    receiver.mode = 'fail';
    config = { ...config, maxAttempts: 4, backoffMs: 1000 };
    const token = await server.login(DEMO_USERS.company);
    await placeOrder(token, { paymentMethod: { type: 'bank_transfer' } }, 'k1');
    let t = Date.now();
    const at = () => new Date(t);
    const gaps: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      const report = await deliver({ now: at });
      assert.equal(report.delivered, 0);
      assert.equal(attempt < 4 ? report.retrying : report.failed, 1, `attempt ${attempt}`);
      const [row] = await rows<{ next_attempt_at: Date; status: string }>(
        'SELECT next_attempt_at, status FROM webhook_events',
      );
      if (attempt < 4) {
        const gap = new Date(row!.next_attempt_at).getTime() - t;
        gaps.push(gap);
        t += gap - 1;
        assert.equal((await deliver({ now: at })).retrying, 0, 'not due 1 ms early');
        t += 1;
      } else assert.equal(row!.status, 'failed');
    }
    assert.deepEqual(gaps, [1000, 2000, 4000], 'doubling');
    assert.equal(receiver.deliveries.length, 4);
    assert.equal(new Set(receiver.deliveries.map((d) => d.webhookId)).size, 1, 'one webhook-id');
    assert.ok(receiver.deliveries.every((d) => d.verified));
    t += 24 * 60 * 60 * 1000;
    assert.deepEqual(await deliver({ now: at }), { delivered: 0, retrying: 0, failed: 0 });
    const listed = await server.request('GET', '/api/v1/operator/webhooks', {
      headers: { Authorization: `Bearer ${OPERATOR}` },
    });
    assert.equal(listed.status, 200);
    assert.equal(listed.body.items[0].status, 'failed');
    assert.equal(listed.body.items[0].attempts, 4);
    assert.equal(listed.body.items[0].lastError, 'HTTP 500');
    assert.ok(logs.some((l) => l.startsWith('ERROR webhook order.completed') && /gave up/.test(l)));
    assert.equal(await count('webhook_attempts'), 4);
    const page = await server.request('GET', '/webhooks');
    assert.match(page.text, /failed \(gave up\)/);
    console.log(
      `hardening: webhook backoff store=${DATABASE_URL ? 'PostgreSQL' : 'PGlite'} attempts=4 gaps-ms=${gaps.join(',')} gave-up=1 same-webhook-id=4/4 verified=4/4`,
    );
  });

  it('two workers delivering at once never send the same attempt twice', async () => {
    const token = await server.login(DEMO_USERS.company);
    for (let i = 0; i < 12; i++)
      await placeOrder(token, { paymentMethod: { type: 'bank_transfer' } }, `k${i}`);
    // With PostgreSQL, the second worker is another pool, as another instance would be.
    const other = DATABASE_URL
      ? openPostgres(
          (server.db as unknown as { pool: { options: { connectionString: string } } }).pool.options
            .connectionString,
        )
      : undefined;
    try {
      const reports = await Promise.all([
        deliverDueWebhooks(server.db, config, logger, { batch: 3 }),
        deliverDueWebhooks(other ?? server.db, config, logger, { batch: 3 }),
        deliverDueWebhooks(server.db, config, logger, { batch: 3 }),
      ]);
      assert.equal(
        reports.reduce((n, r) => n + r.delivered, 0),
        12,
      );
    } finally {
      await other?.close();
    }
    const acknowledged = receiver.acknowledged();
    assert.equal(acknowledged.size, 12);
    assert.ok(
      [...acknowledged.values()].every((n) => n === 1),
      'each id once',
    );
    assert.equal(receiver.deliveries.length, 12);
    console.log(
      `hardening: webhook workers store=${DATABASE_URL ? 'PostgreSQL' : 'PGlite'} workers=3 events=12 deliveries=${receiver.deliveries.length} duplicates=0`,
    );
  });
});

/** The outbox page's "payment received" form for an order. */
const awaitingForm = (number: string) =>
  new RegExp(
    `action="/outbox/payment-received">\\s*<input type="hidden" name="orderNumber" value="${number}"`,
  );

describe('payments that arrive later: the operator endpoint', () => {
  it('records a bank transfer: paid, service active, buyer emailed, exactly one order.payment_received', async () => {
    const token = await server.login(DEMO_USERS.company);
    const order = await placeOrder(token, { paymentMethod: { type: 'bank_transfer' } }, 'k1');
    assert.equal(order.status, 'awaiting_payment');
    const snapshot = async () => ({
      order: await rows('SELECT status, paid_at, expires_on FROM orders'),
      outbox: await count('outbox'),
      events: await count('webhook_events'),
      payments: await count('received_payments'),
    });
    const before = await snapshot();
    const invoice = () => server.request('GET', `/api/v1/orders/${order.id}/invoice`, { token });
    assert.equal((await invoice()).status, 404, 'no invoice while the transfer is awaited');

    assert.equal(
      (await operator('/payments', { orderNumber: order.number, amountCents: BASE_TOTAL }, 'wrong'))
        .status,
      401,
    );
    const unknown = await operator('/payments', {
      orderNumber: 'C-2026-999999',
      amountCents: BASE_TOTAL,
    });
    assert.equal(unknown.status, 404);
    const wrongAmount = await operator('/payments', {
      orderNumber: order.number,
      amountCents: BASE_TOTAL - 1,
    });
    assert.equal(wrongAmount.status, 422);
    assert.equal(wrongAmount.body.errors[0].path, 'amountCents');
    assert.match(wrongAmount.body.detail, /nothing was recorded/);
    assert.deepEqual(await snapshot(), before, 'a refused payment changes nothing');

    const paid = await operator('/payments', {
      orderNumber: order.number,
      amountCents: BASE_TOTAL,
    });
    assert.equal(paid.status, 200);
    assert.equal(paid.body.order.status, 'paid');
    assert.equal(paid.headers.get('idempotent-replayed'), null);
    const again = await operator('/payments', {
      orderNumber: order.number,
      amountCents: BASE_TOTAL,
    });
    assert.equal(again.status, 200);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(again.body.order.status, 'paid');

    const [row] = await rows<{ status: string; expires_on: string; paid: boolean }>(
      'SELECT status, expires_on::text AS expires_on, paid_at IS NOT NULL AS paid FROM orders',
    );
    assert.deepEqual(row, { status: 'paid', expires_on: '2027-01-15', paid: true });
    const seen = await server.request('GET', `/api/v1/orders/${order.id}`, { token });
    assert.equal(seen.body.status, 'paid');
    const received = await emails('payment_received');
    assert.equal(received.length, 1, 'one email, not two');
    assert.equal(received[0]!.to_address, DEMO_HOLDERS.company.email);
    assert.match(received[0]!.body, new RegExp(order.number));
    assert.equal((await events('order.payment_received')).length, 1);
    assert.equal(await count('received_payments'), 1);
    // Paid: one electronic invoice (issue 16), valid against the FatturaPA schema, for the total.
    const xml = await invoice();
    assert.equal(xml.status, 200);
    assert.equal(await count('invoices'), 1, 'one invoice, also after the second recording');
    assert.equal(await count('sdi_transmissions'), 1);
    const valid = await validateFatturaPA([xml.text]);
    assert.ok(valid.ok, valid.errors);
    assert.match(
      xml.text,
      new RegExp(
        `<ImportoTotaleDocumento>${(BASE_TOTAL / 100).toFixed(2)}</ImportoTotaleDocumento>`,
      ),
    );

    await deliver();
    const types = receiver.deliveries.map((d) => d.type).sort();
    assert.deepEqual(types, ['order.completed', 'order.payment_received']);
    const payment = receiver.deliveries.find((d) => d.type === 'order.payment_received')!;
    assert.equal(payment.verified, true);
    assert.equal(payment.payload.data.order.status, 'paid');
    assert.equal(payment.payload.data.order.number, order.number);
  });

  it('a transfer that arrives 12 days later: the invoice bills the year the service runs, from the payment', async () => {
    const token = await server.login(DEMO_USERS.company);
    const order = await placeOrder(token, { paymentMethod: { type: 'bank_transfer' } }, 'k1');
    await clock.advance(server.db, 12 * DAY_MS);
    assert.equal(clock.today(), '2026-01-27');
    const paid = await operator('/payments', {
      orderNumber: order.number,
      amountCents: BASE_TOTAL,
    });
    assert.equal(paid.status, 200, paid.text);
    const again = await server.login(DEMO_USERS.company);
    const view = await server.request('GET', `/api/v1/orders/${order.id}`, { token: again });
    assert.equal(view.body.expiresOn, '2027-01-27');
    // The period invoiced is the period served: from the payment, for the year bought.
    const listed = await server.request('GET', '/api/v1/me/invoices', { token: again });
    const [invoice] = listed.body.items as { periodStart: string; periodEnd: string }[];
    assert.deepEqual([invoice!.periodStart, invoice!.periodEnd], ['2026-01-27', '2027-01-27']);
    const xml = (
      await server.request('GET', `/api/v1/orders/${order.id}/invoice`, { token: again })
    ).text;
    assert.match(xml, /<DataInizioPeriodo>2026-01-27<\/DataInizioPeriodo>/);
    assert.match(xml, /<DataFinePeriodo>2027-01-27<\/DataFinePeriodo>/);
    assert.match(xml, /1 anno, dal 27\/01\/2026 al 27\/01\/2027/);
    assert.doesNotMatch(xml, /15\/01\/2027|2027-01-15/);
    const valid = await validateFatturaPA([xml]);
    assert.ok(valid.ok, valid.errors);
  });

  it('a card order cannot be "paid" by transfer (422), and the demo page offers a button per awaiting order', async () => {
    const token = await server.login(DEMO_USERS.company);
    const card = await placeOrder(
      token,
      { paymentMethod: { type: 'card', savedId: await savedMethod(token, 'card') } },
      'k1',
    );
    assert.equal(
      (await operator('/payments', { orderNumber: card.number, amountCents: BASE_TOTAL })).status,
      422,
    );
    const slip = await placeOrder(token, { paymentMethod: { type: 'postal_slip' } }, 'k2');
    const page = await server.request('GET', '/outbox');
    assert.match(page.text, awaitingForm(slip.number));
    assert.doesNotMatch(page.text, awaitingForm(card.number));
    const pressed = await server.app.request('http://localhost/outbox/payment-received', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        orderNumber: slip.number,
        amountCents: String(BASE_TOTAL),
      }).toString(),
      redirect: 'manual',
    });
    assert.equal(pressed.status, 303);
    assert.equal(
      (await rows<{ status: string }>('SELECT status FROM orders WHERE id = $1', [slip.id]))[0]!
        .status,
      'paid',
    );
    assert.equal((await events('order.payment_received')).length, 1);
  });
});

describe('renewals: Certified Platform by saved card or PayPal', () => {
  it('renews 7 days before expiry, once, even with several sweeps at once; extends by the term and emails', async () => {
    const token = await server.login(DEMO_USERS.company);
    const order = await placeOrder(
      token,
      {
        years: 2,
        expectedTotalCents: 2 * BASE_TOTAL,
        paymentMethod: { type: 'paypal', savedId: await savedMethod(token, 'paypal') },
      },
      'k1',
    );
    assert.equal(order.renewalChargeDate, '2028-01-08');
    assert.deepEqual((await runOn('2028-01-07')).renewed, 0, 'not a day early');
    await clock.advance(server.db, DAY_MS);
    assert.equal(clock.today(), '2028-01-08');
    const reports = await Promise.all([1, 2, 3, 4, 5].map(() => runDueRenewals(server.deps)));
    assert.equal(
      reports.reduce((n, r) => n + r.renewed, 0),
      1,
      'one renewal across five sweeps',
    );
    assert.equal((await runOn('2028-01-09')).renewed, 0);
    const charges = await rows(
      'SELECT cycle_expires_on::text AS cycle, attempt, outcome, amount_cents FROM renewal_charges',
    );
    console.log(
      `hardening: renewal sweeps store=${DATABASE_URL ? 'PostgreSQL' : 'PGlite'} concurrent-sweeps=5 charges=${charges.length} renewals=1`,
    );
    assert.deepEqual(charges, [
      { cycle: '2028-01-15', attempt: 1, outcome: 'approved', amount_cents: 2 * BASE_TOTAL },
    ]);
    // Sessions do not last years: log in again on the moved clock.
    const seen = await server.request('GET', `/api/v1/orders/${order.id}`, {
      token: await server.login(DEMO_USERS.company),
    });
    assert.equal(
      seen.body.renewalChargeDate,
      '2030-01-08',
      'two more years, charged 7 days before',
    );
    assert.equal(seen.body.autoRenew, true);
    const confirmations = await emails('renewal_confirmation');
    assert.equal(confirmations.length, 1);
    assert.equal(confirmations[0]!.to_address, DEMO_HOLDERS.company.email);
    assert.match(confirmations[0]!.body, /15 gennaio 2030/);
    const [renewed] = await orderEvents('subscription.renewed');
    assert.equal(renewed!.payload.data.subscription.expiresOn, '2030-01-15');
    assert.equal(renewed!.payload.data.subscription.status, 'active');
    await deliver();
    assert.equal(
      receiver.deliveries.filter(
        (d) =>
          d.type === 'subscription.renewed' && d.verified && d.payload.subject.type === 'order',
      ).length,
      1,
    );
  });

  it('a refused card is retried 3 times every 2 days with an email each, and ends renewal_failed at expiry', async () => {
    const token = await server.login(DEMO_USERS.company);
    // The sandbox's test card that succeeds at purchase and is refused for insufficient funds
    // on renewal (README "Test cards"), saved as the sandbox saves it.
    const [customer] = await rows<{ id: string }>('SELECT id FROM customers WHERE username = $1', [
      DEMO_USERS.company,
    ]);
    await server.db.query(
      "INSERT INTO payment_methods (id, customer_id, type, label, created_at) VALUES ('pm_9995', $1, 'card', 'Visa •••• 9995', now())",
      [customer!.id],
    );
    const order = await placeOrder(
      token,
      { paymentMethod: { type: 'card', savedId: 'pm_9995' } },
      'k1',
    );
    assert.equal(order.renewalChargeDate, '2027-01-08');
    const walk: string[] = [];
    for (let day = 7; day <= 20; day++) {
      const date = `2027-01-${String(day).padStart(2, '0')}`;
      const report = await runOn(date);
      if (report.refused) walk.push(`${date} refused`);
      if (report.failed) walk.push(`${date} failed`);
      if (report.renewed) walk.push(`${date} renewed`);
    }
    assert.deepEqual(walk, [
      '2027-01-08 refused',
      '2027-01-10 refused',
      '2027-01-12 refused',
      '2027-01-14 refused',
      '2027-01-15 failed',
    ]);
    const refusedMails = await emails('renewal_refused');
    assert.equal(refusedMails.length, 4);
    assert.match(refusedMails[0]!.body, /10 gennaio 2027/, 'says when the next try is');
    assert.match(refusedMails[3]!.body, /ultimo tentativo/);
    assert.equal((await emails('renewal_failed')).length, 1);
    console.log(
      `hardening: refused renewal store=${DATABASE_URL ? 'PostgreSQL' : 'PGlite'} walk=${walk.map((w) => w.slice(5)).join(',')} refused-emails=${refusedMails.length} failed-emails=1`,
    );
    const charges = await rows<{ attempt: number; outcome: string }>(
      'SELECT attempt, outcome FROM renewal_charges ORDER BY attempt',
    );
    assert.deepEqual(
      charges.map((c) => `${c.attempt} ${c.outcome}`),
      ['1 refused', '2 refused', '3 refused', '4 refused'],
    );
    const seen = await server.request('GET', `/api/v1/orders/${order.id}`, {
      token: await server.login(DEMO_USERS.company),
    });
    assert.equal(seen.body.autoRenew, false);
    assert.equal(seen.body.renewalChargeDate, null);
    const [failed] = await events('subscription.renewal_failed');
    assert.equal(failed!.payload.data.subscription.status, 'renewal_failed');
    assert.equal(failed!.payload.data.subscription.refusedAttempts, 4);
    assert.equal((await orderEvents('subscription.renewed')).length, 0);
    await deliver();
    assert.equal(
      receiver.deliveries.filter((d) => d.type === 'subscription.renewal_failed' && d.verified)
        .length,
      1,
    );
  });

  it('the pg-boss scheduler runs the sweep on this store and renews the due order once', async () => {
    const token = await server.login(DEMO_USERS.company);
    await placeOrder(
      token,
      { paymentMethod: { type: 'card', savedId: await savedMethod(token, 'card') } },
      'k1',
    );
    await clock.advance(server.db, 358 * DAY_MS);
    assert.equal(clock.today(), '2027-01-08');
    let sweeps = 0;
    const scheduler = await startScheduler({
      db: server.db,
      logger,
      pollingIntervalSeconds: 0.5,
      sweep: async () => {
        sweeps++;
        await runDueRenewals(server.deps);
      },
    });
    try {
      // Waits for the first sweep's charge; the bound is a hang guard (pg-boss polls on a loaded
      // machine can take far longer than their 0.5 s interval).
      const deadline = Date.now() + 180_000;
      while ((await count('renewal_charges')) === 0) {
        assert.ok(Date.now() < deadline, 'the scheduler swept within 3 minutes');
        await new Promise((r) => setTimeout(r, 100));
      }
      await Promise.all([scheduler.runSoon(), scheduler.runSoon(), scheduler.runSoon()]);
      const until = Date.now() + 3000;
      while (Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await scheduler.stop();
    }
    assert.ok(sweeps >= 1);
    assert.equal(await count('renewal_charges'), 1, 'one charge, however many sweeps');
    assert.equal((await emails('renewal_confirmation')).length, 1);
    console.log(
      `hardening: pg-boss scheduler store=${DATABASE_URL ? 'PostgreSQL' : 'PGlite'} sweeps=${sweeps} charges=1`,
    );
  });

  it('bank transfer orders do not renew', async () => {
    const token = await server.login(DEMO_USERS.company);
    const order = await placeOrder(token, { paymentMethod: { type: 'bank_transfer' } }, 'k1');
    await operator('/payments', { orderNumber: order.number, amountCents: BASE_TOTAL });
    const report = await runOn('2027-01-15');
    assert.equal(report.renewed + report.refused + report.failed, 0);
    assert.equal(await count('renewal_charges'), 0);
  });

  it('the operator clock moves every instance forward and runs what fell due (demo)', async () => {
    const token = await server.login(DEMO_USERS.company);
    await placeOrder(
      token,
      { paymentMethod: { type: 'card', savedId: await savedMethod(token, 'card') } },
      'k1',
    );
    // The demo page lists the renewal and says which test card shows a refused one (the
    // refuse switch is gone: the test cards do what the README's table says).
    const page = await server.request('GET', '/outbox');
    assert.match(page.text, /Rinnovi automatici/);
    assert.match(page.text, /4000 0000 0000 9995/);
    assert.doesNotMatch(page.text, /refuse-charges/);
    const gone = await server.app.request('http://localhost/outbox/refuse-charges', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'orderNumber=x',
    });
    assert.equal(gone.status, 404);
    const moved = await operator('/clock', { days: 358 });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.today, '2027-01-08');
    assert.equal(moved.body.report.renewed, 1);
    const other = new ShiftableClock({ start: START, fixedToday: TODAY });
    await other.load(server.db);
    assert.equal(other.today(), '2027-01-08', 'another instance reads the same offset');
    assert.equal((await operator('/clock', { days: 0 })).status, 422);
    const production = await startServer({ demo: false, operatorSecret: OPERATOR }, server.db);
    const refused = await production.request('POST', '/api/v1/operator/clock', {
      body: { days: 1 },
      headers: { Authorization: `Bearer ${OPERATOR}` },
    });
    assert.equal(refused.status, 404, 'no movable clock outside demo mode');
    for (const [method, path] of [
      ['GET', '/webhooks'],
      ['POST', '/webhooks/receiver'],
      ['GET', '/api/dev/webhooks'],
      ['POST', '/outbox/clock'],
      ['POST', '/outbox/payment-received'],
      ['POST', '/outbox/refuse-charges'],
    ] as const) {
      assert.equal((await production.request(method, path)).status, 404, `${method} ${path}`);
    }
  });
});

describe('renewals: PEC add-ons from the prepaid credit at the mailbox expiry', () => {
  const MEMBER = DEMO_USERS.member;
  const addons = [
    { id: 'extra-space', quantity: 3 },
    { id: 'conservation', quantity: 1 },
  ];
  async function setUp() {
    const token = await server.login(MEMBER);
    const subs = await server.request('GET', '/api/v1/me/subscriptions', { token });
    const id = (label: string) =>
      subs.body.items.find((i: { label: string }) => i.label === label).id as string;
    const [customer] = await rows<{ id: string }>('SELECT id FROM customers WHERE username = $1', [
      MEMBER,
    ]);
    await server.db.query(
      "INSERT INTO payment_methods (id, customer_id, type, label, created_at) VALUES ('pm_mario', $1, 'card', 'Visa •••• 4242', now())",
      [customer!.id],
    );
    const pec = (subscriptionId: string, extra: Record<string, unknown>, key: string) =>
      placeOrder(
        token,
        { productId: 'pec-addons', planId: 'member', years: 1, addons, subscriptionId, ...extra },
        key,
      );
    // studio.rossi expires in 2 months: free until then; the top-up is one year (€15.86).
    await pec(
      id('studio.rossi@architettitorinopec.it'),
      {
        expectedTotalCents: 0,
        topUpCents: 1586,
        paymentMethod: { type: 'card', savedId: 'pm_mario' },
      },
      'k1',
    );
    return { token, id, pec };
  }
  const credit = async () =>
    (
      await rows<{ credit_cents: number }>(
        'SELECT credit_cents FROM customers WHERE username = $1',
        [MEMBER],
      )
    )[0]!.credit_cents;

  it('credit that covers a year: renewed at expiry for one year, credit debited, subscription.renewed', async () => {
    const { id } = await setUp();
    assert.equal(await credit(), 1586);
    assert.equal((await runOn('2026-03-14')).addonsRenewed, 0, 'not before the expiry');
    const report = await runOn('2026-03-15');
    assert.equal(report.addonsRenewed, 1);
    assert.equal(await credit(), 0);
    const attached = await rows<{ expires_on: string; deactivated_on: string | null }>(
      'SELECT expires_on::text AS expires_on, deactivated_on::text AS deactivated_on FROM subscription_addons ORDER BY addon_id',
    );
    assert.deepEqual(attached, [
      { expires_on: '2027-03-15', deactivated_on: null },
      { expires_on: '2027-03-15', deactivated_on: null },
    ]);
    const subs = await server.request('GET', '/api/v1/me/subscriptions', {
      token: await server.login(MEMBER),
    });
    assert.equal(
      subs.body.items.find(
        (i: { id: string }) => i.id === id('studio.rossi@architettitorinopec.it'),
      ).expiresOn,
      '2027-03-15',
    );
    assert.equal((await emails('addon_renewed')).length, 1);
    const [renewed] = await events('subscription.renewed');
    assert.equal(renewed!.payload.data.chargedCents, 1586);
    assert.equal((await runOn('2026-03-16')).addonsRenewed, 0, 'once');
  });

  it('too little credit: deactivated at expiry, the member emailed, addon.deactivated fires', async () => {
    const { id, pec } = await setUp();
    // The credit pays for add-ons on the other mailbox (8 months left: €10.58 due now).
    await pec(id(MEMBER), { expectedTotalCents: 1058, paymentMethod: { type: 'credit' } }, 'k2');
    assert.equal(await credit(), 528);
    const report = await runOn('2026-03-15');
    assert.equal(report.addonsDeactivated, 1);
    assert.equal(report.addonsRenewed, 0);
    assert.equal(await credit(), 528, 'nothing taken');
    const studio = id('studio.rossi@architettitorinopec.it');
    const attached = await rows<{ deactivated_on: string | null }>(
      'SELECT deactivated_on::text AS deactivated_on FROM subscription_addons WHERE subscription_id = $1',
      [studio],
    );
    assert.deepEqual(
      attached.map((a) => a.deactivated_on),
      ['2026-03-15', '2026-03-15'],
    );
    const mails = await emails('addon_deactivated');
    assert.equal(mails.length, 1);
    assert.equal(mails[0]!.to_address, DEMO_HOLDERS.member.email);
    assert.match(mails[0]!.body, /studio\.rossi@architettitorinopec\.it/);
    const [event] = await events('addon.deactivated');
    assert.equal(event!.payload.data.subscription.id, studio);
    assert.equal(event!.payload.data.requiredCents, 1586);
    assert.equal(event!.payload.data.creditCents, 528);
    await deliver();
    const delivered = receiver.deliveries.filter((d) => d.type === 'addon.deactivated');
    assert.equal(delivered.length, 1);
    assert.equal(delivered[0]!.verified, true);
    // The quote no longer counts them as active; nothing more happens on later days.
    assert.equal((await runOn('2026-03-20')).addonsDeactivated, 0);
  });
});

after(() => {
  if (logs.some((l) => l.startsWith('ERROR') && !/gave up/.test(l)))
    console.log(logs.filter((l) => l.startsWith('ERROR')).join('\n'));
});
