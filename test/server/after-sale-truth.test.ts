// Issue 22, from the outside (HTTP, webhooks received over real HTTP and verified with the
// `standardwebhooks` package, XML validated with xmllint against FatturaPA 1.2.2 and 1.2.1):
// events in order per subject, an invoice for every charge, state that stays true, public
// administrations. PGlite, or PostgreSQL with DATABASE_URL.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ShiftableClock, DAY_MS } from '../../server/src/platform/clock.ts';
import { runDueRenewals } from '../../server/src/subscriptions/renewals.ts';
import {
  deliverDueWebhooks,
  DEFAULT_WEBHOOK_CONFIG,
  type WebhookConfig,
} from '../../server/src/webhooks/webhooks.ts';
import { DEMO_USERS } from '../../demo/server/seed.ts';
import { DATABASE_URL, START, startServer, TODAY, type Server } from './harness.ts';
import { startReceiver, type Receiver } from './webhook-receiver.ts';
import { validateFatturaPA } from './invoices/xsd.ts';

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

async function rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []) {
  return (await server.db.query<T>(sql, params)).rows;
}

/** Moves the clock to `date` (Europe/Rome) and runs what is due, as the scheduler does. */
async function runOn(date: string) {
  const days = Math.round((Date.parse(date) - Date.parse(clock.today())) / DAY_MS);
  if (days > 0) await clock.advance(server.db, days * DAY_MS);
  assert.equal(clock.today(), date);
  return runDueRenewals(server.deps);
}

async function savedMethod(token: string, type: 'card' | 'paypal') {
  const reply = await server.request('GET', '/api/v1/me/payment-methods', { token });
  return reply.body.items.find((i: { type: string }) => i.type === type).id as string;
}

const MEMBER = DEMO_USERS.member;
const PEC_ADDONS = [
  { id: 'extra-space', quantity: 3 },
  { id: 'conservation', quantity: 1 },
];

/** The member's mailboxes by label, and a PEC add-on order on one of them. */
async function member() {
  const token = await server.login(MEMBER);
  const subs = await server.request('GET', '/api/v1/me/subscriptions', { token });
  const id = (label: string) =>
    subs.body.items.find((i: { label: string }) => i.label === label).id as string;
  const [customer] = await rows<{ id: string }>('SELECT id FROM customers WHERE username = $1', [
    MEMBER,
  ]);
  await server.db.query(
    "INSERT INTO payment_methods (id, customer_id, type, label, created_at) VALUES ('pm_mario', $1, 'card', 'Visa •••• 4242', now()) ON CONFLICT DO NOTHING",
    [customer!.id],
  );
  const pec = (subscriptionId: string, extra: Record<string, unknown>, key: string) =>
    placeOrder(
      token,
      {
        productId: 'pec-addons',
        planId: 'member',
        years: 1,
        addons: PEC_ADDONS,
        subscriptionId,
        ...extra,
      },
      key,
    );
  return { token, id, pec };
}

/** Every invoice of the caller's, and each one's XML through its own link. */
async function invoicesOf(token: string) {
  const listed = await server.request('GET', '/api/v1/me/invoices', { token });
  assert.equal(listed.status, 200, listed.text);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read any field
  const items = listed.body.items as any[];
  const xmls: string[] = [];
  for (const item of items) {
    const xml = await server.request('GET', `/api${item.xmlUrl}`, { token });
    assert.equal(xml.status, 200);
    xmls.push(xml.text);
  }
  return { items, xmls };
}

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

