// Italian postal address parts: CAP (postal code) and province code.
import type { Check } from '../types.ts';

const CAP = /^\d{5}$/;

/**
 * Current two-letter codes (sigle) of the Italian provinces, metropolitan cities, free
 * consortia of Sicily, regional decentralisation bodies of Friuli-Venezia Giulia and the
 * Aosta Valley, as used in postal addresses.
 */
// prettier-ignore
export const PROVINCE_CODES = [
  'AG', 'AL', 'AN', 'AO', 'AP', 'AQ', 'AR', 'AT', 'AV', 'BA', 'BG', 'BI', 'BL', 'BN', 'BO',
  'BR', 'BS', 'BT', 'BZ', 'CA', 'CB', 'CE', 'CH', 'CL', 'CN', 'CO', 'CR', 'CS', 'CT', 'CZ',
  'EN', 'FC', 'FE', 'FG', 'FI', 'FM', 'FR', 'GE', 'GO', 'GR', 'IM', 'IS', 'KR', 'LC', 'LE',
  'LI', 'LO', 'LT', 'LU', 'MB', 'MC', 'ME', 'MI', 'MN', 'MO', 'MS', 'MT', 'NA', 'NO', 'NU',
  'OR', 'PA', 'PC', 'PD', 'PE', 'PG', 'PI', 'PN', 'PO', 'PR', 'PT', 'PU', 'PV', 'PZ', 'RA',
  'RC', 'RE', 'RG', 'RI', 'RM', 'RN', 'RO', 'SA', 'SI', 'SO', 'SP', 'SR', 'SS', 'SU', 'SV',
  'TA', 'TE', 'TN', 'TO', 'TP', 'TR', 'TS', 'TV', 'UD', 'VA', 'VB', 'VC', 'VE', 'VI', 'VR',
  'VT', 'VV',
] as const;
export type ProvinceCode = (typeof PROVINCE_CODES)[number];

/**
 * Sardinian provinces merged into Sud Sardegna (SU) and Sassari in 2016 (Carbonia-Iglesias,
 * Medio Campidano, Ogliastra, Olbia-Tempio). Residents still write them, and the 2023
 * regional reform brings most of them back, so an address using one is not rejected.
 */
export const HISTORIC_PROVINCE_CODES = ['CI', 'VS', 'OG', 'OT'] as const;

const KNOWN_PROVINCES: ReadonlySet<string> = new Set<string>([
  ...PROVINCE_CODES,
  ...HISTORIC_PROVINCE_CODES,
]);

/** Without spaces (`10 121` → `10121`); apply it to typed input. */
export function normalizeCap(value: string): string {
  return value.replace(/\s+/g, '');
}

/** `required` or `cap.format` (CAP: 5 digits). */
export function checkCap(value: string): Check {
  const cap = value.trim();
  if (cap === '') return { ok: false, code: 'required' };
  if (!CAP.test(cap)) return { ok: false, code: 'cap.format' };
  return { ok: true };
}

/** `required` or `province.unknown`. Case-insensitive; historic Sardinian codes are accepted. */
export function checkProvince(value: string): Check {
  const province = value.trim().toUpperCase();
  if (province === '') return { ok: false, code: 'required' };
  if (!KNOWN_PROVINCES.has(province)) return { ok: false, code: 'province.unknown' };
  return { ok: true };
}
