// English: the summary step (payment and order summary); exactly the Italian keys (`satisfies`: a missing or extra key is a compile
// error). Loaded on demand.
import { addMessages } from '../registry.ts';
import type { itSummary } from '../it/summary.ts';

export const enSummary = addMessages('en', 'summary', {
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
  'summary.total.credit': 'Total due now from your credit',
  'summary.charge.card': 'Charged to your card now (credit top-up)',
  'summary.charge.paypal': 'Charged to PayPal now (credit top-up)',
  'summary.from.credit': 'Paid now from your credit',
  'summary.credit.after': 'Credit left after the order',
  'summary.line.gb': '{name}: {n} GB',
  'summary.plan.free': 'Free version',
  'summary.renewal.manual':
    'Expires on {date}. This method does not renew automatically: to renew, you will pay {amount} before the expiry.',
  'summary.vat.included': 'VAT included',
  'summary.renewal.split': '(taxable amount, split payment)',
  'summary.pending': 'Calculating the price…',
  'summary.updating': 'Updating the price',
  'summary.announce': 'New total due now: {total}',
  'summary.renewal':
    'Expires: {date}. Renewal: {amount}; with automatic renewal, charged on {charge}.',
  'summary.free': 'Free until the mailbox expires: {date}',
  'summary.coterm': 'Amount for the period until the mailbox expires: {date}.',
  'summary.service.free': 'Free until the service expires: {date}',
  'summary.service': 'Amount for the months until the service expires: {date}.',
  'summary.coterm.renewal':
    'At expiry ({date}) the service renews for one year at {amount} VAT included. If the credit or the card cannot cover it, the service is deactivated.',
  'summary.terms': 'I accept the',
  'summary.terms.link': 'general contract conditions',
  'summary.newtab': '(opens in a new tab)',
  'summary.confirm': 'Confirm and complete the order',
  'summary.busy': 'Processing…',
  'summary.split.invoice': 'Invoice total',
  'summary.split.vat': 'VAT paid by the administration to the Treasury',
  'summary.split.payable': 'Due now (taxable amount)',
  'summary.split.note': 'Split payment (art. 17-ter DPR 633/72).',
  'checkout.confirm.free': 'Confirm and activate',
  'checkout.free.note': 'The free version is activated without payment.',
  'step.summary.free': 'Summary',
} satisfies typeof itSummary);
