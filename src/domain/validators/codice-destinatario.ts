// Codice Destinatario: the SDI recipient code that routes an electronic invoice.
import type { Check } from '../types.ts';

/** "No SDI code": the invoice goes to the PEC address (or the recipient's fiscal drawer). */
export const NO_SDI_CODE = '0000000';

/** 7 characters for businesses and professionals, 6 for a public administration office. */
const SDI_CODE = /^[A-Z0-9]{6,7}$/;

/** Without spaces and upper-cased, the only form SDI accepts; apply it to typed input. */
export function normalizeCodiceDestinatario(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/**
 * `required` or `sdi.format`. Letters must already be upper case, as SDI requires: the form
 * normalises input with `normalizeCodiceDestinatario`, so a lower-case code here is a bug upstream.
 */
export function checkCodiceDestinatario(value: string): Check {
  const code = value.trim();
  if (code === '') return { ok: false, code: 'required' };
  if (!SDI_CODE.test(code)) return { ok: false, code: 'sdi.format' };
  return { ok: true };
}
