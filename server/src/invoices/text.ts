// What FatturaPA text fields accept: Latin-1 characters only (String…LatinType), at most N of
// them, and amounts as plain decimals with a point. Everything here is pure and total.

/** Punctuation that buyers paste from word processors, in the nearest Latin-1 form. */
const TYPOGRAPHIC: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u20ac': 'EUR',
  '\u0152': 'OE',
  '\u0153': 'oe',
  // Letters NFKD does not split (their stroke is not a combining mark).
  '\u0141': 'L',
  '\u0142': 'l',
  '\u0110': 'D',
  '\u0111': 'd',
  '\u0131': 'i',
};

function latinChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  // Control characters: XML 1.0 cannot carry most of them, SDI wants none.
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return ' ';
  if (code <= 0xff) return ch;
  const typographic = TYPOGRAPHIC[ch];
  if (typographic) return typographic;
  // Ł, ő, ș…: the letter without its mark when that is Latin-1 (NFKD splits the mark off).
  const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
  if (
    base &&
    [...base].every((c) => (c.codePointAt(0) ?? 0) >= 0x20 && (c.codePointAt(0) ?? 0) <= 0xff)
  )
    return base;
  return '?';
}

/**
 * `value` as a FatturaPA Latin text of at most `max` characters: NFC, other scripts replaced,
 * spaces collapsed and trimmed, cut at `max`. Never empty (`-` for a blank value).
 */
export function latinText(value: string, max: number): string {
  const mapped = [...value.normalize('NFC')].map(latinChar).join('').replace(/\s+/g, ' ').trim();
  const cut = mapped.slice(0, max).trimEnd();
  return cut === '' ? '-' : cut;
}

/** Integer cents as `12.34` (Amount2DecimalType). */
export function amount2(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError('cents must be an integer');
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** `cents / divisor` euros with 8 decimals, half-up (Amount8DecimalType): a unit price. */
export function amount8(cents: number, divisor: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0 || !Number.isSafeInteger(divisor) || divisor < 1)
    throw new RangeError('non-negative integer cents and a positive integer divisor');
  // In units of 1e-8 euro: cents × 10^6 / divisor, rounded half-up.
  const scaled = (BigInt(cents) * 2_000_000n + BigInt(divisor)) / (2n * BigInt(divisor));
  const text = scaled.toString().padStart(9, '0');
  return `${text.slice(0, -8)}.${text.slice(-8)}`;
}

/** A quantity as `3.00` (QuantitaType). */
export function quantity(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError('a non-negative integer');
  return `${value}.00`;
}

/** Basis points as a percentage `22.00` (RateType). */
export function rate(basisPoints: number): string {
  return amount2(basisPoints);
}
