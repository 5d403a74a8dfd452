// Issue 22, from the outside (HTTP, webhooks received over real HTTP and verified with the
// `standardwebhooks` package, XML validated with xmllint against FatturaPA 1.2.2 and 1.2.1):
// events in order per subject, an invoice for every charge, state that stays true, public
// administrations. PGlite, or PostgreSQL with DATABASE_URL.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ShiftableClock, DAY_MS } from '../../demo/server/clock.ts';
import { runDueRenewals } from '../../demo/server/renewals.ts';
import {
  deliverDueWebhooks,
  DEFAULT_WEBHOOK_CONFIG,
  type WebhookConfig,
} from '../../demo/server/webhooks.ts';
import { DEMO_USERS } from '../../demo/server/seed.ts';
import { DATABASE_URL, START, startServer, TODAY, type Server } from './harness.ts';
import { startReceiver, type Receiver } from './webhook-receiver.ts';

const OPERATOR = 'test-operator-secret';
const BASE_TOTAL = 14640;
const STORE = DATABASE_URL ? 'PostgreSQL' : 'PGlite';

let server: Server;
let clock: ShiftableClock;
let receiver: Receiver;
let config: WebhookConfig;
const logger = { info: () => undefined, error: () => undefined };

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

const operator = (path: string, body?: unknown) =>
  server.request('POST', `/api/v1/operator${path}`, {
    ...(body !== undefined ? { body } : {}),
    headers: { Authorization: `Bearer ${OPERATOR}` },
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
  return reply.body as { id: string; number: string; status: string };
}

describe('events in order per subject', () => {
  it('a receiver that refuses the first event: the second waits, both arrive in order, with sequence and state', async () => {
    receiver.mode = 'refuse-first';
    config = { ...config, backoffMs: 1000 };
    const token = await server.login(DEMO_USERS.company);
    const order = await placeOrder(token, { paymentMethod: { type: 'bank_transfer' } }, 'k1');
    let t = Date.now();
    const at = () => new Date(t);
    // order.completed (awaiting payment) is refused once: retried later.
    assert.deepEqual(await deliver({ now: at }), { delivered: 0, retrying: 1, failed: 0 });
    // Meanwhile the transfer arrives: order.payment_received (paid) is written…
    const paid = await operator('/payments', {
      orderNumber: order.number,
      amountCents: BASE_TOTAL,
    });
    assert.equal(paid.status, 200, paid.text);
    // …and waits behind the earlier event, however often the worker runs.
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(await deliver({ now: at }), { delivered: 0, retrying: 0, failed: 0 });
    }
    assert.equal(receiver.deliveries.length, 1, 'only the refused attempt reached the receiver');
    t += 60_000;
    assert.deepEqual(await deliver({ now: at }), { delivered: 2, retrying: 0, failed: 0 });
    const received = receiver.deliveries.filter((d) => d.answered === 204);
    assert.deepEqual(
      received.map((d) => [
        d.type,
        d.payload.subject.type,
        d.payload.subject.id,
        d.payload.sequence,
        d.payload.data.order.status,
      ]),
      [
        ['order.completed', 'order', order.id, 1, 'awaiting_payment'],
        ['order.payment_received', 'order', order.id, 2, 'paid'],
      ],
    );
    assert.ok(receiver.deliveries.every((d) => d.verified));
    console.log(
      `hardening: ordered webhooks store=${STORE} receiver=refuses-first events=2 attempts=${receiver.deliveries.length} second-held-while-first-retried=yes arrival=${received.map((d) => d.payload.sequence).join(',')}`,
    );
  });

  it('a given-up event no longer holds the next one back', async () => {
    receiver.mode = 'fail';
    config = { ...config, maxAttempts: 2, backoffMs: 1000 };
    const token = await server.login(DEMO_USERS.company);
    const order = await placeOrder(token, { paymentMethod: { type: 'bank_transfer' } }, 'k1');
    let t = Date.now();
    const at = () => new Date(t);
    await deliver({ now: at });
    await operator('/payments', { orderNumber: order.number, amountCents: BASE_TOTAL });
    // The first event's last attempt: refused, given up; the second is then tried (refused too).
    t += 60_000;
    assert.deepEqual(await deliver({ now: at }), { delivered: 0, retrying: 1, failed: 1 });
    receiver.mode = 'ok';
    t += 60_000;
    assert.deepEqual(await deliver({ now: at }), { delivered: 1, retrying: 0, failed: 0 });
    const last = receiver.deliveries.at(-1)!;
    assert.equal(last.type, 'order.payment_received');
    assert.equal(last.payload.sequence, 2);
  });
});
