// The checkout store: rough edges found in review (language of the payment page, terms kept across
// the payment page, one draft per widget, coming back without a session).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OrderRequest } from '../../src/api/schemas.ts';
import type { Locale } from '../../src/i18n/index.ts';
import { startStore, toSummary } from './helpers.ts';

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
