// Issue 23 (items 1 and 2): strong customer authentication and merchant-initiated renewals,
// end to end on the real server through the sandbox provider's pages (their HTTP forms, as a
// browser posts them): a purchase with the bank's challenge; a renewal the bank answers
// "authentication required" → action_required, the email's link, the challenge, the renewal
// paid with its invoice; the same left alone until renewal_failed; the card-expiry email.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ShiftableClock, DAY_MS } from '../../server/src/platform/clock.ts';
import { runDueRenewals } from '../../server/src/subscriptions/renewals.ts';
import { WebhookEventSchemas } from '../../src/api/webhooks.ts';
import { AccountSubscriptionsSchema } from '../../src/api/account-schemas.ts';
import { sandboxProvider, TEST_CARDS } from '../../demo/server/sandbox/provider.ts';
import {
  attemptOf,
  DATABASE_URL,
  ORIGIN,
  START,
  startServer,
  TODAY,
  type Server,
} from './harness.ts';

const STORE = DATABASE_URL ? 'PostgreSQL' : 'PGlite';

const PROFESSIONAL = '7654321@aruba.it';
const RETURN_URL = 'http://localhost/partner.html?step=pay#checkout';

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

async function pendingCardOrder(key = 'k1') {
  const token = await server.login(PROFESSIONAL);
  const reply = await server.request('POST', '/api/v1/orders', {
    token,
    headers: { 'Idempotency-Key': key },
    body: {
      productId: 'certified-platform',
      planId: 'base',
      years: 1,
      addons: [],
      expectedTotalCents: 14640,
      paymentMethod: { type: 'card' },
      acceptTerms: true,
      returnUrl: RETURN_URL,
    },
  });
  assert.equal(reply.status, 201, reply.text);
  return reply.body as { id: string; number: string; action: { url: string } };
}

/** A request as the buyer's browser sends it on this server's pages. */
async function browse(path: string, form?: Record<string, string>) {
  const response = await server.app.request(`${ORIGIN}${path}`, {
    redirect: 'manual',
    ...(form
      ? {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
          body: new URLSearchParams(form).toString(),
        }
      : {}),
  });
  return {
    status: response.status,
    location: response.headers.get('location'),
    csp: response.headers.get('content-security-policy') ?? '',
    html: await response.text(),
  };
}

const cardForm = (number: string, expiry = '12/29') => ({
  decision: 'pay',
  holder: 'Giulia Bianchi',
  number,
  expiry,
  cvc: '123',
});

/** Opens the order's card page and pays with `number`: the page's answer. */
async function payWithCard(orderId: string, number: string, expiry?: string, lang = 'it') {
  const page = await browse(`/api/sandbox/pay/${orderId}?lang=${lang}`);
  const attempt = attemptOf(page.html);
  assert.ok(attempt);
  return browse(`/api/sandbox/pay/${orderId}`, {
    ...cardForm(number, expiry),
    lang,
    attempt,
  });
}

/** The challenge page's form submitted with `decision` (approve or fail). */
function answer(action: string, html: string, decision: 'approve' | 'fail') {
  const attempt = attemptOf(html);
  assert.ok(attempt, 'the challenge has its one-time token');
  const fields: Record<string, string> = { decision, attempt };
  const step = /name="step" value="([^"]+)"/.exec(html)?.[1];
  if (step) fields.step = step;
  const lang = /name="lang" value="([^"]+)"/.exec(html)?.[1];
  if (lang) fields.lang = lang;
  return browse(action, fields);
}

async function orderStatus(id: string) {
  return (await rows<{ status: string }>('SELECT status FROM orders WHERE id = $1', [id]))[0]!
    .status;
}

/** Moves the clock to `date` and runs what is due, as the scheduler does. */
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
type EventRow = { payload: any };
/** Events about orders (their Certified Platform service), not the seed's PEC mailboxes. */
const events = (type: string) =>
  rows<EventRow>(
    `SELECT payload FROM webhook_events WHERE type = $1 AND payload->'subject'->>'type' = 'order'
      ORDER BY created_at, id`,
    [type],
  );

