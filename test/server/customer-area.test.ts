// Issue 24: the customer area's endpoints on the real app and database (PGlite, or PostgreSQL
// with DATABASE_URL): what a buyer sees of what they bought, the changes they make (each with its
// `subscription.updated` event), ownership (another customer's ids are 404) and the renewals
// that follow those changes on the moved clock.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  AccountInvoicesSchema,
  AccountOrdersSchema,
  AccountSubscriptionsSchema,
  InvoiceCopyLinkSchema,
  ProviderRedirectSchema,
  type AccountSubscription,
} from '../../src/api/account-schemas.ts';
import { ShiftableClock, DAY_MS } from '../../server/src/platform/clock.ts';
import { runDueRenewals } from '../../server/src/subscriptions/renewals.ts';
import { addMonths } from '../../src/domain/dates.ts';
import { DEMO_USERS } from '../../demo/server/seed.ts';
import {
  registerPublicAdministration,
  START,
  startServer,
  submitSandboxForm,
  TODAY,
  TEST_PASSWORD,
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

async function rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []) {
  return (await server.db.query<T>(sql, params)).rows;
}

async function methods(token: string) {
  const reply = await server.request('GET', '/api/v1/me/payment-methods', { token });
  const find = (type: string) =>
    reply.body.items.find((i: { type: string }) => i.type === type).id as string;
  return { card: find('card'), paypal: find('paypal') };
}

async function buy(token: string, paymentMethod: Record<string, unknown>, key: string) {
  const reply = await server.request('POST', '/api/v1/orders', {
    token,
    body: {
      productId: 'certified-platform',
      planId: 'base',
      years: 1,
      addons: [],
      expectedTotalCents: BASE_TOTAL,
      acceptTerms: true,
      paymentMethod,
    },
    headers: { 'Idempotency-Key': key },
  });
  assert.equal(reply.status, 201, reply.text);
  return reply.body as { id: string; number: string };
}

/** A public administration with a card saved from the customer area (the provider's page, nothing charged). */
async function publicAdministrationWithCard() {
  const { username, token } = await registerPublicAdministration(server);
  const setup = ProviderRedirectSchema.parse(
    (
      await server.request('POST', '/api/v1/me/payment-methods', {
        token,
        body: { type: 'card', returnUrl: 'http://localhost/area-clienti.html' },
      })
    ).body,
  );
  const saved = await submitSandboxForm(server.app, setup.id, {
    decision: 'pay',
    holder: 'Ufficio economato',
    number: '4242 4242 4242 4242',
    expiry: '12/32',
    cvc: '123',
  });
  const card = (await server.request('GET', '/api/v1/me/payment-methods', { token })).body.items[0]
    .id as string;
  return { username, token, card, saved };
}

async function subscriptions(token: string) {
  const reply = await server.request('GET', '/api/v1/me/subscriptions', { token });
  assert.equal(reply.status, 200, reply.text);
  return AccountSubscriptionsSchema.parse(reply.body);
}

const patch = (token: string, id: string, body: unknown) =>
  server.request('PATCH', `/api/v1/subscriptions/${encodeURIComponent(id)}`, { token, body });

const updatedEvents = async () =>
  (
    await rows<{ payload: { data: { subscription: AccountSubscription; changes: string[] } } }>(
      "SELECT payload FROM webhook_events WHERE type = 'subscription.updated' ORDER BY created_at, id",
    )
  ).map((r) => r.payload.data);

async function runOn(date: string) {
  const days = Math.round((Date.parse(date) - Date.parse(clock.today())) / DAY_MS);
  if (days > 0) await clock.advance(server.db, days * DAY_MS);
  assert.equal(clock.today(), date);
  return runDueRenewals(server.deps);
}

