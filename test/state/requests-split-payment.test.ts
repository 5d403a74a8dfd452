import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { quoteRequestOf } from '../../src/state/requests.ts';
import type { CheckoutState } from '../../src/state/types.ts';
import { certifiedPlatform } from '../domain/demo-catalog.ts';
import { validHolder } from './helpers.ts';

/** The parts of the store's state a quote request is made of. */
const stateWith = (holder: typeof validHolder | null) =>
  ({
    product: certifiedPlatform,
    planId: 'base',
    years: 1,
    quantities: {},
    subscriptionId: null,
    session: null,
    holder,
  }) as unknown as CheckoutState;

describe('store: quote requests of a public administration', () => {
  it('asks for split payment when the holder’s code is a 6-character office code', () => {
    const pa = { ...validHolder, eInvoice: { sdiCode: 'UFABCD' } };
    assert.equal(quoteRequestOf(stateWith(pa))?.splitPayment, true);
  });

  it('does not for a business (7 characters) or before the holder is known', () => {
    assert.equal('splitPayment' in quoteRequestOf(stateWith(validHolder))!, false);
    assert.equal('splitPayment' in quoteRequestOf(stateWith(null))!, false);
  });
});
