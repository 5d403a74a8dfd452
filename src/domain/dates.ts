// Calendar dates as `YYYY-MM-DD` strings in Europe/Rome. No time zones inside the domain:
// the caller turns "now" into a Rome calendar date once, at the edge.
import type { IsoDate } from './types.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: IsoDate): [number, number, number] {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function format(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole months left until `expiry`, rounded up: the smallest n with addMonths(today, n) >= expiry. */
export function monthsLeft(today: IsoDate, expiry: IsoDate): number {
  if (expiry <= today) return 0;
  const [ty, tm] = parts(today);
  const [ey, em] = parts(expiry);
  // Start one below the calendar-month difference, then step up: at most two iterations.
  let n = Math.max(0, (ey - ty) * 12 + (em - tm) - 1);
  while (addMonths(today, n) < expiry) n++;
  return n;
}

// Made once, on first use: building an Intl.DateTimeFormat costs ~100× a format() call, and
// the server asks for today's date on every quote and order (see docs/performance.md).
let romeDateFormat: Intl.DateTimeFormat | undefined;

/** Today's calendar date in Europe/Rome. */
export function todayInRome(now: Date = new Date()): IsoDate {
  // en-CA formats as YYYY-MM-DD.
  romeDateFormat ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Rome',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return romeDateFormat.format(now);
}
