import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addDays,
  addMonths,
  daysInMonth,
  isIsoDate,
  monthsLeft,
  todayInRome,
} from '../../src/domain/dates.ts';

describe('dates: addMonths', () => {
  const cases: [string, number, string][] = [
    ['2026-11-23', 1, '2026-12-23'],
    ['2026-11-23', 2, '2027-01-23'],
    ['2026-12-31', 1, '2027-01-31'],
    ['2027-01-31', 1, '2027-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2027-01-31', 3, '2027-04-30'],
    ['2027-03-31', -1, '2027-02-28'],
    ['2027-01-15', -1, '2026-12-15'],
    ['2027-01-15', -13, '2025-12-15'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2028-02-29', 48, '2032-02-29'],
    ['2026-11-23', 24, '2028-11-23'],
    ['2026-11-23', 0, '2026-11-23'],
  ];
  for (const [date, months, expected] of cases) {
    it(`${date} ${months >= 0 ? '+' : '−'} ${Math.abs(months)} months = ${expected}`, () => {
      assert.equal(addMonths(date, months), expected);
    });
  }

  it('refuses a string that is not a date', () => {
    assert.throws(() => addMonths('23/11/2026', 1), RangeError);
  });
});

describe('dates: addDays', () => {
  const cases: [string, number, string][] = [
    ['2026-11-23', 7, '2026-11-30'],
    ['2026-11-30', 1, '2026-12-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-03', -7, '2026-12-27'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2027-03-01', -1, '2027-02-28'],
    ['2026-11-23', 365, '2027-11-23'],
    ['2027-11-23', 366, '2028-11-23'],
  ];
  for (const [date, days, expected] of cases) {
    it(`${date} ${days >= 0 ? '+' : '−'} ${Math.abs(days)} days = ${expected}`, () => {
      assert.equal(addDays(date, days), expected);
    });
  }
});

describe('dates: monthsLeft (the smallest n with addMonths(today, n) >= expiry)', () => {
  const cases: [string, string, number][] = [
    ['2026-11-23', '2027-07-23', 8],
    ['2026-11-23', '2027-07-24', 9],
    ['2026-11-23', '2027-07-22', 8],
    ['2026-11-23', '2026-11-24', 1],
    ['2026-11-23', '2027-11-23', 12],
    ['2027-01-31', '2027-02-28', 1],
    ['2027-01-31', '2027-03-01', 2],
    ['2027-01-31', '2027-04-30', 3],
    ['2027-01-31', '2027-09-30', 8],
    ['2027-01-31', '2027-10-01', 9],
    ['2026-11-23', '2026-11-23', 0],
    ['2026-11-23', '2026-10-01', 0],
  ];
  for (const [today, expiry, expected] of cases) {
    it(`${today} → ${expiry}: ${expected}`, () => {
      assert.equal(monthsLeft(today, expiry), expected);
    });
  }
});

describe('dates: isIsoDate', () => {
  for (const valid of ['2026-11-23', '2028-02-29', '2026-12-31', '2026-01-01']) {
    it(`accepts ${valid}`, () => assert.equal(isIsoDate(valid), true));
  }
  for (const invalid of [
    '2027-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-11-00',
    '2026-1-5',
    '23/11/2026',
    '2026-11-23T00:00:00Z',
    '',
  ]) {
    it(`refuses ${JSON.stringify(invalid)}`, () => assert.equal(isIsoDate(invalid), false));
  }

  it('knows the length of February', () => {
    assert.deepEqual(
      [daysInMonth(2027, 2), daysInMonth(2028, 2), daysInMonth(2100, 2), daysInMonth(2000, 2)],
      [28, 29, 28, 29],
    );
  });
});

describe('dates: todayInRome', () => {
  const cases: [string, string][] = [
    // Summer time (UTC+2): 22:30 UTC is already the next day in Rome.
    ['2026-06-30T22:30:00Z', '2026-07-01'],
    ['2026-06-30T21:59:59Z', '2026-06-30'],
    ['2026-06-30T22:00:00Z', '2026-07-01'],
    // Winter time (UTC+1).
    ['2026-12-31T23:00:00Z', '2027-01-01'],
    ['2026-12-31T22:59:59Z', '2026-12-31'],
    ['2026-11-23T00:30:00Z', '2026-11-23'],
  ];
  for (const [instant, expected] of cases) {
    it(`${instant} is ${expected} in Rome`, () => {
      assert.equal(todayInRome(new Date(instant)), expected);
    });
  }

  it('gives a valid calendar date for now', () => {
    assert.equal(isIsoDate(todayInRome()), true);
  });
});
