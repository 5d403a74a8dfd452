// Issue 25 (11): the confirmation email names the term in years and storage in GB; the invoice
// copy says "1 utente", not "1 utenti".
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startServer, type Server } from './harness.ts';

const COMPANY = '1234567@aruba.it';
let server: Server;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

describe('units a buyer reads after the order', () => {
  it('2 years of the base plan, 1 more user and 5 GB: "Versione base, 2 anni", "Spazio aggiuntivo (5 GB)", "1 utente"', async () => {
    const token = await server.login(COMPANY);
    const methods = await server.request('GET', '/api/v1/me/payment-methods', { token });
    const card = (methods.body.items as { id: string; type: string }[]).find(
      (m) => m.type === 'card',
    )!.id;
    const addons = [
      { id: 'extra-users', quantity: 1 },
      { id: 'storage', quantity: 5 },
    ];
    const quote = await server.request('POST', '/api/v1/quotes', {
      body: { productId: 'certified-platform', planId: 'base', years: 2, addons },
    });
    const placed = await server.request('POST', '/api/v1/orders', {
      token,
      headers: { 'Idempotency-Key': 'units-1' },
      body: {
        productId: 'certified-platform',
        planId: 'base',
        years: 2,
        addons,
        expectedTotalCents: quote.body.totalCents,
        paymentMethod: { type: 'card', savedId: card },
        acceptTerms: true,
      },
    });
    assert.equal(placed.status, 201, placed.text);
    const emails = (await server.request('GET', '/api/dev/outbox')).body as {
      kind: string;
      orderId: string;
      body: string;
    }[];
    const email = emails.find(
      (e) => e.kind === 'order_confirmation' && e.orderId === placed.body.id,
    )!;
    assert.match(email.body, /- Versione base, 2 anni: 240,00\s€/);
    assert.match(email.body, /- Spazio aggiuntivo \(5 GB\): 20,00\s€/);
    assert.match(email.body, /- Utenti aggiuntivi × 1: 24,00\s€/);
    assert.doesNotMatch(email.body, /× 5/);

    const link = /Copia di cortesia della fattura: (\S+)/.exec(email.body)![1]!;
    const copy = await server.request('GET', new URL(link).pathname);
    const text = copy.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    assert.match(text, / 1 utente /);
    assert.doesNotMatch(text, /1 utenti/);
    assert.match(text, / 5 GB /);
  });
});
