// Emails of what happens after the checkout: a payment received, renewals charged or refused,
// a renewal that failed, PEC add-ons renewed from credit or deactivated. Italian and English.
import { formatDate, formatMoney, type Locale } from 'cassa/contract';
import { SIGNATURE, type Email } from './outbox.ts';

const money = (cents: number, locale: Locale) => formatMoney(cents, 'EUR', locale);

export function paymentReceivedEmail(
  to: string,
  facts: { number: string; productName: string; amountCents: number; expiresOn: string | null },
  locale: Locale,
): Email {
  const en = locale === 'en';
  const body = [
    en
      ? `We received your payment of ${money(facts.amountCents, locale)} for order ${facts.number}.`
      : `Abbiamo ricevuto il tuo pagamento di ${money(facts.amountCents, locale)} per l'ordine ${facts.number}.`,
    '',
    en ? `${facts.productName} is now active.` : `${facts.productName} ora è attivo.`,
    ...(facts.expiresOn
      ? [`${en ? 'Expiry' : 'Scadenza'}: ${formatDate(facts.expiresOn, locale)}`]
      : []),
  ].join('\n');
  return {
    kind: 'payment_received',
    to,
    subject: en
      ? `Payment received for order ${facts.number}`
      : `Pagamento ricevuto per l'ordine ${facts.number}`,
    body: body + SIGNATURE[locale],
  };
}

export interface RenewalFacts {
  number: string;
  productName: string;
  amountCents: number;
  methodLabel: string;
}

export function renewalConfirmationEmail(
  to: string,
  facts: RenewalFacts & { expiresOn: string; nextChargeOn: string },
  locale: Locale,
): Email {
  const en = locale === 'en';
  const body = [
    en
      ? `${facts.productName} (order ${facts.number}) has been renewed.`
      : `${facts.productName} (ordine ${facts.number}) è stato rinnovato.`,
    '',
    `${en ? 'Charged' : 'Addebitati'}: ${money(facts.amountCents, locale)} — ${facts.methodLabel}`,
    `${en ? 'New expiry' : 'Nuova scadenza'}: ${formatDate(facts.expiresOn, locale)}`,
    `${en ? 'Next automatic renewal on' : 'Prossimo rinnovo automatico il'} ${formatDate(facts.nextChargeOn, locale)}`,
  ].join('\n');
  return {
    kind: 'renewal_confirmation',
    to,
    subject: en ? `Renewal of order ${facts.number}` : `Rinnovo dell'ordine ${facts.number}`,
    body: body + SIGNATURE[locale],
  };
}

export function renewalRefusedEmail(
  to: string,
  facts: RenewalFacts & { attempt: number; expiresOn: string; nextTryOn: string | null },
  locale: Locale,
): Email {
  const en = locale === 'en';
  const body = [
    en
      ? `We could not charge ${money(facts.amountCents, locale)} for the renewal of ${facts.productName} (order ${facts.number}): the payment was refused (${facts.methodLabel}, attempt ${facts.attempt}).`
      : `Non siamo riusciti ad addebitare ${money(facts.amountCents, locale)} per il rinnovo di ${facts.productName} (ordine ${facts.number}): il pagamento è stato rifiutato (${facts.methodLabel}, tentativo ${facts.attempt}).`,
    '',
    facts.nextTryOn
      ? en
        ? `We will try again on ${formatDate(facts.nextTryOn, locale)}. Check your card or PayPal account.`
        : `Riproveremo il ${formatDate(facts.nextTryOn, locale)}. Verifica la tua carta o il tuo conto PayPal.`
      : en
        ? 'That was the last attempt.'
        : 'Era l’ultimo tentativo.',
    `${en ? 'The service expires on' : 'Il servizio scade il'} ${formatDate(facts.expiresOn, locale)}.`,
  ].join('\n');
  return {
    kind: 'renewal_refused',
    to,
    subject: en
      ? `Renewal payment refused — order ${facts.number}`
      : `Pagamento del rinnovo rifiutato — ordine ${facts.number}`,
    body: body + SIGNATURE[locale],
  };
}

/**
 * The bank asked for the buyer's authentication of a renewal charge: the link pays it (on the
 * provider's page, with strong authentication) until the expiry.
 */
export function renewalActionRequiredEmail(
  to: string,
  facts: RenewalFacts & { expiresOn: string; payUrl: string },
  locale: Locale,
): Email {
  const en = locale === 'en';
  const expires = formatDate(facts.expiresOn, locale);
  const body = [
    en
      ? `Your bank asks you to confirm the renewal payment of ${money(facts.amountCents, locale)} for ${facts.productName} (order ${facts.number}, ${facts.methodLabel}): it was not charged.`
      : `La tua banca chiede di confermare il pagamento di ${money(facts.amountCents, locale)} per il rinnovo di ${facts.productName} (ordine ${facts.number}, ${facts.methodLabel}): non è stato addebitato.`,
    '',
    en
      ? 'Complete the payment (your bank will ask you to authenticate it):'
      : 'Completa il pagamento (la tua banca ti chiederà di autenticarlo):',
    facts.payUrl,
    '',
    en
      ? `The link works until ${expires}, when the service expires: without the payment the renewal fails.`
      : `Il link funziona fino al ${expires}, quando il servizio scade: senza il pagamento il rinnovo non riesce.`,
  ].join('\n');
  return {
    kind: 'renewal_action_required',
    to,
    subject: en
      ? `Confirm your renewal payment — order ${facts.number}`
      : `Conferma il pagamento del rinnovo — ordine ${facts.number}`,
    body: body + SIGNATURE[locale],
  };
}

