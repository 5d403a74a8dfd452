// Codice Destinatario: the SDI recipient code that routes an electronic invoice.
import type { Check } from '../types.ts';

/** "No SDI code": the invoice goes to the PEC address (or the recipient's fiscal drawer). */
export const NO_SDI_CODE = '0000000';

/**
 * "Recipient abroad": the code SDI expects for a holder without an Italian tax identity. For an
 * Italian holder SDI refuses it (error 00313), so it is accepted only for holders abroad.
 */
export const FOREIGN_SDI_CODE = 'XXXXXXX';

/** 7 characters for businesses and professionals, 6 for a public administration office. */
const SDI_CODE = /^[A-Z0-9]{6,7}$/;

/** Length of a Codice Univoco Ufficio (IPA): the code of a public administration's office. */
export const PA_OFFICE_CODE_LENGTH = 6;

/**
 * Six characters that cannot be an office code: placeholders typed for "none" or "abroad" in
 * the six-character form (IPA codes are letters and digits, never a run of one filler).
 */
const PA_PLACEHOLDER = /^(?:0{6}|X{6}|9{6})$/;

/**
 * Whether a (normalised) Codice Destinatario is a public administration's Codice Univoco Ufficio:
 * six characters. An invoice to it is an FPA12 (fattura verso la Pubblica Amministrazione).
 */
export function isPublicAdministrationCode(code: string): boolean {
  return code.length === PA_OFFICE_CODE_LENGTH;
}

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
  if (isPublicAdministrationCode(code) && PA_PLACEHOLDER.test(code)) {
    return { ok: false, code: 'sdi.pa_format' };
  }
  return { ok: true };
}