describe('a purchase the bank wants authenticated (3-D Secure-like challenge)', () => {
  it('shows the challenge after the card form; approved, the order is paid and the card saved for merchant-initiated renewals', async () => {
    const order = await pendingCardOrder();
    const challenge = await payWithCard(order.id, TEST_CARDS.challenge.number);
    assert.equal(challenge.status, 200);
    assert.match(challenge.html, /Verifica della banca \(3-D Secure\)/);
    assert.match(challenge.html, /Visa •••• 3155/);
    assert.match(challenge.html, /<button type="submit" name="decision" value="approve">/);
    assert.match(challenge.html, /<button type="submit" name="decision" value="fail"/);
    assert.ok(!/<script|style=|tabindex="-1"/i.test(challenge.html), 'plain form, keyboard usable');
    assert.ok(challenge.csp.includes("default-src 'none'"), challenge.csp);
    assert.ok(!challenge.html.includes(TEST_CARDS.challenge.number), 'the number is not echoed');
    assert.equal(await orderStatus(order.id), 'pending_payment', 'nothing paid before the answer');

    const done = await answer(`/api/sandbox/pay/${order.id}`, challenge.html, 'approve');
    assert.equal(done.status, 303);
    const back = new URL(done.location!);
    assert.equal(back.searchParams.get('cassa_order'), order.id);
    assert.ok(back.searchParams.get('cassa_resume'));
    assert.equal(await orderStatus(order.id), 'paid');
    const [saved] = await rows<{ label: string; mit: boolean; card_expires_on: string }>(
      `SELECT label, merchant_initiated_since IS NOT NULL AS mit, card_expires_on::text AS card_expires_on
         FROM payment_methods pm JOIN orders o ON o.saved_payment_method_id = pm.id WHERE o.id = $1`,
      [order.id],
    );
    assert.deepEqual(saved, { label: 'Visa •••• 3155', mit: true, card_expires_on: '2029-12-31' });
    // The answered challenge cannot be answered again.
    const again = await answer(`/api/sandbox/pay/${order.id}`, challenge.html, 'fail');
    assert.equal(again.status, 409);
    console.log(
      `hardening: purchase challenge store=${STORE} challenge=200 approved=paid mit-saved=1 second-answer=${again.status}`,
    );
    assert.equal(await orderStatus(order.id), 'paid');
  });

  it('failed, the order is refused and nothing is saved; the page is in English too', async () => {
    const order = await pendingCardOrder();
    const shown = await payWithCard(order.id, TEST_CARDS.challenge.number, '12/29', 'it');
    assert.match(shown.html, /Verifica della banca/);
    // The page's language link keeps the challenge on screen.
    const challenge = await browse(`/api/sandbox/pay/${order.id}?lang=en`);
    assert.match(challenge.html, /Bank verification \(3-D Secure\)/);
    assert.match(challenge.html, /Confirm the payment/);
    const done = await answer(`/api/sandbox/pay/${order.id}`, challenge.html, 'fail');
    assert.equal(done.status, 303);
    assert.equal(await orderStatus(order.id), 'refused');
    assert.equal(
      (await rows("SELECT 1 FROM payment_methods WHERE label = 'Visa •••• 3155'")).length,
      0,
    );
  });

  it('a typed expiry already past is refused at its field, in the page’s language', async () => {
    const order = await pendingCardOrder();
    const reply = await payWithCard(order.id, TEST_CARDS.succeeds.number, '12/25');
    assert.equal(reply.status, 422);
    assert.match(reply.html, /Questa carta è scaduta\./);
    assert.equal(await orderStatus(order.id), 'pending_payment');
  });

  it('each test card does what the README table says at the purchase', async () => {
    const outcomes: Record<string, string> = {};
    for (const [name, card] of Object.entries(TEST_CARDS)) {
      const order = await pendingCardOrder(`k-${name}`);
      const reply = await payWithCard(order.id, card.number);
      outcomes[name] =
        reply.status === 200 && /3-D Secure/.test(reply.html)
          ? 'challenge'
          : await orderStatus(order.id);
    }
    assert.deepEqual(outcomes, {
      succeeds: 'paid',
      refused: 'refused',
      challenge: 'challenge',
      renewalChallenge: 'paid',
      insufficientFunds: 'paid',
      expired: 'refused',
    });
  });
});

