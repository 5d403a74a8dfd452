// Money and dates through Intl, for the active locale.
import type { Locale } from './index.ts';

const tags: Record<Locale, string> = { it: 'it-IT', en: 'en-GB' };
const moneyFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

/** `formatMoney(1586, 'EUR', 'it')` → `15,86 €`. */
export function formatMoney(cents: number, currency: string, locale: Locale): string {
  const key = `${locale}:${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(tags[locale], { style: 'currency', currency });
    moneyFormats.set(key, f);
  }
  return f.format(cents / 100);
}

/** `formatDate('2027-01-31', 'it')` → `31 gennaio 2027`. The date is a calendar date, not an instant. */
export function formatDate(isoDate: string, locale: Locale): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  // One formatter per locale: building one costs ~100× a format() call.
  let f = dateFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(tags[locale], { dateStyle: 'long', timeZone: 'UTC' });
    dateFormats.set(locale, f);
  }
  return f.format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)));
}
