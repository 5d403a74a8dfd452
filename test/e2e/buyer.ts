// What a buyer does with the widget in a real page: find things by their role and visible name
// (Playwright's locators pierce open shadow roots), click, type, and wait for what they see.
import type { Locator, Page } from 'playwright-core';
import { partitaIvaCheckDigit } from '../../src/domain/validators/partita-iva.ts';
import { PASSWORD } from './harness.ts';

export type Lang = 'it' | 'en';

/** The words a buyer reads, per language (the widget's and the sandbox's own texts). */
export const WORDS = {
  it: {
    continue: 'Prosegui',
    plans: 'Scegli la versione',
    addons: 'Servizi aggiuntivi',
    account: 'Accedi o registrati',
    mailbox: 'Scegli la casella PEC',
    holder: 'Dati intestatario',
    summary: 'Riepilogo e pagamento',
    summaryFree: 'Riepilogo',
    paid: 'Ordine confermato',
    active: 'Servizio attivato',
    awaiting: 'Ordine in attesa di pagamento',
    refused: 'Pagamento non riuscito',
    base: 'Versione base',
    free: 'Versione gratuita',
    more: (name: string) => `Aumenta: ${name}`,
    extraUsers: 'Utenti aggiuntivi',
    externalUsers: 'Utenti esterni aggiuntivi',
    username: 'Username',
    password: 'Password',
    login: 'Accedi',
    register: 'Registrati',
    registerSubmit: 'Registrati e prosegui',
    otherMethods: 'Altre modalità di pagamento',
    bank: 'Bonifico',
    postal: 'Bollettino postale',
    newCard: 'Aggiungi una nuova carta',
    newPaypal: 'Collega un nuovo account PayPal',
    card: 'Carta di credito',
    terms: /Accetto le/,
    confirm: 'Conferma e completa l’ordine',
    confirmFree: 'Conferma e attiva',
    orderNumber: /Numero d’ordine: (C-\d{4}-\d{6})/,
    total: 'Totale da pagare ora',
    otherMethod: 'Scegli un altro metodo di pagamento',
    payCard: /^Paga /,
    approvePaypal: 'Approva il pagamento',
    paypalEmail: 'Email del conto PayPal',
    cardHolder: 'Titolare della carta',
    cardNumber: 'Numero della carta',
    cardExpiry: 'Scadenza (MM/AA)',
    cardCvc: 'CVC',
    extraSpace: 'Spazio extra archivio e inbox',
    conservation: 'Conservazione 1 GB',
    company: 'Ragione sociale',
    vatNumber: 'Partita IVA',
    taxCode: 'Codice Fiscale',
    street: 'Indirizzo',
    postalCode: 'CAP',
    city: 'Città',
    province: 'Provincia',
    sdiCode: 'Codice Destinatario',
  },
  en: {
    continue: 'Continue',
    plans: 'Choose the version',
    addons: 'Add-ons',
    account: 'Log in or register',
    mailbox: 'Choose the PEC mailbox',
    holder: 'Holder details',
    summary: 'Summary and payment',
    summaryFree: 'Summary',
    paid: 'Order confirmed',
    active: 'Service activated',
    awaiting: 'Order awaiting payment',
    refused: 'Payment failed',
    base: 'Base version',
    free: 'Free version',
    more: (name: string) => `Increase: ${name}`,
    extraUsers: 'Additional users',
    externalUsers: 'Additional external users',
    username: 'Username',
    password: 'Password',
    login: 'Log in',
    register: 'Register',
    registerSubmit: 'Register and continue',
    otherMethods: 'Other payment methods',
    bank: 'Bank transfer',
    postal: 'Postal slip (bollettino)',
    newCard: 'Add a new card',
    newPaypal: 'Link a new PayPal account',
    card: 'Credit card',
    terms: /I accept the/,
    confirm: 'Confirm and complete the order',
    confirmFree: 'Confirm and activate',
    orderNumber: /Order number: (C-\d{4}-\d{6})/,
    total: 'Total due now',
    otherMethod: 'Choose another payment method',
    payCard: /^Pay /,
    approvePaypal: 'Approve payment',
    paypalEmail: 'PayPal account email',
    cardHolder: 'Cardholder name',
    cardNumber: 'Card number',
    cardExpiry: 'Expiry (MM/YY)',
    cardCvc: 'CVC',
    extraSpace: 'Extra archive and inbox space',
    conservation: 'Digital preservation 1 GB',
    company: 'Company name',
    vatNumber: 'VAT number (Partita IVA)',
    taxCode: 'Tax code (Codice Fiscale)',
    street: 'Address',
    postalCode: 'Postcode (CAP)',
    city: 'City',
    province: 'Province',
    sdiCode: 'Recipient code (Codice Destinatario)',
  },
} as const;

