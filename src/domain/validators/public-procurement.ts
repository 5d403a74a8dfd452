// CIG and CUP: the public-procurement references a public administration's invoice must carry
// when the purchase has them (law 136/2010 on traceable payments; DL 66/2014 art. 25).
import type { Check } from '../types.ts';

/** Codice Identificativo Gara (ANAC): 10 letters and digits. */
const CIG = /^[A-Z0-9]{10}$/;
/** Codice Unico di Progetto (DIPE): 15 letters and digits. */
const CUP = /^[A-Z0-9]{15}$/;

/** Without spaces and upper-cased, as they are written on invoices; apply it to typed input. */
export function normalizeProcurementCode(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** `cig.format` unless 10 letters and digits (after normalising). */
export function checkCig(value: string): Check {
  return CIG.test(normalizeProcurementCode(value))
    ? { ok: true }
    : { ok: false, code: 'cig.format' };
}

/** `cup.format` unless 15 letters and digits (after normalising). */
export function checkCup(value: string): Check {
  return CUP.test(normalizeProcurementCode(value))
    ? { ok: true }
    : { ok: false, code: 'cup.format' };
}