describe('the test cards at a renewal (merchant-initiated) and at a checkout with the saved card', () => {
  it('answer as the README table says; PayPal pays', async () => {
    const provider = sandboxProvider();
    const charge = async (label: string, initiator: 'merchant' | 'customer') =>
      (
        await provider.chargeSaved(
          {
            initiator,
            orderId: 'o',
            orderNumber: 'n',
            amountCents: 100,
            currency: 'EUR',
            attempt: 1,
            saved: { id: 'pm', customerId: 'c', type: 'card', label, merchantInitiated: true },
          },
          server.db,
        )
      ).outcome;
    const atRenewal: Record<string, string> = {};
    const atCheckout: Record<string, string> = {};
    for (const [name, card] of Object.entries(TEST_CARDS)) {
      atRenewal[name] = await charge(`Visa •••• ${card.number.slice(-4)}`, 'merchant');
      atCheckout[name] = await charge(`Visa •••• ${card.number.slice(-4)}`, 'customer');
    }
    assert.deepEqual(atRenewal, {
      succeeds: 'paid',
      refused: 'refused',
      challenge: 'paid',
      renewalChallenge: 'authentication_required',
      insufficientFunds: 'refused',
      expired: 'refused',
    });
    assert.deepEqual(atCheckout, {
      succeeds: 'paid',
      refused: 'refused',
      challenge: 'authentication_required',
      renewalChallenge: 'paid',
      insufficientFunds: 'paid',
      expired: 'refused',
    });
    assert.equal(await charge('PayPal anna@example.com', 'merchant'), 'paid');
  });
});

describe('a checkout with a saved card the bank wants authenticated', () => {
  /** The professional's card 3155, saved by a first purchase with its challenge approved. */
  async function savedChallengeCard() {
    const first = await pendingCardOrder('first');
    const challenge = await payWithCard(first.id, TEST_CARDS.challenge.number);
    assert.equal(
      (await answer(`/api/sandbox/pay/${first.id}`, challenge.html, 'approve')).status,
      303,
    );
    const [card] = await rows<{ id: string }>(
      "SELECT id FROM payment_methods WHERE label = 'Visa •••• 3155'",
    );
    return card!.id;
  }

  /** A second Certified Platform service (two years) bought with the saved card. */
  async function orderWithSaved(savedId: string, key: string, returnUrl?: string) {
    const token = await server.login(PROFESSIONAL);
    return server.request('POST', '/api/v1/orders', {
      token,
      headers: { 'Idempotency-Key': key },
      body: {
        productId: 'certified-platform',
        planId: 'base',
        years: 2,
        addons: [],
        expectedTotalCents: 29280,
        paymentMethod: { type: 'card', savedId },
        acceptTerms: true,
        ...(returnUrl ? { returnUrl } : {}),
      },
    });
  }

  it('sends the buyer to the challenge for that card; approved, the order is paid with its invoice, the card not saved twice', async () => {
    const savedId = await savedChallengeCard();
    const reply = await orderWithSaved(savedId, 'again', RETURN_URL);
    assert.equal(reply.status, 201, reply.text);
    assert.equal(reply.body.status, 'pending_payment', 'nothing charged before the answer');
    assert.equal(reply.body.action.type, 'redirect');
    const page = await browse(new URL(reply.body.action.url).pathname + '?lang=it');
    assert.equal(page.status, 200);
    assert.match(page.html, /Verifica della banca \(3-D Secure\)/);
    assert.match(page.html, /Visa •••• 3155/);
    assert.ok(!/name="number"/.test(page.html), 'no card form: the saved card is authenticated');

    const done = await answer(`/api/sandbox/pay/${reply.body.id}`, page.html, 'approve');
    assert.equal(done.status, 303, done.html);
    const back = new URL(done.location!);
    assert.equal(`${back.origin}${back.pathname}`, 'http://localhost/partner.html');
    assert.equal(back.searchParams.get('cassa_order'), reply.body.id);
    assert.equal(await orderStatus(reply.body.id), 'paid');
    const [invoice] = await rows<{ total_cents: number }>(
      'SELECT total_cents FROM invoices WHERE order_id = $1',
      [reply.body.id],
    );
    assert.equal(invoice?.total_cents, 29280, 'the charge has its invoice');
    assert.equal(
      (await rows("SELECT 1 FROM payment_methods WHERE label = 'Visa •••• 3155'")).length,
      1,
    );
    const [order] = await rows<{ saved_payment_method_id: string }>(
      'SELECT saved_payment_method_id FROM orders WHERE id = $1',
      [reply.body.id],
    );
    assert.equal(order?.saved_payment_method_id, savedId);
    const confirmations = await emails('order_confirmation');
    assert.equal(confirmations.length, 2);
    assert.match(confirmations[1]!.body, /Visa •••• 3155/);
  });

  it('failed, the order is refused and nothing charged; without a return URL, refused at once (402)', async () => {
    const savedId = await savedChallengeCard();
    const reply = await orderWithSaved(savedId, 'fail', RETURN_URL);
    const page = await browse(new URL(reply.body.action.url).pathname);
    const done = await answer(`/api/sandbox/pay/${reply.body.id}`, page.html, 'fail');
    assert.equal(done.status, 303);
    assert.equal(await orderStatus(reply.body.id), 'refused');
    assert.equal(
      (await rows('SELECT 1 FROM invoices WHERE order_id = $1', [reply.body.id])).length,
      0,
    );
    const nowhere = await orderWithSaved(savedId, 'no-return');
    assert.equal(nowhere.status, 402, nowhere.text);
    assert.equal(nowhere.body.type.endsWith('payment-refused'), true);
  });
});

