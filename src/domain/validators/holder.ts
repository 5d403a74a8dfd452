// The holder (buyer) record: every field rule in one pass, addressed by paths relative to it.
import type { CustomerType } from '../catalog.ts';
import type { FieldErrorCode, FieldWarningCode } from '../errors.ts';
import type { Check, FieldError, Holder } from '../types.ts';
import { checkCap, checkProvince, normalizeCap } from './address.ts';
import {
  checkCodiceDestinatario,
  FOREIGN_SDI_CODE,
  isPublicAdministrationCode,
  NO_SDI_CODE,
  normalizeCodiceDestinatario,
} from './codice-destinatario.ts';
import { checkCodiceFiscale, normalizeCodiceFiscale } from './codice-fiscale.ts';
import { checkEmail, isFatturaPaEmail, looksLikePec } from './email.ts';
import { checkPartitaIva, normalizePartitaIva } from './partita-iva.ts';
import { checkCig, checkCup, normalizeProcurementCode } from './public-procurement.ts';

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
 * The holder as it is stored and invoiced: free text trimmed; Partita IVA, codice fiscale, SDI
 * code, CIG and CUP without spaces and upper-cased; province and country upper-cased; CAP without
 * spaces. The widget's form and the server's boundary apply the same function, so `01234567897 `
 * never reaches an `<IdCodice>`. Empty optional codes are dropped.
 */
export function normalizeHolder(holder: Holder): Holder {
  const vatNumber = holder.vatNumber === undefined ? '' : normalizePartitaIva(holder.vatNumber);
  const cig = normalizeProcurementCode(holder.cig ?? '');
  const cup = normalizeProcurementCode(holder.cup ?? '');
  const { eInvoice } = holder;
  return {
    type: holder.type,
    name: holder.name.trim(),
    ...(vatNumber ? { vatNumber } : {}),
    taxCode: normalizeCodiceFiscale(holder.taxCode),
    address: {
      street: holder.address.street.trim(),
      postalCode: normalizeCap(holder.address.postalCode),
      city: holder.address.city.trim(),
      province: holder.address.province.trim().toUpperCase(),
      country: holder.address.country.trim().toUpperCase(),
    },
    email: holder.email.trim(),
    eInvoice:
      'pec' in eInvoice
        ? { pec: eInvoice.pec.trim() }
        : { sdiCode: normalizeCodiceDestinatario(eInvoice.sdiCode) },
    ...(cig ? { cig } : {}),
    ...(cup ? { cup } : {}),
  };
}

/** Whether the holder is a public administration: its invoices go to a Codice Univoco Ufficio. */
export function isPublicAdministration(holder: Pick<Holder, 'eInvoice'>): boolean {
  return 'sdiCode' in holder.eInvoice && isPublicAdministrationCode(holder.eInvoice.sdiCode);
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

  const eInvoice = asRecord(record?.eInvoice);
  const sdiCode = textAt(eInvoice, 'sdiCode');
  const pec = textAt(eInvoice, 'pec');
  // A public body often has a codice fiscale only (an Ordine professionale, a municipality).
  const publicAdministration = sdiCode.kind === 'text' && isPublicAdministrationCode(sdiCode.value);

  const needsVat =
    requireVat && !publicAdministration && (type === 'company' || type === 'professional');
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
  const fatturaPaEmail =
    (code: FieldErrorCode) =>
    (address: string): Check =>
      isFatturaPaEmail(address) ? { ok: true } : { ok: false, code };
  if (
    check('email', email, (address) => {
      const result = checkEmail(address);
      return result.ok ? fatturaPaEmail('email.fatturapa')(address) : result;
    }) &&
    email.kind === 'text' &&
    looksLikePec(email.value)
  ) {
    warnings.push({ path: 'email', code: 'email.looks_pec' });
  }

  if (sdiCode.kind === 'absent' && pec.kind === 'absent') {
    // Neither given: point at the field the holder chose, or at the SDI code by default.
    const chosePec = eInvoice !== undefined && 'pec' in eInvoice && !('sdiCode' in eInvoice);
    errors.push({ path: chosePec ? 'eInvoice.pec' : 'eInvoice.sdiCode', code: 'required' });
  } else {
    // 0000000 is "no code" (DESIGN 1.5): a business then gets its invoice at a PEC address.
    const business = type === 'company' || type === 'professional';
    const country = textAt(address, 'country');
    const abroad = country.kind === 'text' && country.value.toUpperCase() !== ITALY;
    check(
      'eInvoice.sdiCode',
      sdiCode,
      (code): Check => {
        if (business && code === NO_SDI_CODE) return { ok: false, code: 'sdi.none' };
        // SDI error 00313: "XXXXXXX" is the code of a recipient abroad, never an Italian one.
        if (code.toUpperCase() === FOREIGN_SDI_CODE && !abroad) {
          return { ok: false, code: 'sdi.foreign' };
        }
        const result = checkCodiceDestinatario(code);
        // An office code is a public body's: the holder buys as one (type `company`).
        if (
          result.ok &&
          isPublicAdministrationCode(code) &&
          type !== undefined &&
          type !== 'company'
        ) {
          return { ok: false, code: 'sdi.pa_holder' };
        }
        return result;
      },
      { optional: true },
    );
    check(
      'eInvoice.pec',
      pec,
      (address) =>
        checkEmail(address).ok
          ? fatturaPaEmail('pec.fatturapa')(address)
          : { ok: false, code: 'pec.format' },
      { optional: true },
    );
  }

  // CIG and CUP go on a public administration's invoice only.
  const procurement = (rule: (value: string) => Check) => (value: string) =>
    publicAdministration ? rule(value) : ({ ok: false, code: 'pa.only' } as const);
  check('cig', textAt(record, 'cig'), procurement(checkCig), { optional: true });
  check('cup', textAt(record, 'cup'), procurement(checkCup), { optional: true });

  return { errors, warnings };
}