describe('an invoice for every charge', () => {
  it('over two years of moved clock: each card renewal and each add-on renewal from credit has its FatturaPA, in order, valid against 1.2.2 and 1.2.1', async () => {
    const company = await server.login(DEMO_USERS.company);
    const order = await placeOrder(
      company,
      { paymentMethod: { type: 'card', savedId: await savedMethod(company, 'card') } },
      'k1',
    );
    const { id, pec } = await member();
    const studio = id('studio.rossi@architettitorinopec.it');
    // Free until the mailbox's expiry in 2 months; two years of add-ons loaded as credit.
    await pec(
      studio,
      {
        expectedTotalCents: 0,
        topUpCents: 2 * 1586,
        paymentMethod: { type: 'card', savedId: 'pm_mario' },
      },
      'm1',
    );
    const walk: string[] = [];
    for (const date of [
      '2026-03-15',
      '2026-09-15',
      '2027-01-08',
      '2027-03-15',
      '2027-09-15',
      '2028-01-08',
    ]) {
      const report = await runOn(date);
      walk.push(`${date}:${report.renewed}r/${report.addonsRenewed}a/${report.mailboxesRenewed}m`);
    }
    assert.deepEqual(walk, [
      '2026-03-15:0r/1a/0m',
      '2026-09-15:0r/0a/1m',
      '2027-01-08:1r/0a/0m',
      '2027-03-15:0r/1a/0m',
      '2027-09-15:0r/0a/1m',
      '2028-01-08:1r/0a/0m',
    ]);
    // Sessions do not last years: log in again on the moved clock.
    const buyer = await invoicesOf(await server.login(DEMO_USERS.company));
    assert.deepEqual(
      buyer.items.map((i) => [
        i.number,
        i.kind,
        i.orderId,
        i.periodStart,
        i.periodEnd,
        i.totalCents,
        i.paidCents,
      ]),
      [
        ['F-2028-000001', 'renewal', order.id, '2028-01-15', '2029-01-15', BASE_TOTAL, BASE_TOTAL],
        ['F-2027-000001', 'renewal', order.id, '2027-01-15', '2028-01-15', BASE_TOTAL, BASE_TOTAL],
        ['F-2026-000001', 'order', order.id, '2026-01-15', '2027-01-15', BASE_TOTAL, BASE_TOTAL],
      ],
    );
    assert.ok(buyer.items.every((i) => i.sentTo.channel === 'sdi' && i.format === 'FPR12'));
    const memberToken = await server.login(MEMBER);
    const mario = await invoicesOf(memberToken);
    assert.deepEqual(
      mario.items.map((i) => [
        i.number,
        i.kind,
        i.subscriptionId,
        i.periodStart,
        i.periodEnd,
        i.totalCents,
      ]),
      [
        ['F-2027-000002', 'addon_renewal', studio, '2027-03-15', '2028-03-15', 1586],
        ['F-2026-000002', 'addon_renewal', studio, '2026-03-15', '2027-03-15', 1586],
      ],
    );
    const xmls = [...buyer.xmls, ...mario.xmls];
    const valid = await validateFatturaPA(xmls);
    assert.ok(valid.ok, valid.errors);
    assert.match(mario.xmls[0]!, /<ModalitaPagamento>MP22<\/ModalitaPagamento>/);
    assert.match(buyer.xmls[0]!, /<DataInizioPeriodo>2028-01-15<\/DataInizioPeriodo>/);
    // Each order's invoices are reachable from it, and the API shows the present.
    const seen = await server.request('GET', `/api/v1/orders/${order.id}`, {
      token: await server.login(DEMO_USERS.company),
    });
    assert.equal(seen.body.invoices.length, 3);
    assert.equal(seen.body.expiresOn, '2029-01-15');
    assert.deepEqual(seen.body.nextCharge, { date: '2029-01-08', totalCents: BASE_TOTAL });
    // Not anyone's: another customer gets 404 for these invoices.
    const other = await server.request('GET', `/api${buyer.items[0].xmlUrl}`, {
      token: memberToken,
    });
    assert.equal(other.status, 404);
    // The mailbox without add-ons was renewed by the Ordine: still usable, add-ons can be quoted.
    const subs = await server.request('GET', '/api/v1/me/subscriptions', { token: memberToken });
    const plain = subs.body.items.find((i: { id: string }) => i.id === id(MEMBER));
    assert.equal(plain.expiresOn, '2028-09-15');
    const quote = await server.request('POST', '/api/v1/quotes', {
      token: memberToken,
      body: {
        productId: 'pec-addons',
        planId: 'member',
        years: 1,
        addons: PEC_ADDONS,
        subscriptionId: id(MEMBER),
      },
    });
    assert.equal(quote.status, 200, quote.text);
    console.log(
      `hardening: invoices per renewal cycle store=${STORE} clock=2026-01-15..2028-01-08 card-renewals=2 addon-renewals=2 invoices=${xmls.length} (1 sale + 2 renewals + 2 add-on renewals) numbers=${[
        ...buyer.items,
        ...mario.items,
      ]
        .map((i) => i.number)
        .sort()
        .join(
          ',',
        )} xsd-1.2.2+1.2.1=${valid.ok ? 'valid' : 'INVALID'} mailbox-without-addons-renewed=2`,
    );
  });
});