/** A saved card expires before the next renewal charge (sent a month before it, once). */
export function cardExpiringEmail(
  to: string,
  facts: {
    number: string;
    productName: string;
    methodLabel: string;
    cardExpiresOn: string;
    chargeOn: string;
    accountUrl?: string;
  },
  locale: Locale,
): Email {
  const en = locale === 'en';
  const month = new Intl.DateTimeFormat(en ? 'en-GB' : 'it-IT', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${facts.cardExpiresOn}T00:00:00Z`));
  const body = [
    en
      ? `Your card ${facts.methodLabel} expires in ${month}, before the automatic renewal of ${facts.productName} (order ${facts.number}) is charged on ${formatDate(facts.chargeOn, locale)}.`
      : `La tua carta ${facts.methodLabel} scade a ${month}, prima dell'addebito del rinnovo automatico di ${facts.productName} (ordine ${facts.number}) il ${formatDate(facts.chargeOn, locale)}.`,
    '',
    en
      ? 'What to do: add your new card in your customer area and choose it for this renewal. If the card was renewed with the same number, nothing is needed once your bank has updated it; otherwise the renewal charge will be refused.'
      : "Cosa fare: aggiungi la nuova carta nella tua area clienti e sceglila per questo rinnovo. Se la carta è stata rinnovata con lo stesso numero non serve altro quando la banca l'avrà aggiornata; altrimenti l'addebito del rinnovo verrà rifiutato.",
    ...(facts.accountUrl ? ['', facts.accountUrl] : []),
  ].join('\n');
  return {
    kind: 'card_expiring',
    to,
    subject: en
      ? `Your card expires before the renewal — order ${facts.number}`
      : `La tua carta scade prima del rinnovo — ordine ${facts.number}`,
    body: body + SIGNATURE[locale],
  };
}

export function renewalFailedEmail(
  to: string,
  facts: { number: string; productName: string; expiresOn: string },
  locale: Locale,
): Email {
  const en = locale === 'en';
  const body = en
    ? `The automatic renewal of ${facts.productName} (order ${facts.number}) failed: the service expired on ${formatDate(facts.expiresOn, locale)}.\nYou can buy it again at any time.`
    : `Il rinnovo automatico di ${facts.productName} (ordine ${facts.number}) non è riuscito: il servizio è scaduto il ${formatDate(facts.expiresOn, locale)}.\nPuoi acquistarlo di nuovo in qualsiasi momento.`;
  return {
    kind: 'renewal_failed',
    to,
    subject: en
      ? `Renewal failed — order ${facts.number}`
      : `Rinnovo non riuscito — ordine ${facts.number}`,
    body: body + SIGNATURE[locale],
  };
}

export interface AddonFacts {
  mailbox: string;
  addons: string[];
  amountCents: number;
  creditCents: number;
}

export function addonRenewedEmail(
  to: string,
  facts: AddonFacts & { expiresOn: string },
  locale: Locale,
): Email {
  const en = locale === 'en';
  const body = [
    en
      ? `The add-ons of ${facts.mailbox} have been renewed for one year from your credit.`
      : `I servizi aggiuntivi di ${facts.mailbox} sono stati rinnovati per un anno con il tuo credito.`,
    '',
    ...facts.addons.map((a) => `- ${a}`),
    `${en ? 'Charged to credit' : 'Addebitati sul credito'}: ${money(facts.amountCents, locale)}`,
    `${en ? 'Remaining credit' : 'Credito residuo'}: ${money(facts.creditCents, locale)}`,
    `${en ? 'New expiry' : 'Nuova scadenza'}: ${formatDate(facts.expiresOn, locale)}`,
  ].join('\n');
  return {
    kind: 'addon_renewed',
    to,
    subject: en
      ? `PEC add-ons renewed — ${facts.mailbox}`
      : `Servizi aggiuntivi PEC rinnovati — ${facts.mailbox}`,
    body: body + SIGNATURE[locale],
  };
}

export function addonDeactivatedEmail(to: string, facts: AddonFacts, locale: Locale): Email {
  const en = locale === 'en';
  const body = [
    en
      ? `The add-ons of ${facts.mailbox} have been deactivated: your credit (${money(facts.creditCents, locale)}) does not cover one year (${money(facts.amountCents, locale)}).`
      : `I servizi aggiuntivi di ${facts.mailbox} sono stati disattivati: il tuo credito (${money(facts.creditCents, locale)}) non copre un anno (${money(facts.amountCents, locale)}).`,
    '',
    ...facts.addons.map((a) => `- ${a}`),
    '',
    en
      ? 'Top up your credit and buy them again to reactivate them.'
      : 'Ricarica il credito e acquistali di nuovo per riattivarli.',
  ].join('\n');
  return {
    kind: 'addon_deactivated',
    to,
    subject: en
      ? `PEC add-ons deactivated — ${facts.mailbox}`
      : `Servizi aggiuntivi PEC disattivati — ${facts.mailbox}`,
    body: body + SIGNATURE[locale],
  };
}