/** A paid order on the card that asks for authentication on renewal, run to its charge date. */
async function renewalAskingForAuthentication() {
  const order = await pendingCardOrder();
  const paid = await payWithCard(order.id, TEST_CARDS.renewalChallenge.number);
  assert.equal(paid.status, 303, 'no challenge at the purchase');
  assert.equal(await orderStatus(order.id), 'paid');
  const report = await runOn('2027-01-08');
  assert.equal(report.actionRequired, 1);
  assert.equal(report.renewed + report.refused + report.failed, 0);
  return order;
}

describe('a renewal the bank answers "authentication required"', () => {
  it('action_required → email link → challenge → renewal paid with its invoice', async () => {
    const order = await renewalAskingForAuthentication();
    // The subscription waits for the buyer, in the API and the webhook.
    const token = await server.login(PROFESSIONAL);
    const list = await server.request('GET', '/api/v1/me/subscriptions', { token });
    const parsed = AccountSubscriptionsSchema.parse(list.body);
    const service = parsed.items.find((s) => s.orderId === order.id)!;
    assert.equal(service.status, 'action_required');
    assert.match(service.actionUrl ?? '', /^\/renewal-payments\/rp_/);
    const [event] = await events('subscription.renewal_action_required');
    assert.ok(event, 'subscription.renewal_action_required queued');
    WebhookEventSchemas['subscription.renewal_action_required'].parse(event.payload);
    assert.equal(event.payload.data.subscription.status, 'action_required');
    assert.equal(event.payload.data.action.expiresOn, '2027-01-15');
    const [mail] = await emails('renewal_action_required');
    assert.ok(mail);
    assert.match(mail.subject, /Conferma il pagamento del rinnovo/);
    assert.match(mail.body, /15 gennaio 2027/);
    const link = /(http:\/\/\S+\/api\/renewal-payments\/rp_\S+)/.exec(mail.body)?.[1];
    assert.ok(link, mail.body);
    assert.equal(event.payload.data.action.url, link);
    assert.ok(link.endsWith(service.actionUrl!), 'the customer area gives the same link');
    const charges = await rows<{ attempt: number; outcome: string }>(
      'SELECT attempt, outcome FROM renewal_charges ORDER BY attempt',
    );
    assert.deepEqual(charges, [{ attempt: 1, outcome: 'authentication_required' }]);

    // Days later the buyer follows the link: the provider's page, the bank's challenge.
    await runOn('2027-01-11');
    const path = new URL(link).pathname;
    const start = await browse(path);
    assert.equal(start.status, 303);
    const pagePath = new URL(start.location!).pathname + new URL(start.location!).search;
    assert.match(pagePath, /^\/api\/sandbox\/authenticate\/rp_/);
    const challenge = await browse(pagePath);
    assert.equal(challenge.status, 200);
    assert.match(challenge.html, /Verifica della banca/);
    assert.match(challenge.html, /161,04|146,40/);
    assert.match(challenge.html, /Visa •••• 3184/);
    assert.ok(challenge.csp.includes("default-src 'none'"));

    // A failed authentication charges nothing; the link keeps working.
    const failed = await answer(new URL(start.location!).pathname, challenge.html, 'fail');
    assert.equal(failed.status, 422);
    assert.match(failed.html, /Autenticazione non riuscita/);
    assert.equal((await rows('SELECT 1 FROM invoices WHERE kind = $1', ['renewal'])).length, 0);

    const done = await answer(new URL(start.location!).pathname, failed.html, 'approve');
    assert.equal(done.status, 303);
    const back = new URL(done.location!);
    assert.equal(back.searchParams.get('cassa_order'), order.id);
    const resumed = await server.request('GET', `/api/v1/orders/${order.id}`, {
      headers: { 'Cassa-Resume': back.searchParams.get('cassa_resume')! },
    });
    assert.equal(resumed.status, 200);
    assert.equal(resumed.body.expiresOn, '2028-01-15');

    // The renewal is complete: charged, invoiced for the year covered, emailed, announced.
    const [invoice] = await rows<{ period_start: string; period_end: string; number: string }>(
      `SELECT number, period_start::text AS period_start, period_end::text AS period_end
         FROM invoices WHERE kind = 'renewal' AND order_id = $1`,
      [order.id],
    );
    assert.deepEqual(
      { start: invoice?.period_start, end: invoice?.period_end },
      { start: '2027-01-15', end: '2028-01-15' },
    );
    assert.equal((await emails('renewal_confirmation')).length, 1);
    const [renewed] = await events('subscription.renewed');
    assert.equal(renewed!.payload.data.subscription.status, 'active');
    assert.equal(renewed!.payload.data.invoice.number, invoice!.number);
    const after = await rows<{ attempt: number; outcome: string }>(
      'SELECT attempt, outcome FROM renewal_charges ORDER BY attempt',
    );
    assert.deepEqual(
      after.map((c) => `${c.attempt} ${c.outcome}`),
      ['1 authentication_required', '2 approved'],
    );
    const again = await server.request('GET', '/api/v1/me/subscriptions', {
      token: await server.login(PROFESSIONAL),
    });
    const checked = AccountSubscriptionsSchema.safeParse(again.body);
    assert.ok(checked.success, JSON.stringify(checked.error?.issues ?? null));
    const now = checked.data.items.find((s) => s.orderId === order.id)!;
    assert.equal(now.status, 'active');
    assert.equal(now.actionUrl, undefined);
    // The link is spent: it says so, and charges nothing more.
    const spent = await browse(path);
    assert.equal(spent.status, 200);
    assert.match(spent.html, /già stato completato/);
    // Nothing more is due before the next charge.
    console.log(
      `hardening: renewal authentication store=${STORE} action-required-emails=1 events=1 failed-answer=${failed.status} approved=${done.status} renewal-invoices=1 renewed-events=1 charges=${after.map((c) => c.outcome).join('+')}`,
    );
    const next = await runOn('2027-01-15');
    assert.equal(next.failed + next.renewed + next.actionRequired, 0);
  });

  it('left alone, the renewal fails at the expiry as today, and the link stops working', async () => {
    const order = await renewalAskingForAuthentication();
    const [mail] = await emails('renewal_action_required');
    const link = /(http:\/\/\S+\/api\/renewal-payments\/rp_\S+)/.exec(mail!.body)![1]!;
    assert.equal((await runOn('2027-01-14')).failed, 0, 'the link works until the expiry');
    const report = await runOn('2027-01-15');
    assert.equal(report.failed, 1);
    const [row] = await rows<{ renewal_state: string; auto_renew: boolean }>(
      'SELECT renewal_state, auto_renew FROM orders WHERE id = $1',
      [order.id],
    );
    assert.deepEqual(row, { renewal_state: 'renewal_failed', auto_renew: false });
    const [failed] = await events('subscription.renewal_failed');
    assert.equal(failed!.payload.data.subscription.status, 'renewal_failed');
    assert.equal((await emails('renewal_failed')).length, 1);
    const late = await browse(new URL(link).pathname);
    assert.equal(late.status, 410);
    assert.match(late.html, /non è più valido/);
    const page = await browse(
      `/api/sandbox/authenticate/${new URL(link).pathname.split('/').pop()}`,
    );
    assert.equal(page.status, 410);
    assert.equal(attemptOf(page.html), undefined, 'no form to answer');
    assert.equal((await rows("SELECT 1 FROM invoices WHERE kind = 'renewal'")).length, 0);
    console.log(
      `hardening: renewal authentication left alone store=${STORE} failed-on=2027-01-15 link=${late.status} invoices=0`,
    );
  });
});

