// A holder draft as the Holder it stands for, with the Italian codes normalised: the holder
// step's (and the registration's) submit. Apart from holder-draft.ts so that the checkout, which
// only prefills drafts, does not load the Italian checks before the holder step.
import type { Holder } from './types.ts';
import { normalizeCap } from './validators/address.ts';
import { normalizeCodiceDestinatario } from './validators/codice-destinatario.ts';
import { normalizeCodiceFiscale } from './validators/codice-fiscale.ts';
import { normalizePartitaIva } from './validators/partita-iva.ts';
import type { HolderDraft } from './holder-draft.ts';

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
