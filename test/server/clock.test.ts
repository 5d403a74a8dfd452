// The process clock (server/src/platform/clock.ts): Rome's date formatted once per UTC hour must be
// exactly todayInRome at every instant — across midnight, both DST switches, and year ends.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { romeToday } from '../../server/src/platform/clock.ts';
import { todayInRome } from '../../src/domain/dates.ts';

const MINUTE = 60_000;

describe('clock: today in Rome', () => {
  it('matches todayInRome minute by minute around midnight, the DST switches and new year', () => {
    let instant = 0;
    const today = romeToday(() => instant);
    const days = [
      '2026-03-28T20:00:00Z', // the night to summer time (29 March, 01:00 UTC)
      '2026-06-30T20:00:00Z', // an ordinary summer midnight (22:00 UTC)
      '2026-10-24T20:00:00Z', // the night back to winter time (25 October, 01:00 UTC)
      '2026-12-31T20:00:00Z', // new year (23:00 UTC)
    ];
    let changes = 0;
    for (const start of days) {
      let previous = '';
      for (let m = 0; m < 8 * 60; m++) {
        instant = Date.parse(start) + m * MINUTE + 59_999;
        const date = today();
        assert.equal(date, todayInRome(new Date(instant)), new Date(instant).toISOString());
        if (previous && date !== previous) changes++;
        previous = date;
      }
    }
    assert.equal(changes, days.length, 'each window crosses one Rome midnight');
  });

  it('matches todayInRome at any instant, in any order', () => {
    let instant = 0;
    const today = romeToday(() => instant);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: Date.parse('2020-01-01'), max: Date.parse('2040-01-01') }), {
          minLength: 1,
          maxLength: 20,
        }),
        (instants) => {
          for (const at of instants) {
            instant = at;
            assert.equal(today(), todayInRome(new Date(at)));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
