// Issue 24: buy more on a Certified Platform service — users or storage added to an active
// service, co-termed with its expiry and priced for the months left (DESIGN 1.2's rule applied to
// this product), on the real app and database: the quote, the order (its invoice, the service's
// grown quantities and renewal, `subscription.updated`), and ownership (another customer's 404).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  AccountInvoicesSchema,
  AccountSubscriptionsSchema,
  type AccountSubscription,
} from '../../src/api/account-schemas.ts';
import { QuoteSchema } from '../../src/api/schemas.ts';
import { ShiftableClock, DAY_MS } from '../../server/src/platform/clock.ts';
import { runDueRenewals } from '../../server/src/subscriptions/renewals.ts';
import { DEMO_USERS } from '../../demo/server/seed.ts';
import {
  OPERATOR_SECRET,
  registerPublicAdministration,
  START,
  startServer,
  TEST_PASSWORD,
  TODAY,
  type Server,
} from './harness.ts';
import { validateFatturaPA } from './invoices/xsd.ts';

const BASE_TOTAL = 14640;
let server: Server;
let clock: ShiftableClock;

beforeEach(async () => {
  clock = new ShiftableClock({ start: START, fixedToday: TODAY });
  server = await startServer({ clock, shiftableClock: clock });
});
afterEach(() => server.close());

/** Moves the clock (sessions last less than that: the buyer logs in again). */
async function moveTo(date: string) {
  const days = Math.round((Date.parse(date) - Date.parse(clock.today())) / DAY_MS);
  if (days > 0) await clock.advance(server.db, days * DAY_MS);
  assert.equal(clock.today(), date);
}

async function savedCard(token: string) {
  const reply = await server.request('GET', '/api/v1/me/payment-methods', { token });
  return reply.body.items.find((i: { type: string }) => i.type === 'card').id as string;
}

async function buyService(token: string) {
  const reply = await server.request('POST', '/api/v1/orders', {
    token,
    body: {
      productId: 'certified-platform',
      planId: 'base',
      years: 1,
      addons: [],
      expectedTotalCents: BASE_TOTAL,
      acceptTerms: true,
      paymentMethod: { type: 'card', savedId: await savedCard(token) },
    },
    headers: { 'Idempotency-Key': 'service' },
  });
  assert.equal(reply.status, 201, reply.text);
  return { id: `svc_${reply.body.id}`, orderId: reply.body.id as string };
}

const added = [
  { id: 'extra-users', quantity: 2 },
  { id: 'storage', quantity: 5 },
];

const quote = (token: string, subscriptionId: string, addons = added) =>
  server.request('POST', '/api/v1/quotes', {
    token,
    body: { productId: 'certified-platform', planId: 'base', years: 1, addons, subscriptionId },
  });

async function service(token: string, id: string): Promise<AccountSubscription> {
  const reply = await server.request('GET', '/api/v1/me/subscriptions', { token });
  return AccountSubscriptionsSchema.parse(reply.body).items.find((s) => s.id === id)!;
}

