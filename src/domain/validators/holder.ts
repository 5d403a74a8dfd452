// The holder (buyer) record: every field rule in one pass, addressed by paths relative to it.
import type { CustomerType } from '../catalog.ts';
import type { FieldErrorCode, FieldWarningCode } from '../errors.ts';
import type { Check, FieldError } from '../types.ts';
import { checkCap, checkProvince } from './address.ts';
import { checkCodiceDestinatario, NO_SDI_CODE } from './codice-destinatario.ts';
import { checkCodiceFiscale } from './codice-fiscale.ts';
import { checkEmail, looksLikePec } from './email.ts';
import { checkPartitaIva } from './partita-iva.ts';

/** Longest company name, street or city accepted (characters, after trimming). */
export const MAX_HOLDER_TEXT_LENGTH = 200;

/** The longest text each free-text field takes (the contract's schema: a city has 100). */
export const HOLDER_TEXT_LIMITS = {
  name: MAX_HOLDER_TEXT_LENGTH,
  'address.street': MAX_HOLDER_TEXT_LENGTH,
  'address.city': 100,
} as const;

/**
 * Control characters (a NUL, a bell, DEL, C1) and unpaired surrogates: nothing a buyer means to
 * type in a name or an address, and a NUL or a lone surrogate cannot even be stored. Tabs and line
 * breaks (pasted text) are kept as typed, as the server stores them.
 */
const CONTROL =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The limit behind a `too_long` error at `path` (holder-relative or `holder.…`), if any. */
export function holderTextLimit(path: string): number | undefined {
  const key = path.replace(/^holder\./, '');
  return (HOLDER_TEXT_LIMITS as Record<string, number>)[key];
}

/** Advice that does not block submission, e.g. `{ path: 'email', code: 'email.looks_pec' }`. */
export interface FieldWarning {
  path: string;
  code: FieldWarningCode;
}

export interface HolderValidation {
  errors: FieldError[];
  warnings: FieldWarning[];
}

export interface HolderValidationOptions {
  /**
   * Whether a company or a professional must give a Partita IVA (default `true`). When
   * `false`, one that is given is still checked. A `private` holder never needs one.
   */
  requireVat?: boolean;
}

const CUSTOMER_TYPES: readonly CustomerType[] = ['company', 'professional', 'private'];
const LEGAL_PERSON_TAX_CODE = /^\d{11}$/;
const ITALY = 'IT';

type UntrustedRecord = Readonly<Record<string, unknown>>;

/** A field as read from untrusted input: trimmed text, or why there is none. */
type Text = { kind: 'absent' } | { kind: 'not_text' } | { kind: 'text'; value: string };

function asRecord(value: unknown): UntrustedRecord | undefined {
  return typeof value === 'object' && value !== null ? (value as UntrustedRecord) : undefined;
}

function textAt(record: UntrustedRecord | undefined, key: string): Text {
  const value = record?.[key];
  if (value === undefined || value === null) return { kind: 'absent' };
  if (typeof value !== 'string') return { kind: 'not_text' };
  const trimmed = value.trim();
  return trimmed === '' ? { kind: 'absent' } : { kind: 'text', value: trimmed };
}

function isCustomerType(value: string): value is CustomerType {
  return (CUSTOMER_TYPES as readonly string[]).includes(value);
}

/** Rule for free text: present (which `check` already verifies), without control characters. */
function anyText(value: string): Check {
  return CONTROL.test(value) ? { ok: false, code: 'text.control' } : { ok: true };
}

/**
 * Checks a holder record from any source (form, request body) without ever throwing: missing
 * objects and fields give `required`, values of the wrong type give `invalid`.
 */
export function validateHolder(
  holder: unknown,
  options: HolderValidationOptions = {},
): HolderValidation {
  const requireVat = options.requireVat ?? true;
  const errors: FieldError[] = [];
  const warnings: FieldWarning[] = [];
  const record = asRecord(holder);

  /** Reports the first rule `text` breaks, if any; `absent` means required unless optional. */
  const check = (
    path: string,
    text: Text,
    rule: (value: string) => Check,
    { optional = false, maxLength }: { optional?: boolean; maxLength?: number } = {},
  ): boolean => {
    let code: FieldErrorCode | undefined;
    if (text.kind === 'absent') {
      code = optional ? undefined : 'required';
    } else if (text.kind === 'not_text') {
      code = 'invalid';
    } else if (maxLength !== undefined && [...text.value].length > maxLength) {
      code = 'too_long';
    } else {
      const result = rule(text.value);
      if (!result.ok) code = result.code;
    }
    if (code !== undefined) errors.push({ path, code });
    return code === undefined;
  };

  const typeText = textAt(record, 'type');
  const type =
    typeText.kind === 'text' && isCustomerType(typeText.value) ? typeText.value : undefined;
  if (typeText.kind === 'absent') errors.push({ path: 'type', code: 'required' });
  else if (type === undefined) errors.push({ path: 'type', code: 'holder.type' });

  check('name', textAt(record, 'name'), anyText, { maxLength: HOLDER_TEXT_LIMITS.name });

  const needsVat = requireVat && (type === 'company' || type === 'professional');
  check('vatNumber', textAt(record, 'vatNumber'), checkPartitaIva, { optional: !needsVat });

  // A company may use its 11-digit number; a person's codice fiscale is always 16 characters.
  const personOnly = type === 'professional' || type === 'private';
  check('taxCode', textAt(record, 'taxCode'), (taxCode) =>
    personOnly && LEGAL_PERSON_TAX_CODE.test(taxCode)
      ? { ok: false, code: 'cf.format' }
      : checkCodiceFiscale(taxCode),
  );

  const address = asRecord(record?.address);
  check('address.street', textAt(address, 'street'), anyText, {
    maxLength: HOLDER_TEXT_LIMITS['address.street'],
  });
  check('address.postalCode', textAt(address, 'postalCode'), checkCap);
  check('address.city', textAt(address, 'city'), anyText, {
    maxLength: HOLDER_TEXT_LIMITS['address.city'],
  });
  check('address.province', textAt(address, 'province'), checkProvince);
  check('address.country', textAt(address, 'country'), (country) =>
    country.toUpperCase() === ITALY ? { ok: true } : { ok: false, code: 'invalid' },
  );

  const email = textAt(record, 'email');
  if (check('email', email, checkEmail) && email.kind === 'text' && looksLikePec(email.value)) {
    warnings.push({ path: 'email', code: 'email.looks_pec' });
  }

  const eInvoice = asRecord(record?.eInvoice);
  const sdiCode = textAt(eInvoice, 'sdiCode');
  const pec = textAt(eInvoice, 'pec');
  if (sdiCode.kind === 'absent' && pec.kind === 'absent') {
    // Neither given: point at the field the holder chose, or at the SDI code by default.
    const chosePec = eInvoice !== undefined && 'pec' in eInvoice && !('sdiCode' in eInvoice);
    errors.push({ path: chosePec ? 'eInvoice.pec' : 'eInvoice.sdiCode', code: 'required' });
  } else {
    // 0000000 is "no code" (DESIGN 1.5): a business then gets its invoice at a PEC address.
    const business = type === 'company' || type === 'professional';
    check(
      'eInvoice.sdiCode',
      sdiCode,
      (code) =>
        business && code === NO_SDI_CODE
          ? { ok: false, code: 'sdi.none' }
          : checkCodiceDestinatario(code),
      { optional: true },
    );
    check(
      'eInvoice.pec',
      pec,
      (address) => (checkEmail(address).ok ? { ok: true } : { ok: false, code: 'pec.format' }),
      { optional: true },
    );
  }

  return { errors, warnings };
}
