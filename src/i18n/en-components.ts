// English strings of the step elements (the type of the Italian source's).
import type { itComponents } from './it-components.ts';

export const enComponents: Record<keyof typeof itComponents, string> = {
  'plan.legend': 'Choose the version',
  'plan.price': '{price}/year + VAT',
  'plan.free': 'Free',
  'plan.free.note': 'Activated without payment',
  'plan.inc': '{id}: {n}',
  'plan.inc.admin-users': '{n} admin user',
  'plan.inc.additional-users': '{n} additional users',
  'plan.inc.external-users': '{n} external users',
  'plan.inc.storage-gb': '{n} GB of document storage',
  'plan.inc.pec-storage-gb': '{n} GB PEC mailbox',

  'addon.yearly': '{price} + VAT/year',
  'addon.per.user': 'per user',
  'addon.per.external-user': 'per external user',
  'addon.per.gb': 'per GB',
  'addon.per.step': 'each',
  'addon.steps': 'In packs of {step} users',
  'addon.steps.gb': 'In blocks of {step} GB',
  'addon.max.user': 'up to {max} more users',
  'addon.max': 'at most {max}',
  'addon.flag': '1 GB for a single mailbox',
  'addon.unavailable': 'not available with the chosen version',
  'addon.less': 'Decrease: {name}',
  'addon.more': 'Increase: {name}',

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
  'holder.sdiCode.hint': '7 characters, given by your invoicing software.',
  'holder.pa.note':
    'A public administration’s office code (Codice Univoco Ufficio): the invoice will be an FPA12, with split payment.',
  'holder.cig': 'CIG (optional)',
  'holder.cig.hint':
    'Tender identifier (Codice Identificativo Gara), 10 characters, if the purchase has one.',
  'holder.cup': 'CUP (optional)',
  'holder.cup.hint':
    'Project code (Codice Unico di Progetto), 15 characters, if the purchase has one.',
  'holder.pec': 'PEC address for the invoice',
  'holder.password': 'Password',
  'holder.password.hint': 'At least 8 characters.',
  'holder.submit': 'Continue',
  'holder.busy': 'Sending…',

  'payment.legend': 'Payment method',
  'payment.card': 'Credit card',
  'payment.card.add': 'Add a new card',
  'payment.card.saved': 'Saved credit card',
  'payment.card.note': 'You will enter the card details on the payment provider’s secure page.',
  'payment.paypal': 'PayPal',
  'payment.paypal.add': 'Link a new PayPal account',
  'payment.paypal.saved': 'Saved PayPal account',
  'payment.paypal.note':
    'You will sign in to PayPal, on its secure page, to authorise the payment.',
  'payment.credit': 'Available credit',
  'payment.credit.note': 'You pay with your account’s prepaid credit.',
  'payment.others': 'Other payment methods',
  'payment.bank_transfer': 'Bank transfer',
  'payment.postal_slip': 'Postal slip (bollettino)',
  'payment.deferred.note':
    'Payment is not immediate: the order waits until your payment arrives. We email you the instructions, with the order number to quote as the payment reference.',
  'payment.autorenew':
    'Paying by credit card or PayPal turns on automatic renewal, charged 7 days before the next expiry.',
  'payment.topup': 'Credit top-up in euros',
  'payment.topup.min':
    'At least {min}: one year of the chosen add-ons, VAT included, minus the credit you already have.',

  'summary.years': 'Term',
  'summary.year': '1 year',
  'summary.years.n': '{n} years',
  'summary.taxable': 'Taxable amount',
  'summary.vat': 'VAT {rate}%',
  'summary.total': 'Total due now',
  'summary.split.invoice': 'Invoice total',
  'summary.split.vat': 'VAT paid by the body to the Treasury (split payment)',
  'summary.split.payable': 'Due now (taxable amount)',
  'summary.split.note':
    'Split payment (scissione dei pagamenti, art. 17-ter DPR 633/72): you pay the taxable amount; you pay the {vat} VAT to the Treasury yourself.',
  'summary.pending': 'Calculating the price…',
  'summary.updating': 'Updating the price',
  'summary.announce': 'New total due now: {total}',
  'summary.renewal':
    'Expires: {date}. Renewal: {amount} VAT included; with automatic renewal, charged on {charge}.',
  'summary.free': 'Free until the mailbox expires: {date}',
  'summary.coterm': 'Amount for the period until the mailbox expires: {date}.',
  'summary.coterm.renewal':
    'At expiry ({date}) the service renews for one year at {amount} VAT included. If the credit or the card cannot cover it, the service is deactivated.',
  'summary.terms': 'I accept the',
  'summary.terms.link': 'general contract conditions',
  'summary.newtab': '(opens in a new tab)',
  'summary.confirm': 'Confirm and complete the order',
  'summary.busy': 'Processing…',
  'invoice.sdi':
    'The electronic invoice will be sent to the recipient code (Codice Destinatario) {code}.',
  'invoice.pec': 'The electronic invoice will be sent to the PEC address {pec}.',

  'tip.sdi.label': 'What is the recipient code?',
  'tip.sdi':
    'It is the 7-character code the Italian e-invoicing exchange (SdI) uses to deliver electronic invoices: your invoicing software or provider gives it to you. If you have none, choose PEC and give the mailbox that should receive the invoice.',
  'tip.email.label': 'Why not a PEC address?',
  'tip.email':
    'A PEC mailbox usually accepts only messages from other PEC mailboxes, so the activation email may not reach you. Use an ordinary mailbox, or check that your PEC accepts ordinary email.',
  'tip.autorenew.label': 'What is automatic renewal?',
  'tip.autorenew':
    'At expiry the service renews by itself: 7 days before, we charge the renewal to the chosen card or PayPal account, so the service never stops. You can turn it off at any time in your customer area.',
  'tip.free.label': 'Why is it free?',
  'tip.free':
    'The mailbox expires in less than 3 months: the add-on is free until then, and renews together with the mailbox.',
};
