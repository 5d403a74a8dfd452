// English: field messages, help bubbles and e-invoice wording of the form steps; exactly the Italian keys (`satisfies`: a missing or extra key is a compile
// error). Loaded on demand.
import { addMessages } from '../registry.ts';
import type { itForms } from '../it/forms.ts';

export const enForms = addMessages('en', 'forms', {
  'field.required': 'This field is required.',
  'field.too_long': 'This text is too long: {max} characters at most.',
  'field.text.control': 'The text holds invisible control characters: remove them.',
  'field.piva.format': 'The VAT number (Partita IVA) has 11 digits.',
  'field.piva.checksum': 'This VAT number is not valid: check the digits.',
  'field.cf.format': 'The tax code (Codice Fiscale) has 16 characters (11 digits for companies).',
  'field.cf.checksum': 'This tax code is not valid: check the characters.',
  'field.cf.invalid': 'This tax code is not valid: check its letters, date of birth and town code.',
  'field.sdi.format':
    'The recipient code (Codice Destinatario) has 7 characters (6 for public administrations).',
  'field.sdi.none':
    '0000000 means “no code”: choose PEC and enter the address that should receive the invoice.',
  'field.sdi.foreign': 'XXXXXXX is for recipients abroad only.',
  'field.sdi.pa_format': 'Invalid public office code: copy it from IPA.',
  'field.sdi.pa_holder': 'A 6-character code is a public office’s: choose Company.',
  'field.cig.format': 'The CIG has 10 characters.',
  'field.cup.format': 'The CUP has 15 characters.',
  'field.pa.only': 'CIG and CUP are for public administrations only.',
  'field.cap.format': 'The postcode (CAP) has 5 digits.',
  'field.province.unknown': 'Unknown province code (e.g. TO, MI, RM).',
  'field.email.format': 'This email address is not valid.',
  'field.pec.format': 'This PEC address is not valid.',
  'field.email.fatturapa': 'Only unaccented letters, digits and . _ - +',
  'field.pec.fatturapa': 'Only unaccented letters, digits and . _ - +',
  'field.password.short': 'The password needs at least 12 characters.',
  'field.password.common':
    'This password is one of the most used and easiest to guess: choose another one.',
  'field.terms.required': 'Accept the general contract conditions to continue.',
  'field.topup.min': 'The top-up must be at least the minimum shown.',
  'field.topup.max': 'The top-up can be at most €10,000.00.',
  'field.topup.zero': 'With a card, enter a top-up above zero, or pay with your available credit.',
  'field.payment.method': 'Choose a payment method.',
  'field.payment.saved.unknown': 'This saved payment method is no longer available.',
  'field.return_url.required': 'Missing return address.',
  'field.selection.product.unknown': 'Product not available.',
  'field.selection.plan.unknown': 'Plan not available.',
  'field.selection.addon.unknown': 'Add-on not available.',
  'field.selection.addon.not_on_plan': 'This add-on is not available with the chosen plan.',
  'field.selection.addon.duplicate': 'Add-on repeated.',
  'field.selection.addon.integer': 'Enter a whole number, zero or more.',
  'field.selection.addon.active': 'This service is already active on the chosen mailbox.',
  'field.selection.addon.min': 'Quantity below the minimum.',
  'field.selection.addon.max': 'Quantity above the maximum allowed.',
  'field.selection.addon.step': 'The quantity does not match the allowed steps.',
  'field.selection.years': 'Choose a term of 1 or 2 years.',
  'field.holder.type': 'Invalid holder type.',
  'invoice.sdi':
    'The electronic invoice will be sent to the recipient code (Codice Destinatario) {code}.',
  'invoice.pec': 'The electronic invoice will be sent to the PEC address {pec}.',
  'tip.sdi.label': 'What is the recipient code?',
  'tip.sdi':
    'It is the code the Italian e-invoicing exchange (SdI) uses to deliver electronic invoices. For businesses and professionals it has 7 characters and your invoicing software or provider gives it to you; if you have none, choose PEC and give the mailbox that should receive the invoice. A public administration gives its Codice Univoco Ufficio, 6 characters, published in the IPA index (Indice PA).',
  'tip.email.label': 'Why not a PEC address?',
  'tip.email':
    'A PEC mailbox usually accepts only messages from other PEC mailboxes, so the activation email may not reach you. Use an ordinary mailbox, or check that your PEC accepts ordinary email.',
  'tip.autorenew.label': 'What is automatic renewal?',
  'tip.autorenew':
    'At expiry the service renews by itself: 7 days before, we charge the renewal to the chosen card or PayPal account, so the service never stops. You can turn it off at any time in your customer area.',
  'tip.free.label': 'Why is it free?',
  'tip.free':
    'The mailbox expires in less than 3 months: the add-on is free until then, and renews together with the mailbox.',
} satisfies typeof itForms);
