// The process's clock: Europe/Rome's calendar date without an Intl call per request.
import { todayInRome } from '../../src/domain/dates.ts';
import type { IsoDate } from '../../src/domain/types.ts';
import type { Clock } from './context.ts';

const HOUR_MS = 60 * 60 * 1000;

/**
 * `todayInRome()`, formatted once per UTC hour. Europe/Rome's offset from UTC is a whole
 * number of hours (+1, or +2 in summer, switching at 01:00 UTC), so its midnight always falls
 * on a UTC hour and the date cannot change within one. Formatting through `Intl` was the
 * costliest step of a quote after JSON; the cached date is exact, not approximately fresh.
 */
export function romeToday(now: () => number = Date.now): () => IsoDate {
  let hour = Number.NaN;
  let today: IsoDate = '';
  return () => {
    const instant = now();
    const current = Math.floor(instant / HOUR_MS);
    if (current !== hour) {
      today = todayInRome(new Date(instant));
      hour = current;
    }
    return today;
  };
}

/** The real clock, or one fixed on `today` (test-only CASSA_TODAY). */
export function systemClock(today?: IsoDate): Clock {
  return { today: today === undefined ? romeToday() : () => today, now: () => new Date() };
}