describe('buy more on Certified Platform: the quote', () => {
  it('prices the added users and storage for the 8 months left, VAT on the sum; the renewal grows', async () => {
    let token = await server.login(DEMO_USERS.company);
    const { id } = await buyService(token);
    await moveTo('2026-05-20'); // expiry 2027-01-15: 8 months left
    token = await server.login(DEMO_USERS.company);
    const reply = await quote(token, id);
    assert.equal(reply.status, 200, reply.text);
    const q = QuoteSchema.parse(reply.body);
    // 2 users: €24.00/year × 8/12 = €16.00; 5 GB: €10.00 × 8/12 = €6.67 (half-up).
    assert.deepEqual(
      q.lines.map((l) => [l.id, l.quantity, l.amountCents]),
      [
        ['extra-users', 2, 1600],
        ['storage', 5, 667],
      ],
    );
    assert.deepEqual([q.taxableCents, q.vatCents, q.totalCents], [2267, 499, 2766]);
    assert.equal(q.freeUntil, null);
    // One year of base + 2 users + 5 GB: €154.00 + €33.88 VAT.
    assert.deepEqual(q.renewal, {
      date: '2027-01-15',
      chargeDate: '2027-01-08',
      totalCents: 18788,
    });
  });

  it('is free until the expiry with less than 3 months left', async () => {
    let token = await server.login(DEMO_USERS.company);
    const { id } = await buyService(token);
    await moveTo('2026-11-01');
    token = await server.login(DEMO_USERS.company);
    const q = QuoteSchema.parse((await quote(token, id)).body);
    assert.equal(q.totalCents, 0);
    assert.equal(q.freeUntil, '2027-01-15');
  });

  it('refuses more users than the plan allows with the ones the service has', async () => {
    const token = await server.login(DEMO_USERS.company);
    const { id } = await buyService(token);
    const first = await quote(token, id, [{ id: 'extra-users', quantity: 14 }]);
    assert.equal(first.status, 200, first.text);
    const reply = await server.request('POST', '/api/v1/orders', {
      token,
      body: {
        productId: 'certified-platform',
        planId: 'base',
        years: 1,
        addons: [{ id: 'extra-users', quantity: 14 }],
        subscriptionId: id,
        expectedTotalCents: QuoteSchema.parse(first.body).totalCents,
        acceptTerms: true,
        paymentMethod: { type: 'card', savedId: await savedCard(token) },
      },
      headers: { 'Idempotency-Key': 'more-14' },
    });
    assert.equal(reply.status, 201, reply.text);
    const again = await quote(token, id, [{ id: 'extra-users', quantity: 1 }]);
    assert.equal(again.status, 422, again.text);
    assert.deepEqual(
      again.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]),
      [['addons.0.quantity', 'selection.addon.max']],
    );
  });

  it("answers 404 for another customer's service, 401 without a session", async () => {
    const owner = await server.login(DEMO_USERS.company);
    const { id } = await buyService(owner);
    const other = await server.login(DEMO_USERS.professional);
    assert.equal((await quote(other, id)).status, 404);
    assert.equal((await quote(other, 'svc_nothing')).status, 404);
    const anonymous = await server.request('POST', '/api/v1/quotes', {
      body: {
        productId: 'certified-platform',
        planId: 'base',
        years: 1,
        addons: added,
        subscriptionId: id,
      },
    });
    assert.equal(anonymous.status, 401);
  });
});