describe('state that stays true', () => {
  it('after a deactivation the order and the mailbox say so, and the member can buy add-ons again', async () => {
    const { token, id, pec } = await member();
    const studio = id('studio.rossi@architettitorinopec.it');
    const first = await pec(
      studio,
      {
        expectedTotalCents: 0,
        topUpCents: 1586,
        paymentMethod: { type: 'card', savedId: 'pm_mario' },
      },
      'm1',
    );
    // The credit pays for add-ons on the other mailbox (€10.58 now): €5.28 is left, too little.
    await pec(id(MEMBER), { expectedTotalCents: 1058, paymentMethod: { type: 'credit' } }, 'm2');
    const before = await server.request('GET', `/api/v1/orders/${first.id}`, { token });
    assert.equal(before.body.autoRenew, true);
    assert.equal(before.body.renewalChargeDate, '2026-03-15');
    assert.equal((await runOn('2026-03-15')).addonsDeactivated, 1);
    const again = await server.login(MEMBER);
    const after = await server.request('GET', `/api/v1/orders/${first.id}`, { token: again });
    assert.equal(after.body.status, 'paid', 'it was paid: the payment status stays');
    assert.equal(after.body.autoRenew, false);
    assert.equal(after.body.renewalChargeDate, null);
    assert.equal(after.body.nextCharge, null);
    assert.deepEqual(
      after.body.addonStates.map((a: { id: string; status: string }) => `${a.id} ${a.status}`),
      ['conservation deactivated', 'extra-space deactivated'],
    );
    const subs = await server.request('GET', '/api/v1/me/subscriptions', { token: again });
    const mailbox = subs.body.items.find((i: { id: string }) => i.id === studio);
    assert.equal(mailbox.expiresOn, '2027-03-15', 'the Ordine renewed the mailbox itself');
    assert.equal(mailbox.nextCharge, null);
    assert.ok(mailbox.addons.every((a: { status: string }) => a.status === 'deactivated'));
    // Buy them again: quoted as new (not "already active"), ordered, active.
    const quote = await server.request('POST', '/api/v1/quotes', {
      token: again,
      body: {
        productId: 'pec-addons',
        planId: 'member',
        years: 1,
        addons: PEC_ADDONS,
        subscriptionId: studio,
      },
    });
    assert.equal(quote.status, 200, quote.text);
    const { pec: pecAgain } = await member();
    const rebought = await pecAgain(
      studio,
      {
        expectedTotalCents: quote.body.totalCents,
        topUpCents: Math.max(quote.body.minimumTopUpCents, quote.body.totalCents),
        paymentMethod: { type: 'card', savedId: 'pm_mario' },
      },
      'm3',
    );
    const now = await server.request('GET', `/api/v1/orders/${rebought.id}`, {
      token: await server.login(MEMBER),
    });
    assert.equal(now.body.autoRenew, true);
    assert.equal(now.body.nextCharge.date, '2027-03-15');
    assert.ok(now.body.addonStates.every((a: { status: string }) => a.status === 'active'));
    // The deactivation event carried the mailbox as it then was.
    const [event] = await rows<{
      payload: { sequence: number; data: { subscription: { addons: { status: string }[] } } };
    }>("SELECT payload FROM webhook_events WHERE type = 'addon.deactivated'");
    assert.ok(event!.payload.sequence >= 1);
    assert.ok(event!.payload.data.subscription.addons.every((a) => a.status === 'deactivated'));
  });
});

/** An Ordine professionale buying as a public administration: CF only, office code, CIG, CUP. */
const ORDINE = {
  type: 'company',
  name: ' Ordine degli Architetti P.P.C. di Torino ',
  taxCode: ' 80089810016 ',
  address: {
    street: 'Via Giolitti 1',
    postalCode: '10123',
    city: 'Torino',
    province: 'to',
    country: 'IT',
  },
  email: 'segreteria@oato.it',
  eInvoice: { sdiCode: ' ufabcd ' },
  cig: 'z1a2b3c4d5',
  cup: 'J51B20000120001',
};

async function register(holder: Record<string, unknown>) {
  return server.request('POST', '/api/v1/auth/register', {
    body: { password: 'una-password-lunga', holder },
  });
}