export type Words = (typeof WORDS)[Lang];

/** The `<cassa-checkout>` on the page (inside the overlay too). */
export const widget = (page: Page): Locator => page.locator('cassa-checkout').first();

/** Waits until the widget shows the step (or result) whose heading is `name`. */
export async function onStep(page: Page, name: string): Promise<void> {
  try {
    await widget(page).getByRole('heading', { level: 2, name, exact: true }).waitFor();
  } catch (error) {
    const shown = await widget(page)
      .getByRole('heading', { level: 2 })
      .allTextContents()
      .catch(() => []);
    const alerts = await widget(page)
      .getByRole('alert')
      .allTextContents()
      .catch(() => []);
    throw new Error(
      `step "${name}" never shown; on screen: ${JSON.stringify(shown)}, alerts: ${JSON.stringify(alerts)} (${page.url()})`,
      { cause: error },
    );
  }
}

/** Waits until the widget shows `text` somewhere (shadow roots included). */
export async function sees(page: Page, text: string | RegExp): Promise<void> {
  await widget(page).getByText(text).first().waitFor();
}

export const button = (page: Page, name: string | RegExp): Locator =>
  widget(page)
    .getByRole('button', { name, exact: typeof name === 'string' })
    .first();

export const radio = (page: Page, name: string | RegExp, exact = false): Locator =>
  widget(page).getByRole('radio', { name, exact }).first();

/**
 * A card or PayPal account not registered yet: "Aggiungi una nuova carta" next to saved ones,
 * plain "Carta di credito" when the account has none.
 */
export async function chooseNew(page: Page, w: Words, type: 'card' | 'paypal'): Promise<void> {
  const add = type === 'card' ? w.newCard : w.newPaypal;
  await widget(page).getByRole('radio').first().waitFor();
  if ((await widget(page).getByRole('radio', { name: add, exact: true }).count()) > 0) {
    await choose(page, add, true);
  } else {
    await choose(page, type === 'card' ? w.card : 'PayPal', true);
  }
}

/** A text field by its label. */
export const field = (page: Page, name: string): Locator =>
  widget(page).getByRole('textbox', { name, exact: true });

/** Picks a radio (plan, payment method, mailbox) by clicking its card, as a buyer does. */
export async function choose(page: Page, name: string | RegExp, exact = false): Promise<void> {
  const input = radio(page, name, exact);
  const card = widget(page)
    .locator('label')
    .filter({ has: page.getByRole('radio', { name, exact }) });
  await card.first().click();
  if (!(await input.isChecked())) throw new Error(`clicking "${name}" did not select it`);
}

export async function logIn(page: Page, w: Words, username: string): Promise<void> {
  await onStep(page, w.account);
  await widget(page).getByRole('textbox', { name: w.username }).fill(username);
  await widget(page).getByLabel(w.password, { exact: true }).fill(PASSWORD);
  await button(page, w.login).click();
}

/**
 * From the plans to the summary on a Certified Platform page: the base plan, no add-ons, logged in
 * as `username`, the holder data as registered.
 */
