// Money, numbers and dates for the two locales, written out instead of through Intl: they render
// exactly what Intl gives for it-IT and en-GB (test/i18n/format.test.ts compares them), but the
// first Intl formatter of a page loads ICU data, which cost ~60 ms of the first render at 4× CPU
// throttling (issue 8). Other currencies than EUR (none in the contract) still go through Intl.
import type { Locale } from './locale.ts';

/** Month names, January first. */
const months: Record<Locale, string[]> = {
  it: [
    'gennaio',
    'febbraio',
    'marzo',
    'aprile',
    'maggio',
    'giugno',
    'luglio',
    'agosto',
    'settembre',
    'ottobre',
    'novembre',
    'dicembre',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** Thousands grouped: en always, Italian only from five digits (CLDR: `1586`, `15.860`). */
const group = (units: string, it: boolean) =>
  it && units.length < 5 ? units : units.replace(/\B(?=(\d{3})+$)/g, it ? '.' : ',');

/** `formatNumber(1234.5, 'en')` → `1,234.5`: at most three fraction digits, as Intl's default. */
export function formatNumber(value: number, locale: Locale): string {
  const it = locale === 'it';
  const [units = '0', fraction = ''] = Math.abs(value).toFixed(3).split('.');
  const digits = fraction.replace(/0+$/, '');
  return `${value < 0 ? '-' : ''}${group(units, it)}${digits ? (it ? ',' : '.') + digits : ''}`;
}

/** `formatMoney(1586, 'EUR', 'it')` → `15,86 €` (a no-break space before €); en: `€15.86`. */
export function formatMoney(cents: number, currency: string, locale: Locale): string {
  const it = locale === 'it';
  if (currency !== 'EUR') {
    return new Intl.NumberFormat(it ? 'it-IT' : 'en-GB', { style: 'currency', currency }).format(
      cents / 100,
    );
  }
  const abs = Math.abs(cents);
  const amount = `${group(String(Math.floor(abs / 100)), it)}${it ? ',' : '.'}${String(abs % 100).padStart(2, '0')}`;
  const sign = cents < 0 ? '-' : '';
  return it ? `${sign}${amount}\u00a0€` : `${sign}€${amount}`;
}

/** `formatDate('2027-01-31', 'it')` → `31 gennaio 2027`. The date is a calendar date, not an instant. */
export function formatDate(isoDate: string, locale: Locale): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${d ?? 1} ${months[locale][(m ?? 1) - 1]} ${y}`;
}
