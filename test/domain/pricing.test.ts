import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Product } from '../../src/domain/catalog.ts';
import { addMonths } from '../../src/domain/dates.ts';
import { priceSelection, type PriceResult } from '../../src/domain/pricing.ts';
import type { AddonQuantity, Quote } from '../../src/domain/types.ts';
import { certifiedPlatform, pecAddons } from './demo-catalog.ts';

function quoteOf(result: PriceResult): Quote {
  if (!result.ok) assert.fail(`expected a quote, got ${JSON.stringify(result.errors)}`);
  return result.quote;
}

/** Amounts charged now, line by line. */
const amounts = (quote: Quote) => quote.lines.map((l) => [l.id, l.amountCents]);

function priceCertified(
  planId: string,
  years: number,
  addons: AddonQuantity[],
  today = '2026-11-23',
  product: Product = certifiedPlatform,
  locale?: 'it' | 'en',
): PriceResult {
  return priceSelection(
    product,
    { productId: product.id, planId, years, addons },
    { today, locale },
  );
}

function pricePec(
  addons: AddonQuantity[],
  today: string,
  expiresOn: string,
  creditCents = 0,
): PriceResult {
  return priceSelection(
    pecAddons,
    { productId: 'pec-addons', planId: 'member', years: 1, addons, subscriptionId: 'sub_1' },
    { today, subscription: { expiresOn, creditCents } },
  );
}

/** The worked example of DESIGN.md 1.2: 3 GB extra space + conservation. */
const SPACE_AND_CONSERVATION: AddonQuantity[] = [
  { id: 'extra-space', quantity: 3 },
  { id: 'conservation', quantity: 1 },
];

describe('pricing: PEC add-ons, the worked example of DESIGN.md 1.2', () => {
  const today = '2026-11-23';

  it('costs €9.00 + €4.00 = €13.00 + €2.86 VAT = €15.86 for one year', () => {
    const quote = quoteOf(pricePec(SPACE_AND_CONSERVATION, today, '2027-11-23'));
    assert.deepEqual(amounts(quote), [
      ['extra-space', 900],
      ['conservation', 400],
    ]);
    assert.equal(quote.taxableCents, 1300);
    assert.equal(quote.vatCents, 286);
    assert.equal(quote.totalCents, 1586);
    assert.equal(quote.vatRateBasisPoints, 2200);
    assert.equal(quote.freeUntil, null);
  });

  it('charges €6.00 + €2.67 = €8.67 + €1.91 VAT = €10.58 with 8 months left', () => {
    const expiry = '2027-07-23';
    const quote = quoteOf(pricePec(SPACE_AND_CONSERVATION, today, expiry));
    assert.deepEqual(amounts(quote), [
      ['extra-space', 600],
      ['conservation', 267],
    ]);
    assert.equal(quote.taxableCents, 867);
    assert.equal(quote.vatCents, 191);
    assert.equal(quote.totalCents, 1058);
    assert.equal(quote.freeUntil, null);
    assert.deepEqual(quote.renewal, { date: expiry, chargeDate: expiry, totalCents: 1586 });
  });

  it('counts a part of a month as a whole month (7 months and 27 days = 8 months)', () => {
    const quote = quoteOf(pricePec(SPACE_AND_CONSERVATION, today, '2027-07-20'));
    assert.equal(quote.totalCents, 1058);
  });

  it('charges nothing now with 2 months left, free until expiry, then €15.86 at expiry', () => {
    const expiry = '2027-01-23';
    const quote = quoteOf(pricePec(SPACE_AND_CONSERVATION, today, expiry));
    assert.equal(quote.totalCents, 0);
    assert.equal(quote.taxableCents, 0);
    assert.equal(quote.vatCents, 0);
    assert.ok(quote.lines.every((l) => l.amountCents === 0));
    assert.equal(quote.freeUntil, expiry);
    assert.deepEqual(quote.renewal, { date: expiry, chargeDate: expiry, totalCents: 1586 });
  });

  it('asks a minimum top-up of one year with VAT minus the credit, never below 0', () => {
    const expiry = '2027-07-23';
    assert.equal(
      quoteOf(pricePec(SPACE_AND_CONSERVATION, today, expiry, 0)).minimumTopUpCents,
      1586,
    );
    assert.equal(
      quoteOf(pricePec(SPACE_AND_CONSERVATION, today, expiry, 1000)).minimumTopUpCents,
      586,
    );
    assert.equal(
      quoteOf(pricePec(SPACE_AND_CONSERVATION, today, expiry, 2000)).minimumTopUpCents,
      0,
    );
  });

  it('asks the same minimum top-up when the add-on is free until expiry', () => {
    const quote = quoteOf(pricePec(SPACE_AND_CONSERVATION, today, '2027-01-23', 1000));
    assert.equal(quote.minimumTopUpCents, 586);
  });
});

