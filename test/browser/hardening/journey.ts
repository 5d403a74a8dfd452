// One Certified Platform purchase driven like a buyer, in Italian or English, with a hook before
// each backend call (catalog, quote, login, order) where a test can break that call, look at what
// the buyer sees, and retry.
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../wait.ts';
import '../../../src/index.ts';
import type { CassaCheckout } from '../../../src/cassa-checkout.ts';
import type { OrderRequest } from '../../../src/api/schemas.ts';
import { BACKEND } from '../fake-backend.ts';
import {
  deep,
  enabledButton,
  onStep,
  pick,
  press,
  seeText,
  type,
  visibleText,
  within,
} from '../checkout/helpers.ts';
import type { FaultyBackend, Stage } from './faulty-backend.ts';

export type Lang = 'it' | 'en';

/** What the buyer reads, per language. */
export const WORDS = {
  it: {
    plans: 'Scegli la versione',
    addons: 'Servizi aggiuntivi',
    account: 'Accedi o registrati',
    holder: 'Dati intestatario',
    summary: 'Riepilogo e pagamento',
    paid: 'Ordine confermato',
    awaiting: 'Ordine in attesa di pagamento',
    refused: 'Pagamento non riuscito',
    continue: 'Prosegui',
    login: 'Accedi',
    terms: 'Accetto le',
    confirm: 'Conferma e completa l’ordine',
    retry: 'Riprova',
    total: 'Totale da pagare ora 175,68 €',
    otherMethods: 'Altre modalità di pagamento',
    bank: 'Bonifico',
    newCard: 'Aggiungi una nuova carta',
    otherMethod: 'Scegli un altro metodo di pagamento',
  },
  en: {
    plans: 'Choose the version',
    addons: 'Add-ons',
    account: 'Log in or register',
    holder: 'Holder details',
    summary: 'Summary and payment',
    paid: 'Order confirmed',
    awaiting: 'Order awaiting payment',
    refused: 'Payment failed',
    continue: 'Continue',
    login: 'Log in',
    terms: 'I accept the',
    confirm: 'Confirm and complete the order',
    retry: 'Try again',
    total: 'Total due now €175.68',
    otherMethods: 'Other payment methods',
    bank: 'Bank transfer',
    newCard: 'Add a new card',
    otherMethod: 'Choose another payment method',
  },
} as const;

/** The error texts of the contract's codes, as the buyer reads them. */
export const MESSAGES: Record<Lang, Record<string, string>> = {
  it: {
    network: 'Non riusciamo a contattare il server. Controlla la connessione e riprova.',
    timeout: 'Il server non ha risposto in tempo. Riprova.',
    server: 'Si è verificato un errore del server. Riprova.',
    invalid_response: 'Il server ha inviato una risposta inattesa. Riprova tra poco.',
    unauthorized: 'La sessione è scaduta: accedi di nuovo. I dati inseriti restano.',
    rate_limited: 'Troppi tentativi. Attendi qualche minuto e riprova.',
    price_changed: 'Il prezzo è cambiato. Controlla il nuovo totale e conferma di nuovo.',
    payment_refused: 'Il pagamento è stato rifiutato. Prova con un altro metodo.',
    payment_cancelled:
      'Il pagamento è stato annullato. Puoi confermare di nuovo o scegliere un altro metodo.',
  },
  en: {
    network: 'We cannot reach the server. Check your connection and try again.',
    timeout: 'The server did not answer in time. Try again.',
    server: 'A server error occurred. Try again.',
    invalid_response: 'The server sent an unexpected answer. Try again shortly.',
    unauthorized: 'Your session has expired: log in again. What you typed is kept.',
    rate_limited: 'Too many attempts. Wait a few minutes and try again.',
    price_changed: 'The price has changed. Check the new total and confirm again.',
    payment_refused: 'The payment was refused. Try another method.',
    payment_cancelled: 'The payment was cancelled. You can confirm again or choose another method.',
  },
};

export const other = (lang: Lang): Lang => (lang === 'it' ? 'en' : 'it');

/** The client's timeout in these tests (the element's default is 10 s). */
export const TEST_TIMEOUT_MS = 2000;

export interface Widget {
  el: CassaCheckout;
  events: CustomEvent[];
  navigations: string[];
}

export const eventsOf = (w: Widget, type: string) => w.events.filter((e) => e.type === type);

