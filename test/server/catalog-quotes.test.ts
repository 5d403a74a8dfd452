import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ProductSchema, QuoteSchema } from '../../src/api/schemas.ts';
import { startServer, type Server } from './harness.ts';

const MEMBER = 'mario.rossi@architettitorinopec.it';
const OTHER = '1234567@aruba.it';

let server: Server;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

async function mailboxes(token: string) {
  const reply = await server.request('GET', '/api/v1/me/subscriptions', { token });
  const byLabel = new Map<string, string>(
    reply.body.items.map((i: { label: string; id: string }) => [i.label, i.id]),
  );
  return {
    eightMonths: byLabel.get('mario.rossi@architettitorinopec.it') as string,
    twoMonths: byLabel.get('studio.rossi@architettitorinopec.it') as string,
  };
}

const pecSelection = (subscriptionId: string | undefined) => ({
  productId: 'pec-addons',
  planId: 'member',
  years: 1,
  addons: [
    { id: 'extra-space', quantity: 3 },
    { id: 'conservation', quantity: 1 },
  ],
  ...(subscriptionId ? { subscriptionId } : {}),
});

describe('GET /v1/products/:id', () => {
  it('answers the catalog entry, valid against the contract', async () => {
    const reply = await server.request('GET', '/api/v1/products/certified-platform');
    assert.equal(reply.status, 200);
    const product = ProductSchema.parse(reply.body);
    assert.deepEqual(
      product.plans.map((p) => [p.id, p.yearlyCents]),
      [
        ['free', 0],
        ['base', 12000],
      ],
    );
    assert.deepEqual(product.paymentMethods, ['card', 'paypal', 'bank_transfer', 'postal_slip']);
  });

  it('answers 404 problem+json for an unknown product', async () => {
    const reply = await server.request('GET', '/api/v1/products/nope');
    assert.equal(reply.status, 404);
    assert.equal(reply.headers.get('content-type'), 'application/problem+json');
    assert.equal(reply.body.type, 'https://cassa.dev/problems/not-found');
    assert.equal(reply.body.status, 404);
  });
});

describe('POST /v1/quotes: Certified Platform', () => {
  it('prices base + 3 extra users for 2 years, with VAT and renewal 7 days before expiry', async () => {
    const reply = await server.request('POST', '/api/v1/quotes', {
      body: {
        productId: 'certified-platform',
        planId: 'base',
        years: 2,
        addons: [{ id: 'extra-users', quantity: 3 }],
      },
    });
    assert.equal(reply.status, 200);
    const quote = QuoteSchema.parse(reply.body);
    // (120 + 3 × 12) × 2 = 312 € taxable, 68.64 € VAT.
    assert.equal(quote.taxableCents, 31200);
    assert.equal(quote.vatCents, 6864);
    assert.equal(quote.totalCents, 38064);
    assert.deepEqual(quote.renewal, {
      date: '2028-01-15',
      chargeDate: '2028-01-08',
      totalCents: 38064,
    });
    assert.equal(quote.minimumTopUpCents, null);
    assert.deepEqual(
      quote.lines.map((l) => [l.id, l.label, l.amountCents]),
      [
        ['base', 'Versione base', 24000],
        ['extra-users', 'Utenti aggiuntivi', 7200],
      ],
    );
  });

  it('labels lines in English when the request asks for English', async () => {
    const reply = await server.request('POST', '/api/v1/quotes', {
      body: { productId: 'certified-platform', planId: 'base', years: 1, addons: [] },
      headers: { 'Accept-Language': 'en-GB,en;q=0.9' },
    });
    assert.equal(reply.body.lines[0].label, 'Base version');
  });

  it('refuses broken rules with 422 invalid-selection and a field error per rule', async () => {
    const reply = await server.request('POST', '/api/v1/quotes', {
      body: {
        productId: 'certified-platform',
        planId: 'base',
        years: 3,
        addons: [
          { id: 'extra-users', quantity: 15 },
          { id: 'external-users', quantity: 60 },
          { id: 'storage', quantity: 7 },
        ],
      },
    });
    assert.equal(reply.status, 422);
    assert.equal(reply.body.type, 'https://cassa.dev/problems/invalid-selection');
    assert.deepEqual(
      reply.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]),
      [
        ['years', 'selection.years'],
        ['addons.0.quantity', 'selection.addon.max'],
        ['addons.1.quantity', 'selection.addon.step'],
        ['addons.2.quantity', 'selection.addon.step'],
      ],
    );
    assert.equal(reply.body.errors[0].message, 'Choose a term of 1 or 2 years.');
  });

  it('refuses an unknown plan or add-on with 422', async () => {
    const reply = await server.request('POST', '/api/v1/quotes', {
      body: {
        productId: 'certified-platform',
        planId: 'gold',
        years: 1,
        addons: [{ id: 'x', quantity: 1 }],
      },
    });
    assert.equal(reply.status, 422);
    assert.deepEqual(
      reply.body.errors.map((e: { code: string }) => e.code),
      ['selection.plan.unknown', 'selection.addon.unknown'],
    );
  });

  it('refuses a body that does not match the contract with 422 invalid-request', async () => {
    const reply = await server.request('POST', '/api/v1/quotes', {
      body: { productId: 'certified-platform', years: 'one' },
    });
    assert.equal(reply.status, 422);
    assert.equal(reply.body.type, 'https://cassa.dev/problems/invalid-request');
    assert.deepEqual(
      reply.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]),
      [
        ['planId', 'required'],
        ['years', 'invalid'],
      ],
    );
  });

  it('answers 404 for an unknown product', async () => {
    const reply = await server.request('POST', '/api/v1/quotes', {
      body: { productId: 'nope', planId: 'base', years: 1, addons: [] },
    });
    assert.equal(reply.status, 404);
  });
});

