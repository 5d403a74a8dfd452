// Property tests: pricing invariants hold for every generated selection, date and expiry,
// not only for the worked examples.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, addMonths, monthsLeft } from '../../src/domain/dates.ts';
import { priceSelection, type PriceOptions } from '../../src/domain/pricing.ts';
import type { Product } from '../../src/domain/catalog.ts';
import type { AddonQuantity, Quote, Selection } from '../../src/domain/types.ts';
import { certifiedPlatform, pecAddons } from './demo-catalog.ts';

interface Case {
  product: Product;
  selection: Selection;
  options: PriceOptions;
}

/** Any calendar day from 2024 to 2034, month ends and leap days included. */
const dateArb = fc.integer({ min: 0, max: 3999 }).map((n) => addDays('2024-01-01', n));

/** Add-ons in any order, with 0 meaning "none". */
const addonsArb = (entries: [string, fc.Arbitrary<number>][]) =>
  fc
    .tuple(
      ...entries.map(([id, quantity]) => quantity.map((q): AddonQuantity => ({ id, quantity: q }))),
    )
    .chain((addons) => fc.shuffledSubarray(addons));

const certifiedArb: fc.Arbitrary<Case> = fc
  .record({
    plan: fc.constantFrom('free', 'base'),
    years: fc.constantFrom(1, 2),
    today: dateArb,
    addons: addonsArb([
      ['extra-users', fc.integer({ min: 0, max: 14 })],
      ['external-users', fc.integer({ min: 0, max: 40 }).map((packs) => packs * 50)],
      ['storage', fc.integer({ min: 0, max: 40 }).map((steps) => steps * 5)],
    ]),
  })
  .map(({ plan, years, today, addons }) => ({
    product: certifiedPlatform,
    selection: {
      productId: 'certified-platform',
      planId: plan,
      years,
      // The free plan takes no add-ons.
      addons: plan === 'free' ? [] : addons,
    },
    options: { today },
  }));

/** A mailbox expiring within the next year (the Ordine renews it yearly). */
const pecArb: fc.Arbitrary<Case> = fc
  .record({
    today: dateArb,
    daysLeft: fc.integer({ min: 1, max: 366 }),
    creditCents: fc.integer({ min: 0, max: 5000 }),
    addons: addonsArb([
      ['extra-space', fc.integer({ min: 0, max: 200 })],
      ['conservation', fc.integer({ min: 0, max: 1 })],
    ]),
  })
  .map(({ today, daysLeft, creditCents, addons }) => ({
    product: pecAddons,
    selection: {
      productId: 'pec-addons',
      planId: 'member',
      years: 1,
      addons,
      subscriptionId: 'sub_1',
    },
    options: {
      today,
      // Never past one year from today (366 days can overshoot 12 months from a 29 Feb).
      subscription: {
        expiresOn: [addDays(today, daysLeft), addMonths(today, 12)].sort()[0]!,
        creditCents,
      },
    },
  }));

const anyCase = fc.oneof(certifiedArb, pecArb);

function quoteOf({ product, selection, options }: Case): Quote {
  const result = priceSelection(product, selection, options);
  if (!result.ok) assert.fail(`valid selection refused: ${JSON.stringify(result.errors)}`);
  return result.quote;
}

/** Independent oracle: 22% of the taxable amount, halves rounded up. */
const vat22 = (taxableCents: number) => Math.round((taxableCents * 22) / 100);

const isCents = (n: number | null) => n === null || (Number.isInteger(n) && n >= 0);

