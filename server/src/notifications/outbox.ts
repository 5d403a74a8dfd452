// The outbox: emails the server "sends" (stored rows; the demo shows them at /outbox).
import {
  formatDate,
  formatMoney,
  type Instructions,
  type Locale,
  type Product,
  type Quote,
  taxableOfTotal,
} from 'cassa/contract';
import type { Queryable } from '../db/database.ts';
import type { InvoiceDestination } from '../invoices/fatturapa.ts';

export type EmailKind =
  | 'registration'
  | 'order_confirmation'
  | 'payment_instructions'
  | 'payment_received'
  | 'renewal_confirmation'
  | 'renewal_refused'
  | 'renewal_action_required'
  | 'card_expiring'
  | 'renewal_failed'
  | 'addon_renewed'
  | 'addon_deactivated'
  | 'invoice'
  | 'password_reset';

export interface Email {
  kind: EmailKind;
  to: string;
  subject: string;
  body: string;
}

export interface OutboxItem extends Email {
  id: string;
  orderId: string | null;
  createdAt: string;
}

export async function queueEmail(
  db: Queryable,
  email: Email,
  context: { now: Date; orderId?: string },
): Promise<void> {
  await db.query(
    `INSERT INTO outbox (kind, to_address, subject, body, order_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [email.kind, email.to, email.subject, email.body, context.orderId ?? null, context.now],
  );
}

/** Newest first. */
export async function listOutbox(db: Queryable, limit = 200): Promise<OutboxItem[]> {
  const { rows } = await db.query<{
    id: string | number | bigint;
    kind: EmailKind;
    to_address: string;
    subject: string;
    body: string;
    order_id: string | null;
    created_at: Date;
  }>(
    `SELECT id, kind, to_address, subject, body, order_id, created_at
       FROM outbox ORDER BY id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((row) => ({
    id: String(row.id),
    kind: row.kind,
    to: row.to_address,
    subject: row.subject,
    body: row.body,
    orderId: row.order_id,
    createdAt: new Date(row.created_at).toISOString(),
  }));
}

export const SIGNATURE = { it: '\n\nCassa Demo S.r.l.', en: '\n\nCassa Demo S.r.l.' } as const;

export function registrationEmail(to: string, username: string, locale: Locale): Email {
  return locale === 'en'
    ? {
        kind: 'registration',
        to,
        subject: 'Your Cassa account',
        body: `Welcome!\n\nYour account is ready. Your username is: ${username}\nLog in with it and the password you chose.${SIGNATURE.en}`,
      }
    : {
        kind: 'registration',
        to,
        subject: 'Il tuo account Cassa',
        body: `Benvenuto!\n\nIl tuo account è attivo. Il tuo nome utente è: ${username}\nAccedi con questo nome utente e la password che hai scelto.${SIGNATURE.it}`,
      };
}

/** The reset link, with the account's username (a forgotten username is recovered too). */
export function passwordResetEmail(
  to: string,
  username: string,
  link: string,
  locale: Locale,
): Email {
  return locale === 'en'
    ? {
        kind: 'password_reset',
        to,
        subject: 'Choose a new password',
        body: `Someone (we hope you) asked to reset the password of the account ${username}.\n\nChoose a new password here, within 30 minutes (the link works once):\n${link}\n\nIf it was not you, ignore this email: your password stays as it is.${SIGNATURE.en}`,
      }
    : {
        kind: 'password_reset',
        to,
        subject: 'Scegli una nuova password',
        body: `Abbiamo ricevuto una richiesta di nuova password per l’account ${username}.\n\nScegli la nuova password qui, entro 30 minuti (il link si usa una volta sola):\n${link}\n\nSe non sei stato tu, ignora questa email: la password resta quella di prima.${SIGNATURE.it}`,
      };
}

export interface ConfirmationFacts {
  number: string;
  productName: string;
  quote: Quote;
  /** Each quote line as a buyer reads it ("Versione base, 2 anni", "Spazio aggiuntivo: 5 GB"). */
  lineLabels?: string[];
  paymentMethodLabel: string;
  autoRenew: boolean;
  topUpCents?: number;
  creditAfterCents?: number;
  /** Where the e-invoice goes; with `number` once issued, and the copy's link when known. */
  invoice?: { destination: InvoiceDestination; number?: string; copyUrl?: string };
  /** The customer area, where the buyer manages what they bought. */
  accountUrl?: string;
  /**
   * Awaiting a transfer or slip, a service that starts when it arrives: its term in years (its
   * expiry is not known yet).
   */
  startsOnPayment?: number;
}

/** "… al Codice Destinatario M5UXCR1" / "… to the PEC address x@pec.it". */
function invoiceLines(
  invoice: NonNullable<ConfirmationFacts['invoice']>,
  locale: Locale,
): string[] {
  const en = locale === 'en';
  const { destination, number, copyUrl } = invoice;
  const where =
    destination.kind === 'sdi'
      ? en
        ? `to SDI recipient code ${destination.code}`
        : `al Codice Destinatario ${destination.code}`
      : en
        ? `to the PEC address ${destination.address}`
        : `all'indirizzo PEC ${destination.address}`;
  const sentence = number
    ? en
      ? `The electronic invoice ${number} has been sent ${where}.`
      : `La fattura elettronica ${number} è stata inviata ${where}.`
    : en
      ? `The electronic invoice will be sent ${where} once the payment arrives.`
      : `La fattura elettronica sarà inviata ${where} quando il pagamento arriva.`;
  return [
    '',
    sentence,
    ...(copyUrl
      ? [`${en ? 'Copy of the invoice' : 'Copia di cortesia della fattura'}: ${copyUrl}`]
      : []),
  ];
}

/**
 * A quote line in the buyer's words: the plan with its term in years, an add-on with its quantity
 * in its unit ("5 GB"), an on/off add-on by its name alone.
 */
export function confirmationLineLabel(
  product: Product,
  years: number,
  line: Quote['lines'][number],
  locale: Locale,
): string {
  const en = locale === 'en';
  const plan = product.plans.find((p) => p.id === line.id);
  if (plan) {
    const name = plan.name[locale];
    if (product.pricing !== 'term') return name;
    return `${name}, ${years} ${years === 1 ? (en ? 'year' : 'anno') : en ? 'years' : 'anni'}`;
  }
  const addon = product.addons.find((a) => a.id === line.id);
  if (!addon) return `${line.label} × ${line.quantity}`;
  const name = addon.name[locale];
  if (addon.unit === 'flag') return name;
  if (addon.unit === 'gb') return `${name} (${line.quantity} GB)`;
  return `${name} × ${line.quantity}`;
}

export function orderConfirmationEmail(
  to: string,
  facts: ConfirmationFacts,
  locale: Locale,
): Email {
  const money = (cents: number) => formatMoney(cents, facts.quote.currency, locale);
  const { quote } = facts;
  const lines = quote.lines.map(
    (l, i) => `- ${facts.lineLabels?.[i] ?? `${l.label} × ${l.quantity}`}: ${money(l.amountCents)}`,
  );
  const en = locale === 'en';
  // Split payment (a public administration): the seller is paid the taxable amount, now and at
  // each renewal; the VAT goes to the Treasury.
  const split = quote.splitPayment === true && quote.vatCents > 0;
  const renewalCents = split
    ? taxableOfTotal(quote.renewal.totalCents, quote.vatRateBasisPoints)
    : quote.renewal.totalCents;
  const body = [
    en ? `Thank you for your order ${facts.number}.` : `Grazie per il tuo ordine ${facts.number}.`,
    '',
    facts.productName,
    ...(lines.length ? lines : [en ? '- No charge' : '- Nessun importo']),
    '',
    `${en ? 'Taxable amount' : 'Imponibile'}: ${money(quote.taxableCents)}`,
    `${en ? 'VAT' : 'IVA'} ${quote.vatRateBasisPoints / 100}%: ${money(quote.vatCents)}`,
    `${en ? 'Total' : 'Totale'}: ${money(quote.totalCents)}`,
    ...(split
      ? [
          en
            ? 'Split payment (art. 17-ter DPR 633/72): the administration pays the VAT to the Treasury.'
            : "Scissione dei pagamenti (art. 17-ter DPR 633/72): l'IVA la versa l'ente all'Erario.",
          `${en ? 'Net amount payable' : 'Netto a pagare'}: ${money(quote.payableCents ?? quote.taxableCents)}`,
        ]
      : []),
    ...(quote.freeUntil
      ? [`${en ? 'Free until' : 'Gratuito fino al'} ${formatDate(quote.freeUntil, locale)}`]
      : []),
    ...(facts.topUpCents
      ? [`${en ? 'Credit top-up' : 'Ricarica del credito'}: ${money(facts.topUpCents)}`]
      : []),
    ...(facts.creditAfterCents !== undefined
      ? [`${en ? 'Remaining credit' : 'Credito residuo'}: ${money(facts.creditAfterCents)}`]
      : []),
    `${en ? 'Payment' : 'Pagamento'}: ${facts.paymentMethodLabel}`,
    // Under split payment the renewal charges the taxable amount, as the first payment did.
    facts.autoRenew
      ? `${en ? 'Automatic renewal on' : 'Rinnovo automatico il'} ${formatDate(quote.renewal.chargeDate, locale)}: ${money(renewalCents)}`
      : facts.startsOnPayment
        ? en
          ? `Term: ${facts.startsOnPayment === 1 ? '1 year' : `${facts.startsOnPayment} years`} from the day the payment arrives`
          : `Durata: ${facts.startsOnPayment === 1 ? '1 anno' : `${facts.startsOnPayment} anni`} dal giorno in cui arriva il pagamento`
        : `${en ? 'Expiry' : 'Scadenza'}: ${formatDate(quote.renewal.date, locale)}`,
    ...(facts.invoice ? invoiceLines(facts.invoice, locale) : []),
    ...(facts.accountUrl
      ? ['', `${en ? 'Your customer area' : 'La tua area clienti'}: ${facts.accountUrl}`]
      : []),
  ].join('\n');
  return {
    kind: 'order_confirmation',
    to,
    subject: en ? `Order confirmation ${facts.number}` : `Conferma ordine ${facts.number}`,
    body: body + SIGNATURE[locale],
  };
}

/** The invoice of an order paid after its confirmation (a bank transfer or postal slip recorded). */
export function invoiceEmail(
  to: string,
  orderNumber: string,
  invoice: NonNullable<ConfirmationFacts['invoice']> & { number: string },
  locale: Locale,
): Email {
  const en = locale === 'en';
  const body = [
    en
      ? `We have received the payment of your order ${orderNumber}.`
      : `Abbiamo ricevuto il pagamento del tuo ordine ${orderNumber}.`,
    ...invoiceLines(invoice, locale),
  ].join('\n');
  return {
    kind: 'invoice',
    to,
    subject: en
      ? `Invoice ${invoice.number} for order ${orderNumber}`
      : `Fattura ${invoice.number} per l'ordine ${orderNumber}`,
    body: body + SIGNATURE[locale],
  };
}

export function instructionsEmail(
  to: string,
  number: string,
  instructions: Instructions,
  locale: Locale,
): Email {
  const en = locale === 'en';
  const amount = formatMoney(instructions.amountCents, instructions.currency, locale);
  const how =
    instructions.method === 'bank_transfer'
      ? [
          en ? 'Pay by bank transfer to:' : 'Paga con bonifico bancario a:',
          `${en ? 'Beneficiary' : 'Beneficiario'}: ${instructions.beneficiary}`,
          `IBAN: ${instructions.account}`,
        ]
      : [
          en ? 'Pay by postal slip to:' : 'Paga con bollettino postale a:',
          `${en ? 'Beneficiary' : 'Intestatario'}: ${instructions.beneficiary}`,
          `${en ? 'Postal account' : 'Conto corrente postale'}: ${instructions.account}`,
        ];
  const body = [
    en
      ? `Your order ${number} is waiting for payment.`
      : `Il tuo ordine ${number} è in attesa di pagamento.`,
    '',
    ...how,
    `${en ? 'Amount' : 'Importo'}: ${amount}`,
    `${en ? 'Payment reference (quote it exactly)' : 'Causale (da riportare esattamente)'}: ${instructions.reference}`,
    '',
    en
      ? 'The service is activated when the payment arrives. It does not renew automatically.'
      : 'Il servizio viene attivato quando il pagamento arriva. Non si rinnova automaticamente.',
  ].join('\n');
  return {
    kind: 'payment_instructions',
    to,
    subject: en
      ? `Payment instructions for order ${number}`
      : `Istruzioni di pagamento ordine ${number}`,
    body: body + SIGNATURE[locale],
  };
}
