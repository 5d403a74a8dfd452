// Codice fiscale: 16 characters for persons (with omocodia), 11 digits for legal persons.
import type { Check } from '../types.ts';
import { checkPartitaIva } from './partita-iva.ts';

/**
 * Letters that replace the digits 0–9 in an omocodic code (one person per code: when two
 * people would get the same code, the Agenzia delle Entrate swaps digits for these letters).
 */
const OMOCODIA_LETTERS = 'LMNPQRSTUV';
const DIGIT = `[0-9${OMOCODIA_LETTERS}]`;
const MONTH_LETTERS = 'ABCDEHLMPRST';

/** Surname, name, year, month, day (+40 for women), birthplace, check character. */
const PERSON_CODE = new RegExp(
  `^[A-Z]{6}${DIGIT}{2}[${MONTH_LETTERS}]${DIGIT}{2}[A-Z]${DIGIT}{3}[A-Z]$`,
);
const LEGAL_PERSON_CODE = /^\d{11}$/;

/** Values of the characters in odd positions (1st, 3rd, … 15th), for 0–9 and A–Z alike. */
const ODD_VALUES = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/** Position (0-based) of every character that omocodia may turn into a letter. */
export const OMOCODIA_POSITIONS = [6, 7, 9, 10, 12, 13, 14] as const;

/** Without spaces and upper-cased: the form in which a codice fiscale is stored and compared. */
export function normalizeCodiceFiscale(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** 0–9 for a digit, 0–25 for a letter A–Z (the "even" table, and the index into ODD_VALUES). */
function ordinal(character: string): number {
  const code = character.charCodeAt(0);
  return code <= 57 ? code - 48 : code - 65;
}

/** Check character for the first 15 characters (upper case) of a person's codice fiscale. */
export function codiceFiscaleCheckChar(firstFifteen: string): string {
  let sum = 0;
  for (let index = 0; index < 15; index++) {
    const value = ordinal(firstFifteen.charAt(index));
    // Index 0 is the 1st character, an "odd" position in the official tables.
    sum += index % 2 === 0 ? (ODD_VALUES[value] ?? 0) : value;
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** Day of birth (women have 40 added), with omocodic letters read back as digits. */
function birthDay(code: string): number {
  const digits = code
    .slice(9, 11)
    .replace(/[A-Z]/g, (letter) => String(OMOCODIA_LETTERS.indexOf(letter)));
  return Number(digits);
}

/** `required`, `cf.format` (not 16 or 11 characters), `cf.invalid` or `cf.checksum`. Case-insensitive. */
export function checkCodiceFiscale(value: string): Check {
  // Trimmed and upper-cased only: spaces inside are the input's to remove (normalizeCodiceFiscale).
  const code = value.trim().toUpperCase();
  if (code === '') return { ok: false, code: 'required' };
  if (LEGAL_PERSON_CODE.test(code)) {
    const check = checkPartitaIva(code);
    if (check.ok) return check;
    return { ok: false, code: check.code === 'piva.checksum' ? 'cf.checksum' : 'cf.format' };
  }
  // 16 characters that are not a person's code (a month letter or a day that cannot be):
  // `cf.invalid`, not "has 16 characters", which it has.
  if (!PERSON_CODE.test(code))
    return { ok: false, code: code.length === 16 ? 'cf.invalid' : 'cf.format' };
  const day = birthDay(code);
  if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71))) {
    return { ok: false, code: 'cf.invalid' };
  }
  if (codiceFiscaleCheckChar(code) !== code.charAt(15)) return { ok: false, code: 'cf.checksum' };
  return { ok: true };
}
