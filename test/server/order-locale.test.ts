// The order's `locale`: the language of the widget, so the sandbox payment page speaks it too.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startServer, type Server } from './harness.ts';

let server: Server;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

/** A Certified Platform order by a new card, sent with the given Accept-Language and body locale. */
async function newCardOrder(acceptLanguage: string, locale?: string) {
  const token = await server.login('7654321@aruba.it');
  return server.request('POST', '/api/v1/orders', {
    token,
    headers: { 'Idempotency-Key': `k-${Math.random()}`, 'Accept-Language': acceptLanguage },
    body: {
      productId: 'certified-platform',
      planId: 'base',
      years: 1,
      addons: [],
      expectedTotalCents: 14640,
      paymentMethod: { type: 'card' },
      acceptTerms: true,
      returnUrl: 'http://localhost/partner.html',
      ...(locale ? { locale } : {}),
    },
  });
}

async function paymentPage(url: string) {
  const page = await server.app.request(new URL(url).pathname + new URL(url).search);
  return page.text();
}

describe('POST /v1/orders: locale', () => {
  it('the payment page follows the widget language, whatever the browser asks for', async () => {
    const english = await newCardOrder('it-IT,it;q=0.9', 'en');
    assert.equal(english.status, 201, english.text);
    const url = new URL(english.body.action.url);
    assert.equal(url.searchParams.get('lang'), 'en');
    const html = await paymentPage(url.href);
    assert.match(html, /<html lang="en">/);
    assert.ok(html.includes('Card number'));

    const italian = await newCardOrder('en-GB,en;q=0.9', 'it');
    assert.equal(new URL(italian.body.action.url).searchParams.get('lang'), 'it');
    assert.match(await paymentPage(italian.body.action.url), /<html lang="it">/);
  });

  it('without a locale in the order, Accept-Language decides (as before)', async () => {
    const reply = await newCardOrder('en-US,en;q=0.8');
    assert.equal(reply.status, 201, reply.text);
    assert.equal(new URL(reply.body.action.url).searchParams.get('lang'), 'en');
  });

  it('a locale other than it or en is a 422 at the field', async () => {
    const reply = await newCardOrder('it', 'fr');
    assert.equal(reply.status, 422);
    assert.deepEqual(
      reply.body.errors.map((e: { path: string }) => e.path),
      ['locale'],
    );
  });
});