describe('buy more on Certified Platform: the order', () => {
  it('grows the service (expiry unchanged), invoices the added part, says subscription.updated, renews the grown service', async () => {
    let token = await server.login(DEMO_USERS.company);
    const { id, orderId } = await buyService(token);
    await moveTo('2026-05-20');
    token = await server.login(DEMO_USERS.company);
    const reply = await server.request('POST', '/api/v1/orders', {
      token,
      body: {
        productId: 'certified-platform',
        planId: 'base',
        years: 1,
        addons: added,
        subscriptionId: id,
        expectedTotalCents: 2766,
        acceptTerms: true,
        paymentMethod: { type: 'card', savedId: await savedCard(token) },
      },
      headers: { 'Idempotency-Key': 'more' },
    });
    assert.equal(reply.status, 201, reply.text);
    assert.equal(reply.body.status, 'paid');
    assert.equal(reply.body.totalCents, 2766);

    const grown = await service(token, id);
    assert.equal(grown.expiresOn, '2027-01-15');
    assert.deepEqual(
      grown.addons.map((a) => [a.id, a.quantity]),
      [
        ['extra-users', 2],
        ['storage', 5],
      ],
    );
    assert.deepEqual(grown.nextCharge, { date: '2027-01-08', totalCents: 18788, source: 'card' });
    // The addition is not a service of its own.
    const { items } = AccountSubscriptionsSchema.parse(
      (await server.request('GET', '/api/v1/me/subscriptions', { token })).body,
    );
    assert.equal(items.filter((s) => s.productId === 'certified-platform').length, 1);

    const events = (
      await server.db.query<{
        payload: { data: { subscription: AccountSubscription; changes: string[] } };
      }>(
        "SELECT payload FROM webhook_events WHERE type = 'subscription.updated' ORDER BY created_at, id",
      )
    ).rows.map((r) => r.payload.data);
    assert.deepEqual(
      events.map((e) => [e.subscription.id, e.changes, e.subscription.addons.length]),
      [[id, ['addons'], 2]],
    );

    const invoices = AccountInvoicesSchema.parse(
      (await server.request('GET', '/api/v1/me/invoices', { token })).body,
    ).items;
    const addition = invoices.find((i) => i.orderId === reply.body.id)!;
    assert.equal(addition.totalCents, 2766);
    const xml = await server.request('GET', `/api${addition.xmlUrl}`, { token });
    assert.match(xml.text, /fino alla scadenza del servizio, dal 20\/05\/2026 al 15\/01\/2027/);
    assert.equal((await validateFatturaPA([xml.text])).ok, true);

    // The renewal charges the grown service; the expiry moves by its term.
    await moveTo('2027-01-08');
    token = await server.login(DEMO_USERS.company);
    const report = await runDueRenewals(server.deps);
    assert.equal(report.renewed, 1);
    const renewed = await service(token, id);
    assert.equal(renewed.expiresOn, '2028-01-15');
    const renewal = AccountInvoicesSchema.parse(
      (await server.request('GET', '/api/v1/me/invoices', { token })).body,
    ).items.find((i) => i.orderId === orderId && i.totalCents === 18788);
    assert.ok(renewal, 'the renewal invoice charges €187.88');
  });

  it('with less than 3 months left: nothing charged, the service grows now', async () => {
    let token = await server.login(DEMO_USERS.company);
    const { id } = await buyService(token);
    await moveTo('2026-11-01');
    token = await server.login(DEMO_USERS.company);
    const reply = await server.request('POST', '/api/v1/orders', {
      token,
      body: {
        productId: 'certified-platform',
        planId: 'base',
        years: 1,
        addons: [{ id: 'storage', quantity: 10 }],
        subscriptionId: id,
        expectedTotalCents: 0,
        acceptTerms: true,
        paymentMethod: { type: 'card' },
      },
      headers: { 'Idempotency-Key': 'free' },
    });
    assert.equal(reply.status, 201, reply.text);
    assert.equal(reply.body.status, 'active');
    assert.equal(reply.body.freeUntil, '2027-01-15');
    const grown = await service(token, id);
    assert.deepEqual(
      grown.addons.map((a) => [a.id, a.quantity]),
      [['storage', 10]],
    );
    assert.equal(grown.nextCharge?.totalCents, 17080); // (120 + 20) × 1.22
  });

  it("refuses an order on another customer's service (404) and writes nothing", async () => {
    const owner = await server.login(DEMO_USERS.company);
    const { id } = await buyService(owner);
    const other = await server.login(DEMO_USERS.professional);
    const reply = await server.request('POST', '/api/v1/orders', {
      token: other,
      body: {
        productId: 'certified-platform',
        planId: 'base',
        years: 1,
        addons: added,
        subscriptionId: id,
        expectedTotalCents: 0,
        acceptTerms: true,
        paymentMethod: { type: 'card' },
      },
      headers: { 'Idempotency-Key': 'theft' },
    });
    assert.equal(reply.status, 404, reply.text);
    assert.deepEqual((await service(owner, id)).addons, []);
  });
});