/** Renders `<cassa-checkout>` on a (faulty) fetch, recording its public events; does not wait. */
export async function render(
  fetchImpl: typeof fetch,
  options: {
    locale?: Lang;
    product?: string;
    plan?: string;
    backend?: string;
    sessionToken?: string;
    timeoutMs?: number;
  } = {},
): Promise<Widget> {
  const events: CustomEvent[] = [];
  const navigations: string[] = [];
  const record = (e: Event) => events.push(e as CustomEvent);
  const el = await fixture<CassaCheckout>(
    html`<cassa-checkout
      backend=${options.backend ?? BACKEND}
      product=${options.product ?? 'certified-platform'}
      locale=${options.locale ?? 'it'}
      plan=${options.plan ?? ''}
      session-token=${options.sessionToken ?? ''}
      .fetchImpl=${fetchImpl}
      .timeoutMs=${options.timeoutMs ?? TEST_TIMEOUT_MS}
      .navigate=${(url: string) => navigations.push(url)}
      @cassa-ready=${record}
      @cassa-step-change=${record}
      @cassa-error=${record}
      @cassa-order-complete=${record}
    ></cassa-checkout>`,
  );
  return { el, events, navigations };
}

export async function ready(w: Widget): Promise<void> {
  await waitUntil(() => eventsOf(w, 'cassa-ready').length > 0, 'cassa-ready never fired');
}

/** Where an error is shown: the login form's message for a login, else the step's banner. */
export function errorRegion(w: Widget, stage: Stage): HTMLElement | null {
  if (stage === 'login') {
    return within(w.el, 'cassa-account-step', '#login-error')[0] ?? null;
  }
  return w.el.shadowRoot!.querySelector<HTMLElement>('.checkout cassa-checkout-error');
}

const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The retry button inside the banner, if any. */
export function retryButton(region: HTMLElement | null): HTMLButtonElement | null {
  return region?.shadowRoot?.querySelector('button') ?? null;
}

export interface ExpectedError {
  code: string;
  retryable: boolean;
}

/**
 * The buyer sees the translated message next to what failed, in both languages, with a retry
 * button exactly when `retryable`; `cassa-error` carries the same code and text. Returns the
 * number of `cassa-error` events before the check (for "no further error" checks).
 */
export async function expectErrorShown(
  w: Widget,
  lang: Lang,
  stage: Stage,
  expected: ExpectedError,
): Promise<void> {
  const { el } = w;
  const text = MESSAGES[lang][expected.code]!;
  await waitUntil(
    () => eventsOf(w, 'cassa-error').some((e) => e.detail.code === expected.code),
    `no cassa-error ${expected.code}; got ${JSON.stringify(eventsOf(w, 'cassa-error').map((e) => e.detail))}`,
  );
  await el.updateComplete;
  const event = eventsOf(w, 'cassa-error').at(-1)!;
  expect(event.detail).to.deep.equal({
    code: expected.code,
    message: text,
    retryable: expected.retryable,
  });
  const region = errorRegion(w, stage);
  expect(region, `no error region for ${stage}`).not.to.equal(null);
  await waitUntil(() => squash(visibleText(region!)).includes(text), `"${text}" not shown`);
  if (stage !== 'login' && stage !== 'catalog') {
    // Next to what failed: inside the current step, under its heading.
    expect(region!.closest('section[part="step"]'), 'banner outside the step').not.to.equal(null);
  }
  const retry = retryButton(stage === 'login' ? null : region);
  if (expected.retryable) expect(squash(retry?.textContent)).to.equal(WORDS[lang].retry);
  else expect(retry, 'a retry button for an error that retrying cannot fix').to.equal(null);

  // The same place in the other language.
  el.locale = other(lang);
  await el.updateComplete;
  const translated = MESSAGES[other(lang)][expected.code]!;
  await waitUntil(
    () => squash(visibleText(errorRegion(w, stage)!)).includes(translated),
    `"${translated}" not shown after switching to ${other(lang)}: ${visibleText(el).slice(0, 400)}`,
  );
  if (expected.retryable && stage !== 'login') {
    expect(squash(retryButton(errorRegion(w, stage))?.textContent)).to.equal(
      WORDS[other(lang)].retry,
    );
  }
  el.locale = lang;
  await el.updateComplete;
}

/** Presses the banner's retry button. */
export async function pressRetry(w: Widget, stage: Stage): Promise<void> {
  const retry = retryButton(errorRegion(w, stage));
  if (!retry) throw new Error(`no retry button for ${stage}: ${visibleText(w.el)}`);
  retry.click();
  await w.el.updateComplete;
}