describe('POST /v1/quotes: PEC add-ons (worked examples of DESIGN.md 1.2)', () => {
  it('needs a token: 401 without one', async () => {
    const reply = await server.request('POST', '/api/v1/quotes', { body: pecSelection('sub_x') });
    assert.equal(reply.status, 401);
    assert.equal(reply.body.type, 'https://cassa.dev/problems/unauthorized');
  });

  it('3 GB + conservation with 8 months left: 10.58 € now, minimum top-up 15.86 €', async () => {
    const token = await server.login(MEMBER);
    const { eightMonths } = await mailboxes(token);
    const reply = await server.request('POST', '/api/v1/quotes', {
      body: pecSelection(eightMonths),
      token,
    });
    assert.equal(reply.status, 200);
    const quote = QuoteSchema.parse(reply.body);
    assert.deepEqual(
      quote.lines.map((l) => [l.id, l.unitCents, l.amountCents]),
      [
        ['extra-space', 300, 600],
        ['conservation', 400, 267],
      ],
    );
    assert.equal(quote.taxableCents, 867);
    assert.equal(quote.vatCents, 191);
    assert.equal(quote.totalCents, 1058);
    assert.equal(quote.minimumTopUpCents, 1586);
    assert.equal(quote.freeUntil, null);
    assert.deepEqual(quote.renewal, {
      date: '2026-09-15',
      chargeDate: '2026-09-15',
      totalCents: 1586,
    });
  });

  it('the same with 2 months left: nothing due now, free until the expiry, 15.86 € at renewal', async () => {
    const token = await server.login(MEMBER);
    const { twoMonths } = await mailboxes(token);
    const reply = await server.request('POST', '/api/v1/quotes', {
      body: pecSelection(twoMonths),
      token,
    });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.totalCents, 0);
    assert.equal(reply.body.freeUntil, '2026-03-15');
    assert.equal(reply.body.minimumTopUpCents, 1586);
    assert.equal(reply.body.renewal.totalCents, 1586);
  });

  it("answers 404 for another customer's mailbox, or an unknown one", async () => {
    const memberToken = await server.login(MEMBER);
    const { eightMonths } = await mailboxes(memberToken);
    const otherToken = await server.login(OTHER);
    for (const subscriptionId of [eightMonths, 'sub_unknown']) {
      const reply = await server.request('POST', '/api/v1/quotes', {
        body: pecSelection(subscriptionId),
        token: otherToken,
      });
      assert.equal(reply.status, 404, subscriptionId);
    }
  });

  it('asks for the mailbox when none is given (422)', async () => {
    const token = await server.login(MEMBER);
    const reply = await server.request('POST', '/api/v1/quotes', {
      body: pecSelection(undefined),
      token,
    });
    assert.equal(reply.status, 422);
    assert.deepEqual(
      reply.body.errors.map((e: { code: string }) => e.code),
      ['selection.subscription.required'],
    );
  });

  it('uses the account credit: the minimum top-up shrinks by it', async () => {
    const token = await server.login(MEMBER);
    const { eightMonths } = await mailboxes(token);
    await server.db.query('UPDATE customers SET credit_cents = 1000 WHERE username = $1', [MEMBER]);
    const reply = await server.request('POST', '/api/v1/quotes', {
      body: pecSelection(eightMonths),
      token,
    });
    assert.equal(reply.body.minimumTopUpCents, 586);
  });
});

describe('GET /v1/openapi.json', () => {
  it('is generated from the contract schemas', async () => {
    const reply = await server.request('GET', '/api/v1/openapi.json');
    assert.equal(reply.status, 200);
    assert.equal(reply.body.openapi, '3.1.0');
    const quote = reply.body.components.schemas.Quote;
    assert.deepEqual(
      Object.keys(quote.properties).sort(),
      Object.keys(QuoteSchema.shape).sort(),
      'every Quote field of the zod schema is in the document',
    );
    // Split payment (issue 22) is additive: optional, so older readers keep working.
    assert.deepEqual(
      [...quote.required].sort(),
      Object.keys(QuoteSchema.shape)
        .filter((key) => key !== 'splitPayment' && key !== 'payableCents')
        .sort(),
      'every Quote field but the additive ones is required',
    );
    const order = reply.body.components.schemas.OrderRequest;
    assert.deepEqual(order.properties.paymentMethod.properties.type.enum, [
      'card',
      'paypal',
      'bank_transfer',
      'postal_slip',
      'credit',
      'none',
    ]);
    for (const path of [
      '/v1/orders',
      '/v1/quotes',
      '/v1/auth/login',
      '/v1/orders/{orderId}',
      '/v1/me/invoices',
      '/v1/me/subscriptions',
    ]) {
      assert.ok(reply.body.paths[path], path);
    }
    assert.equal(
      reply.body.paths['/v1/orders'].post.requestBody.content['application/json'].schema.$ref,
      '#/components/schemas/OrderRequest',
    );
    // What every route may answer on the server's side, as the error handler does (this document
    // itself touches no database).
    for (const [path, item] of Object.entries(reply.body.paths) as [string, object][]) {
      if (path === '/v1/openapi.json') continue;
      for (const [method, op] of Object.entries(item) as [string, { responses: object }][]) {
        assert.ok('500' in op.responses && '503' in op.responses, `${method} ${path}`);
      }
    }
    assert.ok(reply.body.paths['/v1/orders'].post.responses['503'].headers['Retry-After']);
  });
});