describe("buy more on Certified Platform: the service's order keeps its history", () => {
  /** Buys `addons` more for the service `id` at the quoted price, paid with the saved card. */
  async function buyMore(token: string, id: string, addons: typeof added, key: string) {
    const priced = QuoteSchema.parse((await quote(token, id, addons)).body);
    const reply = await server.request('POST', '/api/v1/orders', {
      token,
      body: {
        productId: 'certified-platform',
        planId: 'base',
        years: 1,
        addons,
        subscriptionId: id,
        expectedTotalCents: priced.totalCents,
        acceptTerms: true,
        paymentMethod: { type: 'card', savedId: await savedCard(token) },
      },
      headers: { 'Idempotency-Key': key },
    });
    assert.equal(reply.status, 201, reply.text);
    assert.equal(reply.body.status, 'paid');
    return { priced, order: reply.body as { id: string; totalCents: number } };
  }

  /** GET /v1/orders/{id}: what the order bought and what it was charged. */
  async function bought(token: string, orderId: string) {
    const reply = await server.request('GET', `/api/v1/orders/${orderId}`, { token });
    assert.equal(reply.status, 200, reply.text);
    const body = reply.body as {
      addons: { id: string; quantity: number }[];
      totalCents: number;
      invoices: { totalCents: number }[];
      nextCharge: { date: string; totalCents: number } | null;
    };
    return body;
  }

  it('the order still shows what it bought and was charged; the service and its renewals grow, twice', async () => {
    let token = await server.login(DEMO_USERS.company);
    const { id, orderId } = await buyService(token);
    await moveTo('2026-05-20');
    token = await server.login(DEMO_USERS.company);
    const first = await buyMore(token, id, added, 'more-1');
    assert.equal(first.order.totalCents, 2766);

    // The service's order: the base plan it bought, at the €146.40 charged and invoiced then.
    let order = await bought(token, orderId);
    assert.deepEqual(order.addons, []);
    assert.equal(order.totalCents, BASE_TOTAL);
    assert.deepEqual(
      order.invoices.map((i) => i.totalCents),
      [BASE_TOTAL],
    );
    // Its next charge is the present: the grown service's renewal.
    assert.deepEqual(order.nextCharge, { date: '2027-01-08', totalCents: 18788 });
    const { rows: stored } = await server.db.query<{
      addons: unknown;
      quote: { totalCents: number; renewal: { totalCents: number }; lines: { id: string }[] };
    }>('SELECT addons, quote FROM orders WHERE id = $1', [orderId]);
    assert.deepEqual(stored[0]!.addons, []);
    assert.deepEqual(
      [stored[0]!.quote.totalCents, stored[0]!.quote.renewal.totalCents],
      [BASE_TOTAL, BASE_TOTAL],
    );
    assert.deepEqual(
      stored[0]!.quote.lines.map((l) => l.id),
      ['base'],
    );

    // The service (the customer area's card) has the grown quantities.
    let grown = await service(token, id);
    assert.deepEqual(
      grown.addons.map((a) => [a.id, a.quantity]),
      [
        ['extra-users', 2],
        ['storage', 5],
      ],
    );

    // A second buy more grows from the grown quantities: 3 users, 5 GB.
    await moveTo('2026-07-15'); // 6 months left
    token = await server.login(DEMO_USERS.company);
    const second = await buyMore(token, id, [{ id: 'extra-users', quantity: 1 }], 'more-2');
    // €12.00/year × 6/12 = €6.00 + VAT; the renewal: base €120 + 3 users €36 + 5 GB €10, + 22%.
    assert.equal(second.priced.totalCents, 732);
    assert.equal(second.priced.renewal.totalCents, 20252);
    grown = await service(token, id);
    assert.deepEqual(
      grown.addons.map((a) => [a.id, a.quantity]),
      [
        ['extra-users', 3],
        ['storage', 5],
      ],
    );
    assert.deepEqual(grown.nextCharge, { date: '2027-01-08', totalCents: 20252, source: 'card' });
    order = await bought(token, orderId);
    assert.deepEqual([order.addons, order.totalCents], [[], BASE_TOTAL]);
    // Each addition keeps its own quantities and total too.
    const addition = await bought(token, first.order.id);
    assert.deepEqual([addition.addons, addition.totalCents], [added, 2766]);

    // The renewal charges the grown term (its charge and its invoice), and tells the buyer so.
    await moveTo('2027-01-08');
    token = await server.login(DEMO_USERS.company);
    assert.equal((await runDueRenewals(server.deps)).renewed, 1);
    const { rows: charges } = await server.db.query<{ amount_cents: number; outcome: string }>(
      'SELECT amount_cents, outcome FROM renewal_charges WHERE order_id = $1',
      [orderId],
    );
    assert.deepEqual(charges, [{ amount_cents: 20252, outcome: 'approved' }]);
    const invoices = AccountInvoicesSchema.parse(
      (await server.request('GET', '/api/v1/me/invoices', { token })).body,
    ).items.filter((i) => i.orderId === orderId);
    assert.deepEqual(
      invoices.map((i) => i.totalCents).sort((a, b) => a - b),
      [BASE_TOTAL, 20252],
    );
    const renewal = invoices.find((i) => i.totalCents === 20252)!;
    const xml = await server.request('GET', `/api${renewal.xmlUrl}`, { token });
    assert.match(xml.text, /<Quantita>3\.00<\/Quantita>/);
    assert.equal((await validateFatturaPA([xml.text])).ok, true);
    const { rows: emails } = await server.db.query<{ body: string }>(
      "SELECT body FROM outbox WHERE order_id = $1 AND subject ILIKE '%rinnov%' ORDER BY created_at",
      [orderId],
    );
    assert.match(emails.at(-1)?.body ?? '', /202,52/);
    // …and the order is still what was bought and charged the first time.
    order = await bought(token, orderId);
    assert.deepEqual([order.addons, order.totalCents], [[], BASE_TOTAL]);
    assert.deepEqual(order.nextCharge, { date: '2028-01-08', totalCents: 20252 });
  });

  it('the buy more’s own order follows its service after a renewal and an auto-renew turned off', async () => {
    let token = await server.login(DEMO_USERS.company);
    const { id, orderId } = await buyService(token);
    await moveTo('2026-05-20');
    token = await server.login(DEMO_USERS.company);
    const { order: addition } = await buyMore(token, id, added, 'more-1');
    const view = async () => {
      const reply = await server.request('GET', `/api/v1/orders/${addition.id}`, { token });
      assert.equal(reply.status, 200, reply.text);
      const { autoRenew, renewalChargeDate, expiresOn, nextCharge } = reply.body;
      return { autoRenew, renewalChargeDate, expiresOn, nextCharge };
    };
    // Its add-ons run and renew with the service; the charge is the service order's (no double).
    assert.deepEqual(await view(), {
      autoRenew: true,
      renewalChargeDate: '2027-01-08',
      expiresOn: '2027-01-15',
      nextCharge: null,
    });
    await moveTo('2027-01-08');
    assert.equal((await runDueRenewals(server.deps)).renewed, 1);
    token = await server.login(DEMO_USERS.company);
    assert.deepEqual(await view(), {
      autoRenew: true,
      renewalChargeDate: '2028-01-08',
      expiresOn: '2028-01-15',
      nextCharge: null,
    });
    const off = await server.request('PATCH', `/api/v1/subscriptions/${id}`, {
      token,
      body: { autoRenew: false },
    });
    assert.equal(off.status, 200, off.text);
    assert.deepEqual(await view(), {
      autoRenew: false,
      renewalChargeDate: null,
      expiresOn: '2028-01-15',
      nextCharge: null,
    });
    // The service's order says the same present.
    const service = await server.request('GET', `/api/v1/orders/${orderId}`, { token });
    assert.deepEqual(
      [service.body.autoRenew, service.body.renewalChargeDate, service.body.expiresOn],
      [false, null, '2028-01-15'],
    );
  });

  it('a public administration: its order keeps the split payment it paid, the service the grown one', async () => {
    const registered = await registerPublicAdministration(server);
    const { username } = registered;
    let token = registered.token;
    /** A bank transfer order, paid as the operator records it (the taxable amount). */
    const placeAndPay = async (body: Record<string, unknown>, key: string, paidCents: number) => {
      const reply = await server.request('POST', '/api/v1/orders', {
        token,
        body: {
          productId: 'certified-platform',
          planId: 'base',
          years: 1,
          acceptTerms: true,
          paymentMethod: { type: 'bank_transfer' },
          ...body,
        },
        headers: { 'Idempotency-Key': key },
      });
      assert.equal(reply.status, 201, reply.text);
      const paid = await server.request('POST', '/api/v1/operator/payments', {
        body: { orderNumber: reply.body.number, amountCents: paidCents },
        headers: { Authorization: `Bearer ${OPERATOR_SECRET}` },
      });
      assert.equal(paid.status, 200, paid.text);
      return reply.body.id as string;
    };
    const orderId = await placeAndPay({ addons: [], expectedTotalCents: BASE_TOTAL }, 'pa', 12000);
    await moveTo('2026-05-20');
    token = (
      await server.request('POST', '/api/v1/auth/login', {
        body: { username, password: TEST_PASSWORD },
      })
    ).body.token as string;
    await placeAndPay(
      { addons: added, subscriptionId: `svc_${orderId}`, expectedTotalCents: 2766 },
      'pa-more',
      2267,
    );

    const order = await server.request('GET', `/api/v1/orders/${orderId}`, { token });
    assert.deepEqual(
      [order.body.addons, order.body.totalCents, order.body.splitPayment, order.body.payableCents],
      [[], BASE_TOTAL, true, 12000],
    );
    const grown = await service(token, `svc_${orderId}`);
    assert.deepEqual(
      grown.addons.map((a) => [a.id, a.quantity]),
      [
        ['extra-users', 2],
        ['storage', 5],
      ],
    );
    const { rows } = await server.db.query<{
      service_quote: { totalCents: number; splitPayment: boolean; payableCents: number };
    }>('SELECT service_quote FROM orders WHERE id = $1', [orderId]);
    const { totalCents, splitPayment, payableCents } = rows[0]!.service_quote;
    assert.deepEqual([totalCents, splitPayment, payableCents], [18788, true, 15400]);
  });
});