describe('holder data SDI accepts, and public administrations', () => {
  it('refuses, as field errors, a PEC the 1.2.2 schema refuses and XXXXXXX for an Italian holder', async () => {
    const company = {
      type: 'company',
      name: 'Studio Nandù S.r.l.',
      vatNumber: '01573850516',
      taxCode: '01573850516',
      address: ORDINE.address,
      email: 'info@studionandu.it',
    };
    for (const [eInvoice, path, code] of [
      [{ pec: 'studio.nandù@pec.it' }, 'holder.eInvoice.pec', 'pec.fatturapa'],
      [{ pec: 'rossi(studio)@pec.it' }, 'holder.eInvoice.pec', 'pec.fatturapa'],
      [{ sdiCode: 'XXXXXXX' }, 'holder.eInvoice.sdiCode', 'sdi.foreign'],
      [{ sdiCode: '000000' }, 'holder.eInvoice.sdiCode', 'sdi.pa_format'],
    ] as const) {
      const reply = await register({ ...company, eInvoice });
      assert.equal(reply.status, 422, JSON.stringify(eInvoice));
      assert.deepEqual(
        reply.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`),
        [`${path} ${code}`],
      );
    }
  });

  it('stores codes trimmed and upper-cased; a public administration gets FPA12 with split payment, CIG and CUP', async () => {
    const registered = await register(ORDINE);
    assert.equal(registered.status, 201, registered.text);
    const holder = registered.body.customer.holder;
    assert.equal(holder.taxCode, '80089810016');
    assert.equal(holder.name, 'Ordine degli Architetti P.P.C. di Torino');
    assert.deepEqual(holder.eInvoice, { sdiCode: 'UFABCD' });
    assert.equal(holder.cig, 'Z1A2B3C4D5');
    const token = registered.body.token as string;
    const selection = { productId: 'certified-platform', planId: 'base', years: 1, addons: [] };
    const quote = await server.request('POST', '/api/v1/quotes', {
      token,
      body: { ...selection, splitPayment: true },
    });
    assert.equal(quote.status, 200, quote.text);
    assert.equal(quote.body.splitPayment, true);
    assert.equal(quote.body.totalCents, BASE_TOTAL);
    assert.equal(quote.body.payableCents, 12000, 'the body pays the taxable amount');
    const order = await placeOrder(token, { paymentMethod: { type: 'bank_transfer' } }, 'pa1');
    const placed = await server.request('GET', `/api/v1/orders/${order.id}`, { token });
    assert.equal(placed.body.splitPayment, true);
    assert.equal(placed.body.payableCents, 12000);
    assert.equal(placed.body.instructions.amountCents, 12000);
    const wrong = await operator('/payments', {
      orderNumber: order.number,
      amountCents: BASE_TOTAL,
    });
    assert.equal(wrong.status, 422, 'the VAT is not paid to the seller');
    const paid = await operator('/payments', { orderNumber: order.number, amountCents: 12000 });
    assert.equal(paid.status, 200, paid.text);
    const { items, xmls } = await invoicesOf(token);
    assert.equal(items.length, 1);
    assert.equal(items[0].format, 'FPA12');
    assert.equal(items[0].splitPayment, true);
    assert.equal(items[0].paidCents, 12000);
    assert.deepEqual(items[0].sentTo, { channel: 'sdi', to: 'UFABCD' });
    const xml = xmls[0]!;
    for (const fragment of [
      'versione="FPA12"',
      '<FormatoTrasmissione>FPA12</FormatoTrasmissione>',
      '<CodiceDestinatario>UFABCD</CodiceDestinatario>',
      '<CodiceFiscale>80089810016</CodiceFiscale>',
      '<CodiceCUP>J51B20000120001</CodiceCUP>',
      '<CodiceCIG>Z1A2B3C4D5</CodiceCIG>',
      '<EsigibilitaIVA>S</EsigibilitaIVA>',
      '<ImportoTotaleDocumento>146.40</ImportoTotaleDocumento>',
      '<ImportoPagamento>120.00</ImportoPagamento>',
    ]) {
      assert.ok(xml.includes(fragment), fragment);
    }
    const valid = await validateFatturaPA(xmls);
    assert.ok(valid.ok, valid.errors);
  });

  it('an order whose holder has a trailing space gets an invoice with the codes trimmed', async () => {
    const token = await server.login(DEMO_USERS.company);
    const me = await server.request('GET', '/api/v1/me', { token });
    const holder = {
      ...me.body.holder,
      vatNumber: `${me.body.holder.vatNumber} `,
      taxCode: ` ${me.body.holder.taxCode.toLowerCase()}`,
    };
    await placeOrder(
      token,
      { holder, paymentMethod: { type: 'card', savedId: await savedMethod(token, 'card') } },
      'k1',
    );
    const { xmls } = await invoicesOf(token);
    assert.ok(xmls[0]!.includes(`<IdCodice>${me.body.holder.vatNumber}</IdCodice>`));
    assert.ok(xmls[0]!.includes(`<CodiceFiscale>${me.body.holder.taxCode}</CodiceFiscale>`));
    const valid = await validateFatturaPA(xmls);
    assert.ok(valid.ok, valid.errors);
  });
});