describe('customer area: a Certified Platform buyer', () => {
  it('sees the service bought by card: plan, term, expiry, next charge and the card it uses', async () => {
    const token = await server.login(DEMO_USERS.company);
    const { card } = await methods(token);
    const order = await buy(token, { type: 'card', savedId: card }, 'k1');
    const { items } = await subscriptions(token);
    const service = items.find((s) => s.orderId === order.id)!;
    assert.deepEqual(
      {
        id: service.id,
        productId: service.productId,
        label: service.label,
        planId: service.planId,
        years: service.years,
        status: service.status,
        expiresOn: service.expiresOn,
        autoRenew: service.autoRenew,
        nextCharge: service.nextCharge,
        paymentMethodId: service.paymentMethodId,
      },
      {
        id: `svc_${order.id}`,
        productId: 'certified-platform',
        label: order.number,
        planId: 'base',
        years: 1,
        status: 'active',
        expiresOn: '2027-01-15',
        autoRenew: true,
        nextCharge: { date: '2027-01-08', totalCents: BASE_TOTAL, source: 'card' },
        paymentMethodId: card,
      },
    );
  });

  it('changes the renewal card, then turns auto-renew off: each change is an event, and the renewal does not happen', async () => {
    const token = await server.login(DEMO_USERS.company);
    const { card, paypal } = await methods(token);
    const order = await buy(token, { type: 'card', savedId: card }, 'k1');
    const id = `svc_${order.id}`;

    const moved = await patch(token, id, { paymentMethodId: paypal });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.body.paymentMethodId, paypal);
    assert.equal(moved.body.nextCharge.source, 'paypal');

    const off = await patch(token, id, { autoRenew: false });
    assert.equal(off.status, 200, off.text);
    assert.equal(off.body.autoRenew, false);
    assert.equal(off.body.nextCharge, null);

    const events = await updatedEvents();
    assert.deepEqual(
      events.map((e) => [e.subscription.id, e.changes]),
      [
        [id, ['paymentMethodId']],
        [id, ['autoRenew']],
      ],
    );
    assert.equal(events[1]!.subscription.autoRenew, false);

    // The moved clock passes the charge date and the expiry: nothing is charged, the service ends.
    assert.equal((await runOn('2027-01-08')).renewed, 0);
    assert.equal((await runOn('2027-01-16')).renewed, 0);
    assert.equal((await rows('SELECT 1 FROM renewal_charges')).length, 0);
    // A year later the session has long expired: the buyer logs in again.
    const again = await server.login(DEMO_USERS.company);
    const after = (await subscriptions(again)).items.find((s) => s.id === id)!;
    assert.equal(after.status, 'expired');
  });

  it('turned on again, it renews on the moved clock with the card chosen', async () => {
    const token = await server.login(DEMO_USERS.company);
    const { card, paypal } = await methods(token);
    const order = await buy(token, { type: 'card', savedId: card }, 'k1');
    const id = `svc_${order.id}`;
    assert.equal((await patch(token, id, { autoRenew: false })).status, 200);
    const on = await patch(token, id, { autoRenew: true, paymentMethodId: paypal });
    assert.equal(on.status, 200, on.text);
    assert.deepEqual(on.body.nextCharge, {
      date: '2027-01-08',
      totalCents: BASE_TOTAL,
      source: 'paypal',
    });
    assert.equal((await runOn('2027-01-08')).renewed, 1);
  });

  it('another customer’s subscription is unknown: 404 to read-change, absent from their list', async () => {
    const owner = await server.login(DEMO_USERS.company);
    const order = await buy(owner, { type: 'bank_transfer' }, 'k1');
    const { card } = await methods(owner);
    const paid = await buy(owner, { type: 'card', savedId: card }, 'k2');
    const other = await server.login(DEMO_USERS.professional);
    const reply = await patch(other, `svc_${paid.id}`, { autoRenew: false });
    assert.equal(reply.status, 404);
    assert.match(reply.body.type, /not-found$/);
    assert.equal((await patch(other, `svc_${order.id}`, { autoRenew: false })).status, 404);
    assert.equal((await subscriptions(other)).items.length, 0);
    // The owner's method is not the other customer's either.
    const removed = await server.request('DELETE', `/api/v1/me/payment-methods/${card}`, {
      token: other,
    });
    assert.equal(removed.status, 404);
    assert.equal(
      (await server.request('GET', `/api/v1/orders/${paid.id}/invoice`, { token: other })).status,
      404,
    );
    assert.equal((await patch(other, 'svc_nothing', { autoRenew: false })).status, 404);
  });

  it('removing the card an auto-renewal uses is refused, unless another method takes the renewal', async () => {
    const token = await server.login(DEMO_USERS.company);
    const { card, paypal } = await methods(token);
    const order = await buy(token, { type: 'card', savedId: card }, 'k1');
    const refused = await server.request('DELETE', `/api/v1/me/payment-methods/${card}`, {
      token,
    });
    assert.equal(refused.status, 409);
    assert.match(refused.body.type, /payment-method-in-use$/);
    assert.match(refused.headers.get('content-type') ?? '', /problem\+json/);
    const moved = await server.request(
      'DELETE',
      `/api/v1/me/payment-methods/${card}?replacement=${paypal}`,
      { token },
    );
    assert.equal(moved.status, 204, moved.text);
    const service = (await subscriptions(token)).items.find((s) => s.orderId === order.id)!;
    assert.equal(service.paymentMethodId, paypal);
    const list = await server.request('GET', '/api/v1/me/payment-methods', { token });
    assert.deepEqual(
      list.body.items.map((m: { id: string }) => m.id),
      [paypal],
    );
    const [event] = await updatedEvents();
    assert.deepEqual(event!.changes, ['paymentMethodId']);
    // PayPal now renews, and may not be removed without another method.
    const last = await server.request('DELETE', `/api/v1/me/payment-methods/${paypal}`, { token });
    assert.equal(last.status, 409);
  });

  it('lists the invoices (the XML downloads and is valid) and the orders awaiting a transfer', async () => {
    const token = await server.login(DEMO_USERS.company);
    const { card } = await methods(token);
    const paid = await buy(token, { type: 'card', savedId: card }, 'k1');
    const waiting = await buy(token, { type: 'bank_transfer' }, 'k2');
    const invoices = AccountInvoicesSchema.parse(
      (await server.request('GET', '/api/v1/me/invoices', { token })).body,
    ).items;
    assert.equal(invoices.length, 1);
    assert.equal(invoices[0]!.orderId, paid.id);
    assert.equal(invoices[0]!.totalCents, BASE_TOTAL);
    assert.equal(invoices[0]!.taxableCents! + invoices[0]!.vatCents!, BASE_TOTAL);
    assert.equal(invoices[0]!.sentTo.channel, 'sdi');
    const xml = await server.request('GET', `/api${invoices[0]!.xmlUrl}`, { token });
    assert.equal(xml.status, 200);
    const validation = await validateFatturaPA([xml.text]);
    assert.equal(validation.ok, true, JSON.stringify(validation));

    const awaiting = AccountOrdersSchema.parse(
      (await server.request('GET', '/api/v1/me/orders?status=awaiting_payment', { token })).body,
    ).items;
    assert.deepEqual(
      awaiting.map((o) => [o.id, o.instructions?.reference.includes(waiting.number)]),
      [[waiting.id, true]],
    );
    const none = await server.request('GET', '/api/v1/me/invoices');
    assert.equal(none.status, 401);
  });
});

