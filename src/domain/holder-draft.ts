// What the holder form edits: every field as typed, convertible to and from the contract's Holder.
import type { Holder } from './types.ts';

export interface HolderDraft {
  type: 'company' | 'professional';
  /** Company name, or first and last name. */
  name: string;
  vatNumber: string;
  taxCode: string;
  street: string;
  postalCode: string;
  city: string;
  province: string;
  country: string;
  /** Ordinary mailbox: receives the activation email. */
  email: string;
  /** Where the e-invoice goes: an SDI recipient code or a PEC address. */
  eInvoiceKind: 'sdi' | 'pec';
  sdiCode: string;
  pec: string;
  /** Public administrations only (a 6-character office code): optional CIG and CUP. */
  cig: string;
  cup: string;
}

export function emptyHolderDraft(): HolderDraft {
  return {
    type: 'company',
    name: '',
    vatNumber: '',
    taxCode: '',
    street: '',
    postalCode: '',
    city: '',
    province: '',
    country: 'IT',
    email: '',
    eInvoiceKind: 'sdi',
    sdiCode: '',
    pec: '',
    cig: '',
    cup: '',
  };
}

/**
 * A draft prefilled from registered data. A `private` holder becomes `professional`: the form
 * only offers the types that may buy, and a person then adds a Partita IVA.
 */
export function holderToDraft(holder: Holder): HolderDraft {
  const eInvoice = holder.eInvoice;
  return {
    type: holder.type === 'company' ? 'company' : 'professional',
    name: holder.name,
    vatNumber: holder.vatNumber ?? '',
    taxCode: holder.taxCode,
    ...holder.address,
    email: holder.email,
    eInvoiceKind: 'pec' in eInvoice ? 'pec' : 'sdi',
    sdiCode: 'sdiCode' in eInvoice ? eInvoice.sdiCode : '',
    pec: 'pec' in eInvoice ? eInvoice.pec : '',
    cig: holder.cig ?? '',
    cup: holder.cup ?? '',
  };
}
