import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { priceServiceAddition, type ServiceContext } from '../../src/domain/pricing.ts';
import type { AddonQuantity } from '../../src/domain/types.ts';
import { certifiedPlatform } from './demo-catalog.ts';

const service: ServiceContext = {
  planId: 'base',
  years: 1,
  expiresOn: '2027-01-15',
  addons: { 'extra-users': 4 },
};

const price = (addons: AddonQuantity[], today: string, on: ServiceContext = service) =>
  priceServiceAddition(
    certifiedPlatform,
    { productId: 'certified-platform', planId: 'base', years: 1, addons },
    { today, service: on },
  );

describe('pricing: buy more on a Certified Platform service (co-termed with its expiry)', () => {
  it('charges the added users and storage for the months left, VAT once on the sum', () => {
    const result = price(
      [
        { id: 'extra-users', quantity: 2 },
        { id: 'storage', quantity: 5 },
      ],
      '2026-05-20',
    );
    assert.ok(result.ok);
    // 8 months: €24.00 × 8/12 = €16.00, €10.00 × 8/12 = €6.67 (half-up); VAT €4.99.
    assert.deepEqual(
      result.quote.lines.map((l) => [l.id, l.amountCents]),
      [
        ['extra-users', 1600],
        ['storage', 667],
      ],
    );
    assert.deepEqual([result.quote.taxableCents, result.quote.vatCents], [2267, 499]);
    // The renewal: one term of base + 6 users + 5 GB = €202.00 + VAT.
    assert.deepEqual(result.quote.renewal, {
      date: '2027-01-15',
      chargeDate: '2027-01-08',
      totalCents: 24644,
    });
  });

  it('is free until the expiry with less than 3 months left, and renews the grown term', () => {
    const result = price([{ id: 'storage', quantity: 5 }], '2026-10-16');
    assert.ok(result.ok);
    assert.equal(result.quote.totalCents, 0);
    assert.equal(result.quote.freeUntil, '2027-01-15');
  });

  it('prices a 2-year service’s renewal for its 2 years, the addition for the months left only', () => {
    const result = price([{ id: 'extra-users', quantity: 1 }], '2026-01-15', {
      ...service,
      years: 2,
      expiresOn: '2028-01-15',
      addons: {},
    });
    assert.ok(result.ok);
    assert.equal(result.quote.totalCents, 2400 + 528); // 24 months of €12.00 + VAT
    assert.equal(result.quote.renewal.totalCents, 32208); // (€240.00 + €24.00) + 22% VAT
  });

  it('refuses users beyond the plan’s 14 counting the ones the service has', () => {
    const result = price([{ id: 'extra-users', quantity: 11 }], '2026-05-20');
    assert.deepEqual(result.ok ? [] : result.errors, [
      { path: 'addons.0.quantity', code: 'selection.addon.max' },
    ]);
  });

  it('refuses another plan than the service’s and an expired service', () => {
    const other = priceServiceAddition(
      certifiedPlatform,
      { productId: 'certified-platform', planId: 'free', years: 1, addons: [] },
      { today: '2026-05-20', service },
    );
    assert.deepEqual(other.ok ? [] : other.errors.map((e) => e.path), ['planId']);
    const expired = price([{ id: 'storage', quantity: 5 }], '2027-01-15');
    assert.deepEqual(expired.ok ? [] : expired.errors.map((e) => e.code), [
      'selection.subscription.expired',
    ]);
  });
});