export const holderInput = (el: CassaCheckout, id: string) =>
  within<HTMLInputElement>(el, 'cassa-holder-form', `input#${id}`)[0]!;

/** At each stage: `before` runs before the call is made, `after` once the buyer made it. */
export interface StageHooks {
  before?: (stage: Stage, w: Widget | undefined) => void | Promise<void>;
  after?: (stage: Stage, w: Widget) => void | Promise<void>;
  /** The client's timeout (default {@link TEST_TIMEOUT_MS}). */
  timeoutMs?: number;
  /** How the buyer presses "Conferma" (default: one click). */
  confirm?: (confirmButton: HTMLButtonElement) => void | Promise<void>;
  /** Where the checkout comes from (default: {@link render}, one element in the page). */
  mount?: (fetchImpl: typeof fetch, options: { locale: Lang; plan: string }) => Promise<Widget>;
}

/**
 * Base plan (preselected by the host), 2 extra users, the company account, Milano as the city,
 * the saved card: from mounting to the confirmed order. Returns the widget.
 */
export async function purchase(
  faulty: FaultyBackend,
  lang: Lang,
  hooks: StageHooks = {},
): Promise<Widget> {
  const words = WORDS[lang];
  const at = async (stage: Stage, action: () => void | Promise<void>) => {
    await hooks.before?.(stage, w);
    await action();
    await hooks.after?.(stage, w);
  };
  let w!: Widget;
  await at('catalog', async () => {
    w = hooks.mount
      ? await hooks.mount(faulty.fetch, { locale: lang, plan: 'base' })
      : await render(faulty.fetch, { locale: lang, plan: 'base', timeoutMs: hooks.timeoutMs });
  });
  const { el } = w;
  await ready(w);
  await onStep(el, words.plans);
  expect(
    within<HTMLInputElement>(el, 'cassa-plan-picker', 'input[type=radio]').find((r) => r.checked)
      ?.value,
  ).to.equal('base');
  await press(el, words.continue);
  await onStep(el, words.addons);
  await at('quote', () => type(deep<HTMLInputElement>(el, 'input#q-extra-users'), '2'));
  expect(deep<HTMLInputElement>(el, 'input#q-extra-users').value).to.equal('2');
  await press(el, words.continue);
  await onStep(el, words.account);
  await at('login', async () => {
    type(deep<HTMLInputElement>(el, 'input#username'), '1234567@aruba.it');
    type(deep<HTMLInputElement>(el, 'input#password'), 'cassa-demo');
    await press(el, words.login);
  });
  await onStep(el, words.holder);
  type(holderInput(el, 'city'), 'Milano');
  type(holderInput(el, 'province'), 'MI');
  await press(el, words.continue);
  await onStep(el, words.summary);
  await seeText(el, words.total);
  pick(el, 'Visa •••• 4242');
  pick(el, words.terms);
  await at('order', async () => {
    // The saved card and the conditions re-quote the order: the buyer presses once it settles.
    const confirm = await enabledButton(el, words.confirm);
    if (hooks.confirm) await hooks.confirm(confirm);
    else confirm.click();
  });
  await onStep(el, words.paid);
  return w;
}

/** The single order the backend holds carries everything chosen and typed before any fault. */
export function expectOneOrderKeepingEverything(
  faulty: FaultyBackend,
  w: Widget,
  { keys: keyCount = 1 } = {},
): void {
  const { backend } = faulty;
  expect(backend.orders.size, 'orders in the backend').to.equal(1);
  const body = backend.sent('POST', '/v1/orders').at(-1)!.body as OrderRequest;
  expect(body.planId).to.equal('base');
  expect(body.addons).to.deep.equal([{ id: 'extra-users', quantity: 2 }]);
  expect(body.holder?.address.city).to.equal('Milano');
  expect(body.holder?.address.province).to.equal('MI');
  expect(body.paymentMethod).to.deep.equal({ type: 'card', savedId: 'pm-card' });
  expect(body.expectedTotalCents).to.equal(17568);
  const keys = new Set(faulty.attemptsAt('order').map((a) => a.idempotencyKey));
  expect(keys.size, 'Idempotency-Keys used').to.equal(keyCount);
  const complete = eventsOf(w, 'cassa-order-complete');
  expect(complete.map((e) => e.detail.order.id)).to.deep.equal([...backend.orders.keys()]);
}