describe('a buy more while a renewal waits for the buyer', () => {
  it('re-prices the waiting payment: the grown term is what is charged and what is invoiced', async () => {
    const order = await renewalAskingForAuthentication();
    const [mail] = await emails('renewal_action_required');
    const link = /(http:\/\/\S+\/api\/renewal-payments\/rp_\S+)/.exec(mail!.body)![1]!;
    // The buyer opens the provider's page (146,40 €), then buys 10 GB more first (a week left:
    // nothing due now, the service grows at once).
    const path = new URL(link).pathname;
    const start = await browse(path);
    const pagePath = new URL(start.location!).pathname + new URL(start.location!).search;
    const before = await browse(pagePath);
    assert.match(before.html, /146,40/);
    const token = await server.login(PROFESSIONAL);
    const more = await server.request('POST', '/api/v1/orders', {
      token,
      headers: { 'Idempotency-Key': 'more' },
      body: {
        productId: 'certified-platform',
        planId: 'base',
        years: 1,
        addons: [{ id: 'storage', quantity: 10 }],
        subscriptionId: `svc_${order.id}`,
        expectedTotalCents: 0,
        acceptTerms: true,
        paymentMethod: { type: 'card' },
      },
    });
    assert.equal(more.status, 201, more.text);
    assert.equal(more.body.status, 'active');
    // The page shown before the change no longer pays (its amount is gone)…
    const stale = await answer(new URL(start.location!).pathname, before.html, 'approve');
    assert.notEqual(stale.status, 303, 'the old amount was charged');
    assert.equal((await rows("SELECT 1 FROM invoices WHERE kind = 'renewal'")).length, 0);
    // …the page now asks for the grown term: (120 + 20) × 1.22 = 170,80 €.
    const again = await browse(path);
    const page = await browse(new URL(again.location!).pathname + new URL(again.location!).search);
    assert.match(page.html, /170,80/);
    const done = await answer(new URL(again.location!).pathname, page.html, 'approve');
    assert.equal(done.status, 303, done.html);
    const charged = await rows<{ amount_cents: number }>(
      "SELECT amount_cents FROM renewal_charges WHERE order_id = $1 AND outcome = 'approved'",
      [order.id],
    );
    assert.deepEqual(
      charged.map((c) => c.amount_cents),
      [17080],
    );
    const invoices = await rows<{ total_cents: number }>(
      "SELECT total_cents FROM invoices WHERE kind = 'renewal' AND order_id = $1",
      [order.id],
    );
    assert.deepEqual(
      invoices.map((i) => i.total_cents),
      [17080],
      'the invoice bills what was charged',
    );
  });
});