export async function toSummary(page: Page, w: Words, username: string): Promise<void> {
  await onStep(page, w.plans);
  await choose(page, w.base);
  await button(page, w.continue).click();
  await onStep(page, w.addons);
  await button(page, w.continue).click();
  await logIn(page, w, username);
  await onStep(page, w.holder);
  await button(page, w.continue).click();
  await onStep(page, w.summary);
}

/** A valid Partita IVA that no demo account uses (random first ten digits, computed check digit). */
export function newVatNumber(): string {
  const first = `0${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
  return first + partitaIvaCheckDigit(first);
}

export interface NewCompany {
  name: string;
  vatNumber: string;
  email: string;
}

/** "Nuovo cliente? Registrati": fills the registration form as a new company and submits it. */
export async function registerCompany(page: Page, w: Words): Promise<NewCompany> {
  await onStep(page, w.account);
  await button(page, w.register).click();
  const form = widget(page);
  const company: NewCompany = {
    name: 'Ferri Arredamenti S.r.l.',
    vatNumber: newVatNumber(),
    email: 'amministrazione@ferriarredamenti.example',
  };
  await field(page, w.company).fill(company.name);
  await field(page, w.vatNumber).fill(company.vatNumber);
  await field(page, w.taxCode).fill(company.vatNumber);
  await field(page, w.street).fill('Corso Vittorio Emanuele II 45');
  await field(page, w.postalCode).fill('10125');
  await field(page, w.city).fill('Torino');
  await field(page, w.province).fill('TO');
  await field(page, 'Email').fill(company.email);
  await field(page, w.sdiCode).fill('M5UXCR1');
  await form.getByLabel(w.password, { exact: true }).fill('una-password-sicura');
  await button(page, w.registerSubmit).click();
  return company;
}

/** Ticks the general conditions and confirms the order. */
export async function acceptAndConfirm(page: Page, w: Words, free = false): Promise<void> {
  const terms = widget(page).getByRole('checkbox', { name: w.terms });
  await terms.check();
  await button(page, free ? w.confirmFree : w.confirm).click();
}

/** The order number shown on the result screen. */
export async function orderNumber(page: Page, w: Words): Promise<string> {
  const line = widget(page).getByText(w.orderNumber).first();
  await line.waitFor();
  const match = w.orderNumber.exec((await line.textContent()) ?? '');
  if (!match?.[1]) throw new Error('no order number on the result screen');
  return match[1];
}

/** On the sandbox card page: types a test card and pays (or is refused). */
export async function payOnSandboxCard(page: Page, cardNumber: string): Promise<void> {
  await page.waitForURL(/\/api\/sandbox\//);
  const w = await sandboxWords(page);
  await page.getByLabel(w.cardHolder).fill('Giulia Ferri');
  await page.getByLabel(w.cardNumber).fill(cardNumber);
  await page.getByLabel(w.cardExpiry).fill('12/30');
  await page.getByLabel(w.cardCvc).fill('123');
  await page.getByRole('button', { name: w.payCard }).click();
}

/** The sandbox page speaks the language of its `<html lang>`. */
export async function sandboxWords(page: Page): Promise<Words> {
  return (await page.locator('html').getAttribute('lang')) === 'en' ? WORDS.en : WORDS.it;
}

/** On the sandbox PayPal page: approves. */
export async function approveOnSandboxPaypal(page: Page): Promise<void> {
  await page.waitForURL(/\/api\/sandbox\//);
  const w = await sandboxWords(page);
  await page.getByLabel(w.paypalEmail).fill('giulia.ferri@example.com');
  await page.getByRole('button', { name: w.approvePaypal }).click();
}

/** The entries of the partner page's "Eventi del widget" log for one event. */
export async function loggedEvents(page: Page, name: string): Promise<unknown[]> {
  return page
    .locator(`#event-log li[data-event="${name}"] pre`)
    .evaluateAll((nodes) => nodes.map((node) => JSON.parse(node.textContent ?? 'null')));
}
