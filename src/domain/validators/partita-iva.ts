// Partita IVA (Italian VAT number): 11 digits, the last one a Luhn check digit (DESIGN.md 1.5).
import type { Check } from '../types.ts';

const PARTITA_IVA = /^\d{11}$/;
const ALL_ZEROS = /^0+$/;

/**
 * Check digit for the first 10 digits of a Partita IVA (or of a legal person's codice fiscale).
 * Digits in odd positions (1st, 3rd, …) count as they are; digits in even positions are doubled
 * and reduced by 9 when the result exceeds 9; the check digit tops the sum up to a multiple of 10.
 */
export function partitaIvaCheckDigit(firstTenDigits: string): number {
  let sum = 0;
  for (let index = 0; index < 10; index++) {
    const digit = Number(firstTenDigits.charAt(index));
    if (index % 2 === 0) {
      sum += digit;
    } else {
      const doubled = digit * 2;
      sum += doubled > 9 ? doubled - 9 : doubled;
    }
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Spaces removed and an `IT` prefix dropped (`IT 012 345 678 97` → `01234567897`): how a
 * Partita IVA is often written or pasted; apply it to typed input.
 */
export function normalizePartitaIva(value: string): string {
  return value.replace(/\s+/g, '').replace(/^IT(?=\d)/i, '');
}

/** `required`, `piva.format` (not 11 digits, or all zeros) or `piva.checksum`. */
export function checkPartitaIva(value: string): Check {
  const vatNumber = value.trim();
  if (vatNumber === '') return { ok: false, code: 'required' };
  // All zeros passes the arithmetic but is never issued.
  if (!PARTITA_IVA.test(vatNumber) || ALL_ZEROS.test(vatNumber)) {
    return { ok: false, code: 'piva.format' };
  }
  if (partitaIvaCheckDigit(vatNumber) !== Number(vatNumber.charAt(10))) {
    return { ok: false, code: 'piva.checksum' };
  }
  return { ok: true };
}