describe('pricing: PEC extra space', () => {
  it('charges €3 per GB per year, linearly', () => {
    for (const gb of [1, 2, 3, 10]) {
      const quote = quoteOf(
        pricePec([{ id: 'extra-space', quantity: gb }], '2026-11-23', '2027-11-23'),
      );
      assert.deepEqual(quote.lines, [
        {
          id: 'extra-space',
          label: 'Spazio extra archivio e inbox',
          quantity: gb,
          unitCents: 300,
          amountCents: 300 * gb,
        },
      ]);
    }
  });

  it('leaves out add-ons with quantity 0 and has no plan line (the Ordine pays the mailbox)', () => {
    const quote = quoteOf(
      pricePec(
        [
          { id: 'extra-space', quantity: 0 },
          { id: 'conservation', quantity: 1 },
        ],
        '2026-11-23',
        '2027-11-23',
      ),
    );
    assert.deepEqual(amounts(quote), [['conservation', 400]]);
    assert.equal(quote.totalCents, 488);
  });
});

describe('pricing: co-terming at month ends', () => {
  const today = '2027-01-31';

  it('is not free with exactly 3 months left (expiry = addMonths(today, 3))', () => {
    const expiry = addMonths(today, 3);
    assert.equal(expiry, '2027-04-30');
    const quote = quoteOf(pricePec(SPACE_AND_CONSERVATION, today, expiry));
    assert.equal(quote.freeUntil, null);
    // 3 months: €2.25 + €1.00 = €3.25, VAT 71.5 → 72 cents (half-up).
    assert.deepEqual(amounts(quote), [
      ['extra-space', 225],
      ['conservation', 100],
    ]);
    assert.equal(quote.vatCents, 72);
    assert.equal(quote.totalCents, 397);
  });

  it('is free with 3 months minus a day left', () => {
    const quote = quoteOf(pricePec(SPACE_AND_CONSERVATION, today, '2027-04-29'));
    assert.equal(quote.freeUntil, '2027-04-29');
    assert.equal(quote.totalCents, 0);
  });

  it('charges 8 months up to the clamped month end, 9 from the day after', () => {
    const eight = addMonths(today, 8);
    assert.equal(eight, '2027-09-30');
    assert.equal(quoteOf(pricePec(SPACE_AND_CONSERVATION, today, eight)).totalCents, 1058);
    // 9 months: €6.75 + €3.00 = €9.75, VAT 214.5 → 215.
    const nine = quoteOf(pricePec(SPACE_AND_CONSERVATION, today, '2027-10-01'));
    assert.equal(nine.taxableCents, 975);
    assert.equal(nine.vatCents, 215);
    assert.equal(nine.totalCents, 1190);
  });

  it('uses the clamped date from the end of February too', () => {
    assert.equal(
      quoteOf(pricePec(SPACE_AND_CONSERVATION, '2027-02-28', '2027-05-28')).freeUntil,
      null,
    );
    assert.equal(
      quoteOf(pricePec(SPACE_AND_CONSERVATION, '2027-02-28', '2027-05-27')).freeUntil,
      '2027-05-27',
    );
  });

  it('refuses a mailbox that has already expired', () => {
    const result = pricePec(SPACE_AND_CONSERVATION, today, today);
    assert.deepEqual(result, {
      ok: false,
      errors: [{ path: 'subscriptionId', code: 'selection.subscription.expired' }],
    });
  });
});

