// English: the holder form; exactly the Italian keys (`satisfies`: a missing or extra key is a compile
// error). Loaded on demand.
import { addMessages } from '../registry.ts';
import type { itHolder } from '../it/holder.ts';

export const enHolder = addMessages('en', 'holder', {
  'warning.email.looks_pec':
    'This looks like a PEC address: it may not receive the activation email.',
  'holder.type': 'Holder',
  'holder.type.company': 'Company or organisation',
  'holder.type.professional': 'Professional or sole trader with a VAT number',
  'holder.name.company': 'Company name',
  'holder.name.person': 'First and last name',
  'holder.vatNumber': 'VAT number (Partita IVA)',
  'holder.taxCode': 'Tax code (Codice Fiscale)',
  'holder.street': 'Address',
  'holder.postalCode': 'Postcode (CAP)',
  'holder.city': 'City',
  'holder.province': 'Province',
  'holder.country': 'Country',
  'holder.country.it': 'Italy',
  'holder.email': 'Email',
  'holder.email.hint': 'An ordinary mailbox: the activation email is sent here.',
  'holder.einvoice': 'Where to receive the e-invoice',
  'holder.eInvoiceKind.sdi': 'Recipient code (Codice Destinatario)',
  'holder.eInvoiceKind.pec': 'PEC',
  'holder.sdiCode': 'Recipient code (Codice Destinatario)',
  'holder.sdiCode.hint':
    'Businesses and professionals: 7 characters, from your invoicing software. Public administrations: the Codice Univoco Ufficio, 6 characters.',
  'holder.pec': 'PEC address for the invoice',
  'holder.password': 'Password',
  'holder.password.hint': 'At least 12 characters, not a common password.',
  'holder.submit': 'Continue',
  'holder.busy': 'Sending…',
  'holder.pa.note': 'Public administration: FPA12 invoice, split payment.',
  'holder.cig': 'CIG (optional)',
  'holder.cig.hint': '10 characters, if required.',
  'holder.cup': 'CUP (optional)',
  'holder.cup.hint': '15 characters, if required.',
  'account.registered':
    'You are registered. Your username is {username}: use it to log in (we have emailed it to you too).',
} satisfies typeof itHolder);
