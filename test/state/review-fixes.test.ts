// The checkout store: rough edges found in review (language of the payment page, terms kept across
// the payment page, one draft per widget, coming back without a session).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OrderRequest } from '../../src/api/schemas.ts';
import type { Locale } from '../../src/i18n/index.ts';
import { FakePage } from './fake-client.ts';
import { quoted, startStore, toSummary } from './helpers.ts';

describe('checkout store: the order carries the widget language', () => {
  it('sends the current locale, so the payment page speaks the buyer’s language', async () => {
    let locale: Locale = 'en';
    const h = await startStore({ locale: () => locale });
    await toSummary(h, { type: 'card' } as never);
    await h.store.confirm();
    const [sent] = h.client.callsOf('createOrder');
    assert.equal((sent!.args[0] as OrderRequest).locale, 'en');

    // The buyer switched the widget to Italian before trying again.
    locale = 'it';
    const again = await startStore({ locale: () => locale });
    await toSummary(again, { type: 'paypal' } as never);
    await again.store.confirm();
    assert.equal((again.client.callsOf('createOrder')[0]!.args[0] as OrderRequest).locale, 'it');
  });
});

describe('checkout store: two widgets of one product on one page', () => {
  it('each keeps its own draft and its own return from the payment page (by element id)', async () => {
    const left = await startStore({ id: 'left' });
    await toSummary(left, { type: 'card' } as never);
    await left.store.confirm();
    // The other widget of the same page (same sessionStorage, same backend) leaves for it later.
    const right = await startStore({ id: 'right', client: left.client });
    right.page.storage = left.page.storage;
    await toSummary(right, { type: 'paypal' } as never);
    right.store.setQuantities({ 'extra-users': 5 });
    await quoted(right.store);
    await right.store.confirm();
    assert.equal(left.client.orders.size, 2);

    const returnUrl = (h: typeof left) =>
      (h.client.callsOf('createOrder')[0]!.args[0] as OrderRequest).returnUrl!;
    assert.equal(returnUrl(left), 'https://partner.example/buy?ref=news&cassa_widget=left');

    // Back from the provider with the left widget's order (cancelled there): the page loads again.
    left.client.orders.get('ord-1')!.status = 'cancelled';
    const page = new FakePage();
    page.storage = left.page.storage;
    page.url = `${returnUrl(left)}&cassa_order=ord-1&cassa_resume=resume-ord-1`;
    // The right widget leaves the left one's order alone…
    const other = await startStore({ id: 'right', page, client: left.client });
    assert.equal(other.store.state.step, 'plan');
    assert.deepEqual(other.store.state.quantities, {});
    assert.match(page.url, /cassa_order=ord-1/);
    // …and the left one finds its own choices, not the right one's.
    const back = await startStore({ id: 'left', page, client: left.client });
    assert.equal(back.store.state.step, 'account'); // no session after the trip: log in again
    assert.deepEqual(back.store.state.quantities, { 'extra-users': 2 });
    assert.deepEqual(back.store.state.payment, { type: 'card' });
    assert.equal(page.url, 'https://partner.example/buy?ref=news');
  });
});