describe('customer area: a public administration paying by card', () => {
  it('the service card’s next charge is what the card will be charged: the taxable amount (split payment)', async () => {
    // A card saved from the customer area (the provider's page, nothing charged).
    const { token, card, saved } = await publicAdministrationWithCard();
    assert.equal(new URL(saved.location!).searchParams.get('cassa_method'), 'saved');
    const order = await buy(token, { type: 'card', savedId: card }, 'pa-card');
    const view = await server.request('GET', `/api/v1/orders/${order.id}`, { token });
    assert.equal(view.body.status, 'paid', view.text);
    assert.equal(view.body.payableCents, 12000);
    // The renewal charges the taxable amount; the order and the service card both say so.
    assert.deepEqual(view.body.nextCharge, { date: '2027-01-08', totalCents: 12000 });
    const service = (await subscriptions(token)).items.find((s) => s.orderId === order.id)!;
    assert.deepEqual(service.nextCharge, { date: '2027-01-08', totalCents: 12000, source: 'card' });
    // And so it is charged on the moved clock.
    const report = await runOn('2027-01-08');
    assert.equal(report.renewed, 1, JSON.stringify(report));
    const charges = await rows<{ amount_cents: number }>(
      'SELECT amount_cents FROM renewal_charges WHERE order_id = $1',
      [order.id],
    );
    assert.deepEqual(
      charges.map((c) => c.amount_cents),
      [12000],
    );
  });
  it('renewal after renewal, the events say what its card is charged, as its order and its service card do', async () => {
    const { username, token, card } = await publicAdministrationWithCard();
    const order = await buy(token, { type: 'card', savedId: card }, 'pa-card');
    for (const [date, next] of [
      ['2027-01-08', '2028-01-08'],
      ['2028-01-08', '2029-01-08'],
    ] as const) {
      assert.equal((await runOn(date)).renewed, 1);
      const again = await server.login(username, TEST_PASSWORD);
      const view = await server.request('GET', `/api/v1/orders/${order.id}`, { token: again });
      assert.deepEqual(view.body.nextCharge, { date: next, totalCents: 12000 });
      const service = (await subscriptions(again)).items.find((s) => s.orderId === order.id)!;
      assert.deepEqual(service.nextCharge, { date: next, totalCents: 12000, source: 'card' });
    }
    const renewed = await rows<{
      payload: { data: { subscription: { renewalTotalCents: number; nextChargeOn: string } } };
    }>(
      `SELECT payload FROM webhook_events WHERE type = 'subscription.renewed'
          AND payload->'subject'->>'id' = $1 ORDER BY created_at, id`,
      [order.id],
    );
    // What the next renewal charges the card: the taxable amount, the VAT going to the Treasury.
    assert.deepEqual(
      renewed.map((r) => [
        r.payload.data.subscription.nextChargeOn,
        r.payload.data.subscription.renewalTotalCents,
      ]),
      [
        ['2028-01-08', 12000],
        ['2029-01-08', 12000],
      ],
    );
    // Each charge is 120,00 and its invoice (split payment) bills 146,40 with 120,00 to pay.
    const charges = await rows<{ amount_cents: number }>(
      'SELECT amount_cents FROM renewal_charges WHERE order_id = $1 ORDER BY cycle_expires_on',
      [order.id],
    );
    assert.deepEqual(
      charges.map((c) => c.amount_cents),
      [12000, 12000],
    );
    const again = await server.login(username, TEST_PASSWORD);
    const listed = await server.request('GET', '/api/v1/me/invoices', { token: again });
    AccountInvoicesSchema.parse(listed.body);
    const invoices = (
      listed.body.items as {
        kind: string;
        periodStart: string;
        totalCents: number;
        paidCents: number;
        splitPayment: boolean;
        xmlUrl: string;
      }[]
    ).filter((i) => i.kind === 'renewal');
    assert.deepEqual(
      invoices.map((i) => [i.periodStart, i.totalCents, i.paidCents, i.splitPayment]),
      [
        ['2028-01-15', BASE_TOTAL, 12000, true],
        ['2027-01-15', BASE_TOTAL, 12000, true],
      ],
    );
    const xml = await Promise.all(
      invoices.map(
        async (i) => (await server.request('GET', `/api${i.xmlUrl}`, { token: again })).text,
      ),
    );
    const validation = await validateFatturaPA(xml);
    assert.equal(validation.ok, true, JSON.stringify(validation));
  });
  it('its confirmation email says what is paid now and what the renewal charges: the taxable amount', async () => {
    const { token, card } = await publicAdministrationWithCard();
    const order = await buy(token, { type: 'card', savedId: card }, 'pa-card');
    const [email] = await rows<{ body: string }>(
      "SELECT body FROM outbox WHERE kind = 'order_confirmation' AND order_id = $1",
      [order.id],
    );
    assert.match(email!.body, /Totale: 146,40\s€/);
    assert.match(email!.body, /Netto a pagare: 120,00\s€/);
    assert.match(email!.body, /Rinnovo automatico il 8 gennaio 2027: 120,00\s€/);
    assert.doesNotMatch(email!.body, /Rinnovo automatico .*146,40/);
    // And so it is charged.
    assert.equal((await runOn('2027-01-08')).renewed, 1);
    const [charge] = await rows<{ amount_cents: number }>(
      'SELECT amount_cents FROM renewal_charges WHERE order_id = $1',
      [order.id],
    );
    assert.equal(charge!.amount_cents, 12000);
  });
});