describe('a card that expires before the next charge', () => {
  it('gets one email a month before the charge, with what to do (once per card and charge date)', async () => {
    const first = await pendingCardOrder('k1');
    assert.equal((await payWithCard(first.id, TEST_CARDS.succeeds.number, '12/26')).status, 303);
    const second = await pendingCardOrder('k2');
    assert.equal((await payWithCard(second.id, TEST_CARDS.succeeds.number, '12/26')).status, 303);
    const [{ charge_on } = { charge_on: '' }] = await rows<{ charge_on: string }>(
      'SELECT renewal_charge_date::text AS charge_on FROM orders WHERE id = $1',
      [first.id],
    );
    assert.equal(charge_on, '2027-01-08');
    await runOn('2026-12-07');
    assert.equal((await emails('card_expiring')).length, 0, 'not before a month ahead');
    await runOn('2026-12-08');
    await runOn('2026-12-09');
    const mails = await emails('card_expiring');
    assert.equal(mails.length, 1, 'one per card and charge date');
    assert.match(mails[0]!.subject, /La tua carta scade prima del rinnovo/);
    assert.match(mails[0]!.body, /Visa •••• 4242/);
    assert.match(mails[0]!.body, /dicembre 2026/);
    assert.match(mails[0]!.body, /8 gennaio 2027/);
    assert.match(mails[0]!.body, /Cosa fare: aggiungi la nuova carta/);
  });
});

describe('the contract', () => {
  it('OpenAPI lists the new status and every webhook, subscription.renewal_action_required with its action', async () => {
    const reply = await server.request('GET', '/api/v1/openapi.json');
    const { components, webhooks } = reply.body;
    assert.ok(
      components.schemas.AccountSubscription.properties.status.enum.includes('action_required'),
    );
    const event = webhooks['subscription.renewal_action_required'].post;
    const schema = event.requestBody.content['application/json'].schema;
    assert.deepEqual(schema.properties.type, {
      type: 'string',
      const: 'subscription.renewal_action_required',
    });
    assert.deepEqual(schema.properties.data.required, ['subscription', 'order', 'action']);
    assert.ok(webhooks['subscription.renewal_failed'] && webhooks['order.completed']);
  });
});