describe('pricing properties', () => {
  it('every amount is a non-negative integer number of cents', () => {
    fc.assert(
      fc.property(anyCase, (c) => {
        const q = quoteOf(c);
        const all = [
          q.taxableCents,
          q.vatCents,
          q.totalCents,
          q.renewal.totalCents,
          q.minimumTopUpCents,
          ...q.lines.flatMap((l) => [l.unitCents, l.amountCents, l.quantity]),
        ];
        assert.ok(all.every(isCents), JSON.stringify(q));
      }),
    );
  });

  it('lines sum to the taxable amount, and total = taxable + VAT', () => {
    fc.assert(
      fc.property(anyCase, (c) => {
        const q = quoteOf(c);
        assert.equal(
          q.lines.reduce((sum, l) => sum + l.amountCents, 0),
          q.taxableCents,
        );
        assert.equal(q.totalCents, q.taxableCents + q.vatCents);
      }),
    );
  });

  it('VAT is 22% of the taxable amount, rounded half-up', () => {
    fc.assert(
      fc.property(anyCase, (c) => {
        const q = quoteOf(c);
        assert.equal(q.vatRateBasisPoints, 2200);
        assert.equal(q.vatCents, vat22(q.taxableCents));
      }),
    );
  });

  it('has one line per add-on with a quantity, plus the plan when it costs something', () => {
    fc.assert(
      fc.property(anyCase, (c) => {
        const q = quoteOf(c);
        const expected = c.selection.addons.filter((a) => a.quantity > 0).map((a) => a.id);
        if (c.selection.planId === 'base') expected.push('base');
        assert.deepEqual(q.lines.map((l) => l.id).sort(), expected.sort());
      }),
    );
  });

  it('never costs less when an add-on quantity grows by one step', () => {
    fc.assert(
      fc.property(
        anyCase.filter((c) => c.selection.addons.length > 0),
        fc.nat(),
        (c, pick) => {
          const index = pick % c.selection.addons.length;
          const chosen = c.selection.addons[index]!;
          const addon = c.product.addons.find((a) => a.id === chosen.id)!;
          const grown = chosen.quantity + addon.step;
          fc.pre(addon.max === undefined || grown <= addon.max);
          const more: Case = {
            ...c,
            selection: {
              ...c.selection,
              addons: c.selection.addons.map((a, i) =>
                i === index ? { ...a, quantity: grown } : a,
              ),
            },
          };
          const before = quoteOf(c);
          const after = quoteOf(more);
          assert.ok(
            after.totalCents >= before.totalCents,
            `${before.totalCents} → ${after.totalCents}`,
          );
          assert.ok(after.renewal.totalCents > before.renewal.totalCents);
        },
      ),
    );
  });

  it('charges a renewal on or before the renewal date', () => {
    fc.assert(
      fc.property(anyCase, (c) => {
        const { date, chargeDate } = quoteOf(c).renewal;
        assert.ok(chargeDate <= date, `${chargeDate} > ${date}`);
      }),
    );
  });

  it('Certified Platform: renews 12 × years months on, charged 7 days before, for the same total', () => {
    fc.assert(
      fc.property(certifiedArb, (c) => {
        const q = quoteOf(c);
        assert.equal(q.renewal.date, addMonths(c.options.today, 12 * c.selection.years));
        assert.equal(addDays(q.renewal.chargeDate, 7), q.renewal.date);
        assert.equal(q.renewal.totalCents, q.totalCents);
        assert.equal(q.freeUntil, null);
        assert.equal(q.minimumTopUpCents, null);
      }),
    );
  });

  it('PEC add-ons: what is due now never exceeds one year, and ends with the mailbox', () => {
    fc.assert(
      fc.property(pecArb, (c) => {
        const q = quoteOf(c);
        const { expiresOn, creditCents } = c.options.subscription!;
        assert.ok(
          q.totalCents <= q.renewal.totalCents,
          `${q.totalCents} > ${q.renewal.totalCents}`,
        );
        assert.deepEqual(q.renewal, {
          date: expiresOn,
          chargeDate: expiresOn,
          totalCents: q.renewal.totalCents,
        });
        assert.equal(q.minimumTopUpCents, Math.max(0, q.renewal.totalCents - creditCents));
      }),
    );
  });

  it('PEC add-ons: free exactly when less than 3 months are left', () => {
    fc.assert(
      fc.property(pecArb, (c) => {
        const q = quoteOf(c);
        const { expiresOn } = c.options.subscription!;
        const free = expiresOn < addMonths(c.options.today, 3);
        assert.equal(q.freeUntil, free ? expiresOn : null);
        if (free) assert.equal(q.totalCents, 0);
        else assert.ok(monthsLeft(c.options.today, expiresOn) >= 3);
      }),
    );
  });
});

describe('date properties', () => {
  it('monthsLeft is the smallest n with addMonths(today, n) >= expiry', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 800 }), (today, days) => {
        const expiry = addDays(today, days);
        const n = monthsLeft(today, expiry);
        assert.ok(addMonths(today, n) >= expiry);
        assert.ok(addMonths(today, n - 1) < expiry);
      }),
    );
  });

  it('addMonths lands in the right month, on the same day or the month end', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -36, max: 36 }), (date, months) => {
        const result = addMonths(date, months);
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        const [ry, rm, rd] = result.split('-').map(Number) as [number, number, number];
        assert.equal(ry * 12 + rm - (y * 12 + m), months);
        const monthEnd = new Date(Date.UTC(ry, rm, 0)).getUTCDate();
        assert.equal(rd, Math.min(d, monthEnd));
      }),
    );
  });

  it('addDays there and back is the identity', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -1000, max: 1000 }), (date, days) => {
        assert.equal(addDays(addDays(date, days), -days), date);
      }),
    );
  });
});