describe('customer area: a member of the Ordine', () => {
  async function mailboxWithAddons(token: string) {
    const { items } = await subscriptions(token);
    const mailbox = items.find((s) => s.label === 'mario.rossi@architettitorinopec.it')!;
    const quote = await server.request('POST', '/api/v1/quotes', {
      token,
      body: {
        productId: 'pec-addons',
        planId: 'member',
        years: 1,
        addons: [{ id: 'extra-space', quantity: 1 }],
        subscriptionId: mailbox.id,
      },
    });
    const order = await server.request('POST', '/api/v1/orders', {
      token,
      body: {
        productId: 'pec-addons',
        planId: 'member',
        years: 1,
        addons: [{ id: 'extra-space', quantity: 1 }],
        subscriptionId: mailbox.id,
        expectedTotalCents: quote.body.totalCents,
        paymentMethod: { type: 'card' },
        topUpCents: quote.body.minimumTopUpCents,
        acceptTerms: true,
        returnUrl: 'http://localhost/ordine.html',
      },
      headers: { 'Idempotency-Key': 'pec-1' },
    });
    assert.equal(order.status, 201, order.text);
    await server.db.query("UPDATE orders SET status = 'paid', paid_at = $2 WHERE id = $1", [
      order.body.id,
      START,
    ]);
    await server.db.query(
      `INSERT INTO subscription_addons (subscription_id, order_id, addon_id, quantity, expires_on, created_at)
       VALUES ($1, $2, 'extra-space', 1, $3::date, $4)`,
      [mailbox.id, order.body.id, mailbox.expiresOn, START],
    );
    return mailbox;
  }

  it('sees each add-on and what the credit must cover; a top-up goes to the provider’s page', async () => {
    const token = await server.login(DEMO_USERS.member);
    const mailbox = await mailboxWithAddons(token);
    const seen = (await subscriptions(token)).items.find((s) => s.id === mailbox.id)!;
    assert.deepEqual(
      seen.addons.map((a) => [a.id, a.quantity, a.status]),
      [['extra-space', 1, 'active']],
    );
    assert.deepEqual(seen.nextCharge, {
      date: mailbox.expiresOn,
      totalCents: 366,
      source: 'credit',
    });
    const topUp = await server.request('POST', '/api/v1/me/credit/top-ups', {
      token,
      body: { amountCents: 1000, returnUrl: 'http://localhost/area-clienti.html' },
    });
    assert.equal(topUp.status, 201, topUp.text);
    const redirect = ProviderRedirectSchema.parse(topUp.body);
    assert.match(redirect.action.url, /\/api\/sandbox\/pay\//);
  });

  it('turns the add-ons’ auto-renew off: at the expiry they are deactivated, the credit untouched', async () => {
    const token = await server.login(DEMO_USERS.member);
    const mailbox = await mailboxWithAddons(token);
    await server.db.query('UPDATE customers SET credit_cents = 5000 WHERE username = $1', [
      DEMO_USERS.member,
    ]);
    const off = await patch(token, mailbox.id, { autoRenew: false });
    assert.equal(off.status, 200, off.text);
    assert.equal(off.body.autoRenew, false);
    assert.equal(off.body.nextCharge, null);
    const report = await runOn(mailbox.expiresOn);
    assert.equal(report.addonsRenewed, 0);
    const again = await server.login(DEMO_USERS.member);
    const after = (await subscriptions(again)).items.find((s) => s.id === mailbox.id)!;
    assert.equal(after.addons[0]!.status, 'deactivated');
    const [credit] = await rows<{ credit_cents: number }>(
      'SELECT credit_cents FROM customers WHERE username = $1',
      [DEMO_USERS.member],
    );
    assert.equal(credit!.credit_cents, 5000);
    // The email says the member's choice ended them, not the credit.
    const [email] = await rows<{ body: string }>(
      "SELECT body FROM outbox WHERE kind = 'addon_deactivated' ORDER BY id DESC LIMIT 1",
    );
    assert.match(email!.body, /rinnovo automatico era disattivato/);
    assert.doesNotMatch(email!.body, /non copre/);
  });
  it('with the add-ons’ auto-renew off, their order no longer announces a charge from the credit; on again, it does', async () => {
    const token = await server.login(DEMO_USERS.member);
    const mailbox = await mailboxWithAddons(token);
    const [order] = await rows<{ id: string }>(
      "SELECT id FROM orders WHERE product_id = 'pec-addons' ORDER BY created_at DESC LIMIT 1",
    );
    const view = async () =>
      (await server.request('GET', `/api/v1/orders/${order!.id}`, { token })).body;
    const on = await view();
    assert.equal(on.autoRenew, true);
    assert.deepEqual(on.nextCharge, { date: mailbox.expiresOn, totalCents: 366 });
    assert.equal((await patch(token, mailbox.id, { autoRenew: false })).status, 200);
    const off = await view();
    // As the mailbox's card and the renewal say: nothing will be taken at the expiry.
    assert.deepEqual([off.autoRenew, off.nextCharge, off.renewalChargeDate], [false, null, null]);
    assert.equal((await patch(token, mailbox.id, { autoRenew: true })).status, 200);
    const back = await view();
    assert.equal(back.autoRenew, true);
    assert.deepEqual(back.nextCharge, { date: mailbox.expiresOn, totalCents: 366 });
  });
  it('the mailbox’s events after the expiry keep the auto-renew the member chose, as its subscription.updated said', async () => {
    const token = await server.login(DEMO_USERS.member);
    const mailbox = await mailboxWithAddons(token);
    assert.equal((await patch(token, mailbox.id, { autoRenew: false })).status, 200);
    await runOn(mailbox.expiresOn);
    await runOn(addMonths(mailbox.expiresOn, 12));
    const events = await rows<{
      type: string;
      payload: { sequence: number; data: { subscription: { autoRenew: boolean } } };
    }>(
      `SELECT type, payload FROM webhook_events WHERE payload->'subject'->>'id' = $1
        ORDER BY created_at, id`,
      [mailbox.id],
    );
    // An integrator replaces what it holds with each event's state: auto-renew stays off.
    assert.deepEqual(
      events.map((e) => [e.type, e.payload.data.subscription.autoRenew]),
      [
        ['subscription.updated', false],
        ['addon.deactivated', false],
        ['subscription.renewed', false],
      ],
    );
    const again = await server.login(DEMO_USERS.member);
    const seen = (await subscriptions(again)).items.find((s) => s.id === mailbox.id)!;
    assert.equal(seen.autoRenew, false);
  });
});

describe('customer area: the readable invoice copy', () => {
  it('opens through a link minted with the session: no token in the tab, another customer 404, gone after minutes', async () => {
    const token = await server.login(DEMO_USERS.company);
    const { card } = await methods(token);
    await buy(token, { type: 'card', savedId: card }, 'k1');
    const [invoice] = AccountInvoicesSchema.parse(
      (await server.request('GET', '/api/v1/me/invoices', { token })).body,
    ).items;
    const path = `/api/v1/me/invoices/${invoice!.id}/copy-link`;
    const other = await server.login(DEMO_USERS.professional);
    assert.equal((await server.request('POST', path, { token: other, body: {} })).status, 404);
    assert.equal((await server.request('POST', path, { body: {} })).status, 401);

    const minted = await server.request('POST', path, { token, body: {} });
    assert.equal(minted.status, 201, minted.text);
    const link = InvoiceCopyLinkSchema.parse(minted.body);
    const page = await server.request('GET', `/api${link.url}`);
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`Fattura ${invoice!.number.replace('/', '\\/')}`));
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src/);
    const xml = await server.request('GET', `/api${link.url}/xml`);
    assert.equal(xml.status, 200);

    await clock.advance(server.db, 6 * 60_000);
    assert.equal((await server.request('GET', `/api${link.url}`)).status, 404);
  });
});

describe('customer area: the contract', () => {
  it('GET /v1/openapi.json describes the endpoints with the account schemas', async () => {
    const reply = await server.request('GET', '/api/v1/openapi.json');
    const { paths, components } = reply.body;
    assert.ok(paths['/v1/subscriptions/{subscriptionId}'].patch);
    assert.ok(paths['/v1/me/payment-methods/{paymentMethodId}'].delete.responses['409']);
    assert.ok(paths['/v1/me/credit/top-ups'].post);
    assert.ok(paths['/v1/me/invoices'].get);
    assert.ok(paths['/v1/me/orders'].get);
    assert.deepEqual(components.schemas.AccountSubscription.properties.status.enum, [
      'active',
      'action_required',
      'renewal_failed',
      'expired',
    ]);
    assert.equal(components.schemas.AccountSubscription.properties.actionUrl.type, 'string');
    assert.equal(
      paths['/v1/me/subscriptions'].get.responses['200'].content['application/json'].schema.$ref,
      '#/components/schemas/AccountSubscriptions',
    );
  });
});