describe('buy more on Certified Platform: a transfer that arrives after the term', () => {
  it('is not recorded once the service has renewed without it: nothing grows, the renewal charged and invoiced stays, the operator told to refund', async () => {
    let token = await server.login(DEMO_USERS.company);
    const { id, orderId } = await buyService(token);
    await moveTo('2026-09-01');
    token = await server.login(DEMO_USERS.company);
    const users = [{ id: 'extra-users', quantity: 3 }];
    const priced = QuoteSchema.parse((await quote(token, id, users)).body);
    // 3 users for the 5 months left of the term ending 2027-01-15.
    assert.deepEqual([priced.totalCents, priced.renewal.date], [1830, '2027-01-15']);
    const placed = await server.request('POST', '/api/v1/orders', {
      token,
      body: {
        productId: 'certified-platform',
        planId: 'base',
        years: 1,
        addons: users,
        subscriptionId: id,
        expectedTotalCents: priced.totalCents,
        acceptTerms: true,
        paymentMethod: { type: 'bank_transfer' },
      },
      headers: { 'Idempotency-Key': 'late-more' },
    });
    assert.equal(placed.status, 201, placed.text);
    assert.equal(placed.body.status, 'awaiting_payment');
    // The renewal (the term without the users) is charged before the transfer arrives.
    await moveTo('2027-01-08');
    assert.equal((await runDueRenewals(server.deps)).renewed, 1);
    await moveTo('2027-01-20');
    const before = await server.db.query(
      'SELECT service_addons, service_quote, status FROM orders ORDER BY created_at',
    );
    const late = await server.request('POST', '/api/v1/operator/payments', {
      body: { orderNumber: placed.body.number, amountCents: priced.totalCents },
      headers: { Authorization: `Bearer ${OPERATOR_SECRET}` },
    });
    assert.equal(late.status, 422, late.text);
    assert.equal(late.body.errors[0].path, 'orderNumber');
    assert.match(late.body.detail, /2027-01-15.*nothing was recorded.*refund/);
    const after = await server.db.query(
      'SELECT service_addons, service_quote, status FROM orders ORDER BY created_at',
    );
    assert.deepEqual(after.rows, before.rows, 'nothing changed');
    token = await server.login(DEMO_USERS.company);
    // The service renewed as it was charged: no users it has not paid for this term.
    const renewed = await service(token, id);
    assert.deepEqual(renewed.addons, []);
    assert.equal(renewed.expiresOn, '2028-01-15');
    assert.deepEqual(renewed.nextCharge, {
      date: '2028-01-08',
      totalCents: BASE_TOTAL,
      source: 'card',
    });
    const { rows } = await server.db.query<{ amount_cents: number }>(
      'SELECT amount_cents FROM renewal_charges WHERE order_id = $1',
      [orderId],
    );
    assert.deepEqual(
      rows.map((r) => r.amount_cents),
      [BASE_TOTAL],
    );
    const invoices = AccountInvoicesSchema.parse(
      (await server.request('GET', '/api/v1/me/invoices', { token })).body,
    ).items;
    assert.deepEqual(
      invoices.map((i) => i.totalCents),
      [BASE_TOTAL, BASE_TOTAL],
      'the sale and the renewal: no invoice for the refused transfer',
    );
  });
});
