// English error and field messages (the type of the Italian source's).
import type { itErrors } from './it-errors.ts';

export const enErrors: Record<keyof typeof itErrors, string> = {
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
<<<<<<< HEAD
  'field.password.short': 'The password needs at least 12 characters.',
  'field.password.common':
    'This password is one of the most used and easiest to guess: choose another one.',
=======
  'field.email.fatturapa': 'Only unaccented letters, digits and . _ - +',
  'field.pec.fatturapa': 'Only unaccented letters, digits and . _ - +',
  'field.password.short': 'The password needs at least 8 characters.',
>>>>>>> main
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
  'field.selection.subscription.required': 'Choose the mailbox to add the services to.',
  'field.selection.subscription.unknown': 'Mailbox not found.',
  'field.selection.subscription.expired':
    'This mailbox has expired: renew it before adding services.',
  'field.holder.type': 'Invalid holder type.',
  'field.invalid': 'Invalid value.',
  'warning.email.looks_pec':
    'This looks like a PEC address: it may not receive the activation email.',
  'error.network': 'We cannot reach the server. Check your connection and try again.',
  'error.timeout': 'The server did not answer in time. Try again.',
  'error.invalid_response': 'The server sent an unexpected answer. Try again shortly.',
  'error.unauthorized': 'Your session has expired: log in again. What you typed is kept.',
  'error.forbidden': 'This account may not do that.',
  'error.ineligible_customer':
    'This account is registered as a private individual without a VAT number: the service is for companies and professionals with a Partita IVA.',
  'error.invalid_selection': 'Some data is not valid: check the highlighted fields.',
  'error.price_changed': 'The price has changed. Check the new total and confirm again.',
  'error.payment_refused': 'The payment was refused. Try another method.',
  'error.payment_cancelled':
    'The payment was cancelled. You can confirm again or choose another method.',
  'error.not_found': 'Not found.',
  'error.rate_limited': 'Too many attempts. Wait a few minutes and try again.',
  'error.server': 'A server error occurred. Try again.',
  'action.retry': 'Try again',
};
