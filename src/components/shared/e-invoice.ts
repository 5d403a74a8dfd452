// Where the electronic invoice goes, in one sentence (the summary and the result screen).
import type { EInvoice } from '../../domain/types.ts';
import { msg, type Locale } from '../../i18n/index.ts';

/** "La fattura elettronica sarà inviata al Codice Destinatario M5UXCR1." (or to the PEC). */
export function eInvoiceSentence(eInvoice: EInvoice, locale: Locale): string {
  return 'sdiCode' in eInvoice
    ? msg(locale, 'invoice.sdi', { code: eInvoice.sdiCode })
    : msg(locale, 'invoice.pec', { pec: eInvoice.pec });
}
