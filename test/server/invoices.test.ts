// Issue 16: a FatturaPA invoice for every paid order, sent where the holder asked (SDI code or
// PEC), downloadable by its owner, linked from the confirmation email, valid against the XSD.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DEMO_HOLDERS } from '../../demo/server/seed.ts';
import { invoiceContext, issueInvoice } from '../../server/src/invoices/issue.ts';
import { ORIGIN, startServer, submitSandboxForm, type Server } from './harness.ts';
import { readInvoice } from './invoices/read.ts';
import { validateFatturaPA } from './invoices/xsd.ts';

const COMPANY = '1234567@aruba.it';
const PROFESSIONAL = '7654321@aruba.it';
const MEMBER = 'mario.rossi@architettitorinopec.it';
/** Base plan, 1 year, + 5 GB storage: (120 + 10) € + 22% VAT. */
const BASE_STORAGE_TOTAL = 15860;

let server: Server;
let keys = 0;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const baseOrder = (extra: Record<string, unknown> = {}) => ({
  productId: 'certified-platform',
  planId: 'base',
  years: 1,
  addons: [{ id: 'storage', quantity: 5 }],
  expectedTotalCents: BASE_STORAGE_TOTAL,
  acceptTerms: true,
  ...extra,
});

async function order(token: string, body: unknown) {
  const reply = await server.request('POST', '/api/v1/orders', {
    token,
    body,
    headers: { 'Idempotency-Key': `invoice-${++keys}` },
  });
  assert.equal(reply.status, 201, reply.text);
  return reply.body as { id: string; number: string; status: string; totalCents: number };
}

async function savedCard(token: string) {
  const reply = await server.request('GET', '/api/v1/me/payment-methods', { token });
  return (reply.body.items as { id: string; type: string }[]).find((m) => m.type === 'card')!.id;
}

const invoiceOf = (orderId: string, token?: string) =>
  server.request('GET', `/api/v1/orders/${orderId}/invoice`, token ? { token } : {});

async function confirmation(orderId: string) {
  const emails = (await server.request('GET', '/api/dev/outbox')).body as {
    kind: string;
    orderId: string;
    body: string;
  }[];
  const email = emails.find((e) => e.kind === 'order_confirmation' && e.orderId === orderId);
  assert.ok(email, 'a confirmation email');
  return email;
}

const transmissions = async () =>
  (await server.request('GET', '/api/dev/sdi')).body as {
    channel: string;
    to: string;
    fileName: string;
    xml: string;
  }[];

async function invoiceCount(): Promise<number> {
  const { rows } = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM invoices');
  return rows[0]!.n;
}

