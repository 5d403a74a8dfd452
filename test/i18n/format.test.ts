// The hand-written formatters render exactly what Intl renders for it-IT and en-GB.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatDate, formatMoney, formatNumber } from '../../src/i18n/format.ts';
import type { Locale } from '../../src/i18n/index.ts';

const tags: Record<Locale, string> = { it: 'it-IT', en: 'en-GB' };
const intlMoney = (cents: number, locale: Locale) =>
  new Intl.NumberFormat(tags[locale], { style: 'currency', currency: 'EUR' }).format(cents / 100);
const intlDate = (iso: string, locale: Locale) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(tags[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
};
const locale = fc.constantFrom<Locale>('it', 'en');

describe('formatMoney', () => {
  const cases: [number, Locale, string][] = [
    [0, 'it', '0,00\u00a0€'],
    [1586, 'it', '15,86\u00a0€'],
    [158600, 'it', '1586,00\u00a0€'],
    [1586050, 'it', '15.860,50\u00a0€'],
    [123456789, 'it', '1.234.567,89\u00a0€'],
    [-1230, 'it', '-12,30\u00a0€'],
    [5, 'en', '€0.05'],
    [158600, 'en', '€1,586.00'],
    [123456789, 'en', '€1,234,567.89'],
    [-1230, 'en', '-€12.30'],
  ];
  for (const [cents, lang, expected] of cases) {
    it(`${cents} cents in ${lang} is ${JSON.stringify(expected)}`, () => {
      assert.equal(formatMoney(cents, 'EUR', lang), expected);
    });
  }

  it('equals Intl.NumberFormat for any whole number of cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), locale, (cents, lang) => {
        assert.equal(formatMoney(cents, 'EUR', lang), intlMoney(cents, lang));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves other currencies to Intl', () => {
    assert.equal(formatMoney(1000, 'USD', 'en'), 'US$10.00');
  });
});

describe('formatNumber', () => {
  it('formats a VAT rate as Intl does: 22, 22,5, 4', () => {
    assert.equal(formatNumber(22, 'it'), '22');
    assert.equal(formatNumber(22.5, 'it'), '22,5');
    assert.equal(formatNumber(22.5, 'en'), '22.5');
  });

  it('equals Intl.NumberFormat for basis points / 100 and other numbers', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: 10000 }).map((bp) => bp / 100),
          fc.integer({ min: -1e9, max: 1e9 }),
        ),
        locale,
        (value, lang) => {
          assert.equal(formatNumber(value, lang), new Intl.NumberFormat(lang).format(value));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('formatDate', () => {
  it('writes the month out: 1 gennaio 2027, 23 July 2027', () => {
    assert.equal(formatDate('2027-01-01', 'it'), '1 gennaio 2027');
    assert.equal(formatDate('2027-07-23', 'en'), '23 July 2027');
    assert.equal(formatDate('2028-12-31', 'it'), '31 dicembre 2028');
  });

  it('equals Intl.DateTimeFormat (dateStyle long) for every day 2000-2099', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        locale,
        (date, lang) => {
          const iso = date.toISOString().slice(0, 10);
          assert.equal(formatDate(iso, lang), intlDate(iso, lang));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
