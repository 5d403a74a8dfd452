// What the holder form edits: every field as typed, convertible to and from the contract's Holder.
import type { Holder } from '../../domain/types.ts';
import { normalizeCap } from '../../domain/validators/address.ts';
import { normalizeCodiceDestinatario } from '../../domain/validators/codice-destinatario.ts';
import { normalizeCodiceFiscale } from '../../domain/validators/codice-fiscale.ts';
import { normalizePartitaIva } from '../../domain/validators/partita-iva.ts';

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
  };
}

/**
 * The Holder a draft stands for: trimmed, codes without spaces and upper-cased (as they are often
 * pasted: ` KRRH6B9`, `IT 012 345 678 97`), only the chosen e-invoice field.
 */
export function draftToHolder(draft: HolderDraft): Holder {
  const vatNumber = normalizePartitaIva(draft.vatNumber);
  return {
    type: draft.type,
    name: draft.name.trim(),
    ...(vatNumber ? { vatNumber } : {}),
    taxCode: normalizeCodiceFiscale(draft.taxCode),
    address: {
      street: draft.street.trim(),
      postalCode: normalizeCap(draft.postalCode),
      city: draft.city.trim(),
      province: draft.province.trim().toUpperCase(),
      country: draft.country.trim().toUpperCase(),
    },
    email: draft.email.trim(),
    eInvoice:
      draft.eInvoiceKind === 'pec'
        ? { pec: draft.pec.trim() }
        : { sdiCode: normalizeCodiceDestinatario(draft.sdiCode) },
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
  };
}