describe('pricing: Certified Platform', () => {
  it('charges the base plan €120.00 + €26.40 VAT for one year', () => {
    const quote = quoteOf(priceCertified('base', 1, []));
    assert.deepEqual(quote.lines, [
      { id: 'base', label: 'Versione base', quantity: 1, unitCents: 12000, amountCents: 12000 },
    ]);
    assert.equal(quote.taxableCents, 12000);
    assert.equal(quote.vatCents, 2640);
    assert.equal(quote.totalCents, 14640);
    assert.equal(quote.freeUntil, null);
    assert.equal(quote.minimumTopUpCents, null);
  });

  it('multiplies the plan and every add-on by the years', () => {
    const quote = quoteOf(
      priceCertified('base', 2, [
        { id: 'extra-users', quantity: 14 },
        { id: 'external-users', quantity: 100 },
        { id: 'storage', quantity: 10 },
      ]),
    );
    assert.deepEqual(
      quote.lines.map((l) => [l.id, l.quantity, l.unitCents, l.amountCents]),
      [
        ['base', 1, 12000, 24000],
        ['extra-users', 14, 1200, 33600],
        ['external-users', 100, 2000, 8000],
        ['storage', 10, 1000, 4000],
      ],
    );
    assert.equal(quote.taxableCents, 69600);
    assert.equal(quote.vatCents, 15312);
    assert.equal(quote.totalCents, 84912);
    assert.equal(quote.renewal.totalCents, 84912);
  });

  it('renews 12 × years months after today, charged 7 days before', () => {
    assert.deepEqual(
      quoteOf(priceCertified('base', 1, [], '2026-11-23')).renewal.date,
      '2027-11-23',
    );
    assert.deepEqual(quoteOf(priceCertified('base', 2, [], '2026-11-23')).renewal, {
      date: '2028-11-23',
      chargeDate: '2028-11-16',
      totalCents: 29280,
    });
    assert.deepEqual(quoteOf(priceCertified('base', 1, [], '2028-02-29')).renewal, {
      date: '2029-02-28',
      chargeDate: '2029-02-21',
      totalCents: 14640,
    });
    assert.equal(
      quoteOf(priceCertified('base', 1, [], '2027-01-03')).renewal.chargeDate,
      '2027-12-27',
    );
  });

  it('activates the free plan for nothing, with no lines', () => {
    const quote = quoteOf(priceCertified('free', 1, []));
    assert.deepEqual(quote.lines, []);
    assert.equal(quote.taxableCents, 0);
    assert.equal(quote.vatCents, 0);
    assert.equal(quote.totalCents, 0);
    assert.equal(quote.renewal.totalCents, 0);
    assert.equal(quote.renewal.date, '2027-11-23');
  });

  it('labels lines in the requested language', () => {
    const quote = quoteOf(
      priceCertified(
        'base',
        1,
        [{ id: 'storage', quantity: 5 }],
        '2026-11-23',
        certifiedPlatform,
        'en',
      ),
    );
    assert.deepEqual(
      quote.lines.map((l) => l.label),
      ['Base version', 'Additional storage'],
    );
  });

  it('refuses a selection that breaks a rule instead of pricing it', () => {
    const result = priceCertified('base', 1, [{ id: 'extra-users', quantity: 15 }]);
    assert.deepEqual(result, {
      ok: false,
      errors: [{ path: 'addons.0.quantity', code: 'selection.addon.max' }],
    });
  });
});

describe('pricing: VAT at 22%, rounded half-up on the taxable sum', () => {
  /** Certified Platform with prices that do not end in whole euros. */
  const oddPrices = (baseCents: number, userCents = 1200): Product => ({
    ...certifiedPlatform,
    plans: certifiedPlatform.plans.map((p) =>
      p.id === 'base' ? { ...p, yearlyCents: baseCents } : p,
    ),
    addons: certifiedPlatform.addons.map((a) =>
      a.id === 'extra-users' ? { ...a, unitCents: userCents } : a,
    ),
  });
  const vatOfBase = (cents: number, years = 1) =>
    quoteOf(priceCertified('base', years, [], '2026-11-23', oddPrices(cents))).vatCents;

  it('rounds an exact half cent up (€120.25 → €26.455 → €26.46)', () => {
    assert.equal(vatOfBase(12025), 2646);
  });

  it('rounds below a half down and above a half up', () => {
    assert.equal(vatOfBase(12024), 2645); // 2645.28
    assert.equal(vatOfBase(12026), 2646); // 2645.72
    assert.equal(vatOfBase(12023), 2645); // 2645.06
  });

  it('rounds the VAT of all the years, not one year doubled', () => {
    // 2 × €120.25 = €240.50 → VAT €52.91 exactly (one year doubled would be €52.92).
    assert.equal(vatOfBase(12025, 2), 5291);
  });

  it('computes VAT once on the sum of the lines, not line by line', () => {
    // €120.25 + €0.25: per line 26.455 → 26.46 and 0.055 → 0.06 (26.52); on the sum 26.51.
    const quote = quoteOf(
      priceCertified(
        'base',
        1,
        [{ id: 'extra-users', quantity: 1 }],
        '2026-11-23',
        oddPrices(12025, 25),
      ),
    );
    assert.equal(quote.taxableCents, 12050);
    assert.equal(quote.vatCents, 2651);
    assert.equal(quote.totalCents, 14701);
  });

  it('uses the rate the catalog gives', () => {
    const reduced: Product = { ...certifiedPlatform, vatRateBasisPoints: 1000 };
    const quote = quoteOf(priceCertified('base', 1, [], '2026-11-23', reduced));
    assert.equal(quote.vatRateBasisPoints, 1000);
    assert.equal(quote.vatCents, 1200);
  });
});