describe('invoice of an order paid at creation (saved card)', () => {
  it('is a valid FatturaPA to the SDI code, totals equal to the order, owner-only download', async () => {
    const token = await server.login(COMPANY);
    const placed = await order(
      token,
      baseOrder({ paymentMethod: { type: 'card', savedId: await savedCard(token) } }),
    );
    assert.equal(placed.status, 'paid');

    const reply = await invoiceOf(placed.id, token);
    assert.equal(reply.status, 200);
    assert.match(reply.headers.get('content-type') ?? '', /^application\/xml/);
    assert.equal(
      reply.headers.get('content-disposition'),
      'attachment; filename="IT12345678903_00001.xml"',
    );
    const validation = await validateFatturaPA([reply.text]);
    assert.ok(validation.ok, validation.errors);

    const invoice = readInvoice(reply.text);
    assert.equal(invoice.recipientCode, 'M5UXCR1');
    assert.equal(invoice.pec, undefined);
    assert.equal(invoice.number, 'F-2026-000001');
    assert.equal(invoice.date, '2026-01-15');
    assert.equal(invoice.buyerName, 'Rossi Costruzioni S.r.l.');
    assert.equal(invoice.buyerVat, DEMO_HOLDERS.company.vatNumber);
    assert.equal(invoice.totalCents, placed.totalCents);
    assert.deepEqual(
      invoice.lines.map((l) => [l.quantity, l.totalCents]),
      [
        ['1.00', 12000],
        ['5.00', 1000],
      ],
    );
    assert.match(invoice.lines[1]!.description, /Spazio aggiuntivo/);
    assert.deepEqual(invoice.summary, [{ rate: '22.00', taxableCents: 13000, vatCents: 2860 }]);
    assert.equal(invoice.paymentCode, 'MP08');

    // Nobody else's, and nothing without a token.
    const other = await server.login(PROFESSIONAL);
    assert.equal((await invoiceOf(placed.id, other)).status, 404);
    assert.equal((await invoiceOf(placed.id)).status, 401);
    assert.equal((await invoiceOf('no-such-order', token)).status, 404);
  });

  it('is "sent" to SDI with the XML attached, and the confirmation email says where and links a copy', async () => {
    const token = await server.login(COMPANY);
    const placed = await order(
      token,
      baseOrder({ paymentMethod: { type: 'card', savedId: await savedCard(token) } }),
    );
    const xml = (await invoiceOf(placed.id, token)).text;
    const [sent, ...more] = await transmissions();
    assert.equal(more.length, 0);
    assert.deepEqual(
      { channel: sent!.channel, to: sent!.to, fileName: sent!.fileName },
      { channel: 'sdi', to: 'M5UXCR1', fileName: 'IT12345678903_00001.xml' },
    );
    assert.equal(sent!.xml, xml);

    const email = await confirmation(placed.id);
    assert.ok(
      email.body.includes(
        'La fattura elettronica F-2026-000001 è stata inviata al Codice Destinatario M5UXCR1.',
      ),
      email.body,
    );
    const link = /Copia di cortesia della fattura: (\S+)/.exec(email.body)?.[1];
    assert.ok(link, email.body);
    assert.ok(link.startsWith(`${ORIGIN}/api/invoices/`), link);
    const copy = await server.request('GET', new URL(link).pathname);
    assert.equal(copy.status, 200);
    assert.match(copy.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(copy.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    for (const text of ['F-2026-000001', 'Rossi Costruzioni S.r.l.', 'M5UXCR1', '158,60']) {
      assert.ok(copy.text.includes(text), text);
    }
    assert.ok(!/<script|style=/i.test(copy.text));
    const copyToken = new URL(link).pathname.split('/').pop()!;
    assert.ok(
      !server.logs.some((line) => line.includes(copyToken)),
      'the copy token is not logged',
    );
    const download = await server.request('GET', `${new URL(link).pathname}/xml`);
    assert.equal(download.text, xml);
    assert.equal(
      (await server.request('GET', '/api/invoices/not-a-real-token-at-all')).status,
      404,
    );

    // The demo outbox page shows the transmission and makes the copy link clickable.
    const page = await server.request('GET', '/outbox');
    assert.ok(page.text.includes('IT12345678903_00001.xml'));
    assert.ok(page.text.includes(`<a href="${link}">`));
  });

  it('goes to the PEC address when the holder chose PEC: CodiceDestinatario 0000000 + PECDestinatario', async () => {
    const token = await server.login(PROFESSIONAL);
    const holder = {
      ...DEMO_HOLDERS.professional,
      eInvoice: { pec: 'giulia.bianchi@pec.example.it' },
    };
    const placed = await order(
      token,
      baseOrder({ holder, paymentMethod: { type: 'paypal' }, returnUrl: `${ORIGIN}/partner.html` }),
    );
    assert.equal(placed.status, 'pending_payment');
    assert.equal((await invoiceOf(placed.id, token)).status, 404, 'none before the payment');

    const paid = await submitSandboxForm(server.app, placed.id, {
      decision: 'approve',
      email: 'g@example.com',
    });
    assert.equal(paid.status, 303);
    const reply = await invoiceOf(placed.id, token);
    assert.equal(reply.status, 200);
    const validation = await validateFatturaPA([reply.text]);
    assert.ok(validation.ok, validation.errors);
    const invoice = readInvoice(reply.text);
    assert.equal(invoice.recipientCode, '0000000');
    assert.equal(invoice.pec, 'giulia.bianchi@pec.example.it');
    assert.equal(invoice.buyerTaxCode, DEMO_HOLDERS.professional.taxCode);
    assert.equal(invoice.totalCents, BASE_STORAGE_TOTAL);
    const [sent] = await transmissions();
    assert.deepEqual([sent!.channel, sent!.to], ['pec', 'giulia.bianchi@pec.example.it']);
    const email = await confirmation(placed.id);
    assert.ok(
      email.body.includes("è stata inviata all'indirizzo PEC giulia.bianchi@pec.example.it."),
      email.body,
    );
  });
});

describe('orders that get no invoice (yet)', () => {
  it('a free plan gets none', async () => {
    const token = await server.login(COMPANY);
    const placed = await order(token, {
      productId: 'certified-platform',
      planId: 'free',
      years: 1,
      addons: [],
      expectedTotalCents: 0,
      paymentMethod: { type: 'none' },
      acceptTerms: true,
    });
    assert.equal(placed.status, 'active');
    assert.equal((await invoiceOf(placed.id, token)).status, 404);
    assert.equal(await invoiceCount(), 0);
    assert.ok(!(await confirmation(placed.id)).body.includes('fattura'));
  });

  it('PEC add-ons free until expiry (less than 3 months left) get none', async () => {
    const token = await server.login(MEMBER);
    const mailboxes = await server.request('GET', '/api/v1/me/subscriptions', { token });
    const studio = mailboxes.body.items.find(
      (i: { label: string }) => i.label === 'studio.rossi@architettitorinopec.it',
    ).id;
    await server.db.query('UPDATE customers SET credit_cents = 5000 WHERE username = $1', [MEMBER]);
    const placed = await order(token, {
      productId: 'pec-addons',
      planId: 'member',
      years: 1,
      addons: [{ id: 'extra-space', quantity: 1 }],
      subscriptionId: studio,
      expectedTotalCents: 0,
      paymentMethod: { type: 'credit' },
      acceptTerms: true,
    });
    assert.equal(placed.totalCents, 0);
    assert.equal((await invoiceOf(placed.id, token)).status, 404);
    assert.equal(await invoiceCount(), 0);
  });

  it('PEC add-ons paid from the prepaid credit get one (MP22), for what is due now', async () => {
    const token = await server.login(MEMBER);
    const mailboxes = await server.request('GET', '/api/v1/me/subscriptions', { token });
    const mario = mailboxes.body.items.find((i: { label: string }) => i.label === MEMBER).id;
    await server.db.query('UPDATE customers SET credit_cents = 5000 WHERE username = $1', [MEMBER]);
    const selection = {
      productId: 'pec-addons',
      planId: 'member',
      years: 1,
      addons: [
        { id: 'extra-space', quantity: 3 },
        { id: 'conservation', quantity: 1 },
      ],
      subscriptionId: mario,
    };
    const quote = await server.request('POST', '/api/v1/quotes', { token, body: selection });
    assert.equal(quote.body.totalCents, 1058, 'DESIGN 1.2: 8 months left, €10.58');
    const placed = await order(token, {
      ...selection,
      expectedTotalCents: 1058,
      paymentMethod: { type: 'credit' },
      acceptTerms: true,
    });
    const reply = await invoiceOf(placed.id, token);
    assert.equal(reply.status, 200);
    const validation = await validateFatturaPA([reply.text]);
    assert.ok(validation.ok, validation.errors);
    const invoice = readInvoice(reply.text);
    assert.equal(invoice.totalCents, 1058);
    assert.deepEqual(invoice.summary, [{ rate: '22.00', taxableCents: 867, vatCents: 191 }]);
    assert.equal(invoice.paymentCode, 'MP22');
  });

  it('a bank transfer gets its invoice when the payment is recorded, once however often it is asked', async () => {
    const token = await server.login(COMPANY);
    const placed = await order(token, baseOrder({ paymentMethod: { type: 'bank_transfer' } }));
    assert.equal(placed.status, 'awaiting_payment');
    assert.equal((await invoiceOf(placed.id, token)).status, 404);
    assert.ok(
      (await confirmation(placed.id)).body.includes(
        'La fattura elettronica sarà inviata al Codice Destinatario M5UXCR1 quando il pagamento arriva.',
      ),
    );
    const context = invoiceContext(server.deps, ORIGIN);
    // Not paid yet: nothing.
    assert.equal(await server.db.transaction((tx) => issueInvoice(tx, placed.id, context)), null);
    // What the operator's "payment received" does: the order becomes paid, the invoice follows.
    const first = await server.db.transaction(async (tx) => {
      await tx.query("UPDATE orders SET status = 'paid' WHERE id = $1", [placed.id]);
      return issueInvoice(tx, placed.id, context, { email: true });
    });
    assert.equal(first?.issued, true);
    assert.equal(first?.number, 'F-2026-000001');
    const again = await server.db.transaction((tx) =>
      issueInvoice(tx, placed.id, context, { email: true }),
    );
    assert.deepEqual(
      { issued: again?.issued, number: again?.number, fileName: again?.fileName },
      { issued: false, number: 'F-2026-000001', fileName: 'IT12345678903_00001.xml' },
    );
    assert.equal(await invoiceCount(), 1);
    assert.equal((await transmissions()).length, 1);
    const emails = (await server.request('GET', '/api/dev/outbox')).body as {
      kind: string;
      subject: string;
      body: string;
    }[];
    const invoiceEmails = emails.filter((e) => e.kind === 'invoice');
    assert.equal(invoiceEmails.length, 1, 'one invoice email, not one per call');
    assert.equal(invoiceEmails[0]!.subject, `Fattura F-2026-000001 per l'ordine ${placed.number}`);
    assert.ok(
      invoiceEmails[0]!.body.includes(
        'La fattura elettronica F-2026-000001 è stata inviata al Codice Destinatario M5UXCR1.',
      ),
    );
    assert.match(
      invoiceEmails[0]!.body,
      /Copia di cortesia della fattura: http:\/\/localhost\/api\/invoices\//,
    );
    const reply = await invoiceOf(placed.id, token);
    const invoice = readInvoice(reply.text);
    assert.equal(invoice.paymentCode, 'MP05');
    assert.ok((await validateFatturaPA([reply.text])).ok);
  });
});

describe('invoice numbers', () => {
  async function paidInvoice(token: string, cardId: string) {
    const placed = await order(
      token,
      baseOrder({ paymentMethod: { type: 'card', savedId: cardId } }),
    );
    return readInvoice((await invoiceOf(placed.id, token)).text).number;
  }

  it('run on within a year and start again at 1 in the next one', async () => {
    const token = await server.login(COMPANY);
    const card = await savedCard(token);
    assert.equal(await paidInvoice(token, card), 'F-2026-000001');
    assert.equal(await paidInvoice(token, card), 'F-2026-000002');
    server.clock.today = () => '2027-01-04';
    assert.equal(await paidInvoice(token, card), 'F-2027-000001');
    const files = (await transmissions()).map((t) => t.fileName).reverse();
    assert.deepEqual(files, [
      'IT12345678903_00001.xml',
      'IT12345678903_00002.xml',
      'IT12345678903_00003.xml',
    ]);
  });

  it('a transaction rolled back after taking a number gives it back (no gap)', async () => {
    const token = await server.login(COMPANY);
    const card = await savedCard(token);
    const placed = await order(token, baseOrder({ paymentMethod: { type: 'bank_transfer' } }));
    const context = invoiceContext(server.deps, ORIGIN);
    await assert.rejects(
      server.db.transaction(async (tx) => {
        await tx.query("UPDATE orders SET status = 'paid' WHERE id = $1", [placed.id]);
        await issueInvoice(tx, placed.id, context);
        throw new Error('the payment could not be recorded after all');
      }),
    );
    assert.equal(await invoiceCount(), 0);
    assert.equal(await paidInvoice(token, card), 'F-2026-000001');
  });

  it('concurrent paid orders never share or skip a number', async () => {
    const token = await server.login(COMPANY);
    const card = await savedCard(token);
    const numbers = await Promise.all(Array.from({ length: 12 }, () => paidInvoice(token, card)));
    assert.deepEqual(
      [...numbers].sort(),
      Array.from({ length: 12 }, (_, i) => `F-2026-${String(i + 1).padStart(6, '0')}`),
    );
  });
});

describe('OpenAPI', () => {
  it('documents GET /v1/orders/{orderId}/invoice as XML for the owner', async () => {
    const doc = (await server.request('GET', '/api/v1/openapi.json')).body;
    const op = doc.paths['/v1/orders/{orderId}/invoice'].get;
    assert.ok(op.responses['200'].content['application/xml']);
    assert.ok(op.responses['404'] && op.responses['401']);
    assert.deepEqual(op.security, [{ bearer: [] }]);
  });
});
