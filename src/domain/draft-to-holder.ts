// A holder draft as the Holder it stands for, with the Italian codes normalised: the holder
// step's (and the registration's) submit. Apart from holder-draft.ts so that the checkout, which
// only prefills drafts, does not load the Italian checks before the holder step.
import { isPublicAdministrationCode } from './validators/codice-destinatario.ts';
import { normalizeHolder } from './validators/holder.ts';
import type { Holder } from './types.ts';
import type { HolderDraft } from './holder-draft.ts';

/**
 * The Holder a draft stands for, normalised as the server stores it (`normalizeHolder`: trimmed,
 * codes without spaces and upper-cased, as they are often pasted: ` KRRH6B9`,
 * `IT 012 345 678 97`), with only the chosen e-invoice field, and CIG and CUP only for a public
 * administration's office code.
 */
export function draftToHolder(draft: HolderDraft): Holder {
  const holder = normalizeHolder({
    type: draft.type,
    name: draft.name,
    vatNumber: draft.vatNumber,
    taxCode: draft.taxCode,
    address: {
      street: draft.street,
      postalCode: draft.postalCode,
      city: draft.city,
      province: draft.province,
      country: draft.country,
    },
    email: draft.email,
    eInvoice: draft.eInvoiceKind === 'pec' ? { pec: draft.pec } : { sdiCode: draft.sdiCode },
    cig: draft.cig,
    cup: draft.cup,
  });
  if ('sdiCode' in holder.eInvoice && isPublicAdministrationCode(holder.eInvoice.sdiCode)) {
    return holder;
  }
  const { cig: _cig, cup: _cup, ...rest } = holder;
  return rest;
}
