// English: the result screen; exactly the Italian keys (`satisfies`: a missing or extra key is a compile
// error). Loaded on demand.
import { addMessages } from '../registry.ts';
import type { itResult } from '../it/result.ts';

export const enResult = addMessages('en', 'result', {
  'result.number': 'Order number: {number}',
  'result.repeated':
    'You had already confirmed this same order a few minutes ago: this is that order, not charged again.',
  'result.bought': 'You bought',
  'result.plan': '{name}, 1 year',
  'result.plan.years': '{name}, {years} years',
  'result.addon': '{name}: {quantity}',
  'result.addon.gb': '{name}: {quantity} GB',
  'result.total': 'Total: {amount}',
  'result.total.due': 'Amount to pay: {amount}',
  'result.split':
    'Split payment (art. 17-ter DPR 633/72): the amount is the taxable amount; the administration pays the VAT to the Treasury.',
  'result.topup': 'Credit top-up: {amount}',
  'result.charged.card': 'Credit top-up: {amount}, charged to your card.',
  'result.charged.paypal': 'Credit top-up: {amount}, charged to PayPal.',
  'result.from.credit': 'Paid from your credit: {amount}.',
  'result.credit.after': 'Credit left: {amount}.',
  'result.free.until': 'Free until {date}: the service renews when the mailbox expires.',
  'result.renewal.auto': 'Automatic renewal on: the next charge will be on {date}.',
  'result.renewal.manual': 'With this method the service does not renew automatically.',
  'result.emailed': 'We have emailed you the order confirmation.',
  'result.instructions.bank': 'How to pay by bank transfer',
  'result.instructions.postal': 'How to pay by postal slip',
  'result.beneficiary': 'Beneficiary',
  'result.iban': 'IBAN',
  'result.postal.account': 'Postal account',
  'result.amount': 'Amount',
  'result.reference': 'Payment reference',
  'result.copy': 'Copy',
  'result.copy.iban': 'Copy IBAN',
  'result.copy.account': 'Copy account number',
  'result.copied': 'Copied',
  'result.instructions.emailed':
    'We have also emailed these instructions, with the order number to quote as the payment reference.',
  'result.refused.text': 'Nothing was charged: your selection and the data you typed are kept.',
  'result.refused.action': 'Choose another payment method',
  'result.title.paid': 'Order confirmed',
  'result.title.active': 'Service activated',
  'result.title.awaiting_payment': 'Order awaiting payment',
  'result.title.pending_payment': 'Payment in progress',
  'result.title.refused': 'Payment failed',
  'result.title.cancelled': 'Payment cancelled',
} satisfies typeof itResult);
