// <cassa-checkout> selling Certified Platform, driven like a buyer on a fake backend.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../wait.ts';
import { sendKeys } from '@web/test-runner-commands';
import type { OrderRequest } from '../../../src/api/schemas.ts';
import {
  FakeBackend,
  type Mounted,
  clearCassaStorage,
  deep,
  deepAll,
  eventsOf,
  logIn,
  mount,
  onStep,
  pick,
  press,
  seeText,
  type,
  within,
} from './helpers.ts';

/** Base plan, 2 extra users, logged in as the company, holder checked: on the summary. */
async function toSummary(backend: FakeBackend, m: Mounted): Promise<void> {
  const { el } = m;
  await onStep(el, 'Scegli la versione');
  pick(el, 'Versione base');
  await press(el, 'Prosegui');
  await onStep(el, 'Servizi aggiuntivi');
  const quantity = () => deep<HTMLInputElement>(el, 'input#q-extra-users').value;
  await press(el, 'Aumenta: Utenti aggiuntivi');
  await waitUntil(() => quantity() === '1');
  await press(el, 'Aumenta: Utenti aggiuntivi');
  await waitUntil(() => quantity() === '2');
  await press(el, 'Prosegui');
  await logIn(el, '1234567@aruba.it');
  await onStep(el, 'Dati intestatario');
  expect(deep<HTMLInputElement>(el, 'input#name').value).to.equal('Rossi Costruzioni S.r.l.');
  await press(el, 'Prosegui');
  await onStep(el, 'Riepilogo e pagamento');
  // base 120 € + 2 × 12 € = 144 € + 22% IVA = 175,68 €
  await seeText(el, '175,68 €');
}

async function acceptAndConfirm(el: Element): Promise<void> {
  pick(el, 'Accetto le');
  await press(el, 'Conferma e completa l’ordine');
}

describe('<cassa-checkout> Certified Platform', () => {
  let backend: FakeBackend;
  beforeEach(async () => {
    clearCassaStorage();
    backend = await FakeBackend.create();
  });

  it('fires cassa-ready with the product and shows the plans with the step indicator', async () => {
    const { el, events } = await mount(backend);
    expect(eventsOf(events, 'cassa-ready').map((e) => e.detail)).to.deep.equal([
      { product: 'certified-platform' },
    ]);
    const current = deep(el, '[aria-current="step"]');
    expect(current.textContent?.trim()).to.equal('Versione');
    expect(
      within(el, 'cassa-checkout-steps', 'li').map((li) => li.textContent?.trim()),
    ).to.deep.equal(['Versione', 'Servizi', 'Accesso', 'Intestatario', 'Riepilogo']);
    await seeText(el, 'Versione base');
    await expect(el).to.be.accessible();
  });

  it('pays with a saved card: one order with the shown total, confirmation, cassa-order-complete once', async () => {
    const m = await mount(backend);
    await toSummary(backend, m);
    const { el, events } = m;
    await expect(el).to.be.accessible();
    pick(el, 'Visa •••• 4242');
    await acceptAndConfirm(el);
    await onStep(el, 'Ordine confermato');
    const orders = backend.sent('POST', '/v1/orders');
    expect(orders).to.have.length(1);
    const body = orders[0]!.body as OrderRequest;
    expect(body.expectedTotalCents).to.equal(17568);
    expect(body.paymentMethod).to.deep.equal({ type: 'card', savedId: 'pm-card' });
    expect(body.addons).to.deep.equal([{ id: 'extra-users', quantity: 2 }]);
    expect(orders[0]!.headers['idempotency-key']).to.match(/^[0-9a-f-]{32,36}$/);
    await seeText(el, 'Numero d’ordine: C-2026-000123');
    await seeText(el, 'Versione base, 1 anno');
    await seeText(el, 'Utenti aggiuntivi: 2');
    await seeText(el, 'Totale: 175,68 €');
    await seeText(el, 'Rinnovo automatico attivo: il prossimo addebito sarà il');
    const complete = eventsOf(events, 'cassa-order-complete');
    expect(complete).to.have.length(1);
    expect(complete[0]!.detail.order).to.deep.include({
      number: 'C-2026-000123',
      status: 'paid',
      paymentMethod: 'card',
      totalCents: 17568,
      currency: 'EUR',
      productId: 'certified-platform',
      planId: 'base',
      years: 1,
      autoRenew: true,
    });
    expect(Object.keys(complete[0]!.detail.order)).to.have.members([
      'id',
      'number',
      'status',
      'paymentMethod',
      'totalCents',
      'currency',
      'productId',
      'planId',
      'addons',
      'years',
      'autoRenew',
    ]);
    expect(eventsOf(events, 'cassa-step-change').map((e) => e.detail.step)).to.deep.equal([
      'addons',
      'account',
      'holder',
      'summary',
      'result',
    ]);
    await expect(el).to.be.accessible();
  });

  it('bank transfer: awaiting payment with beneficiary, IBAN, amount, reference and a working copy button', async () => {
    const m = await mount(backend);
    await toSummary(backend, m);
    const { el, events } = m;
    await press(el, 'Altre modalità di pagamento');
    pick(el, 'Bonifico');
    await acceptAndConfirm(el);
    await onStep(el, 'Ordine in attesa di pagamento');
    await seeText(el, 'Beneficiario Cassa Demo S.r.l.');
    await seeText(el, 'IBAN IT60X0542811101000000123456');
    await seeText(el, 'Importo 175,68 €');
    await seeText(el, 'Causale Ordine C-2026-000123');
    await seeText(el, 'Ti abbiamo inviato queste istruzioni anche via email');
    await seeText(el, 'Con questo metodo il servizio non si rinnova automaticamente.');
    let copied = '';
    const clipboard = navigator.clipboard;
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void (copied = text) },
    });
    try {
      await press(el, 'Copia');
      await seeText(el, 'Copiato');
    } finally {
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: clipboard });
    }
    expect(copied).to.equal('Ordine C-2026-000123');
    expect(eventsOf(events, 'cassa-order-complete')[0]!.detail.order).to.deep.include({
      status: 'awaiting_payment',
      paymentMethod: 'bank_transfer',
      autoRenew: false,
    });
    await expect(el).to.be.accessible();
  });

  it('postal slip: awaiting payment with the postal account and the order number as reference', async () => {
    const m = await mount(backend);
    await toSummary(backend, m);
    const { el } = m;
    await press(el, 'Altre modalità di pagamento');
    pick(el, 'Bollettino postale');
    await acceptAndConfirm(el);
    await onStep(el, 'Ordine in attesa di pagamento');
    await seeText(el, 'Come pagare con bollettino postale');
    await seeText(el, 'Conto corrente postale 1234567');
    await seeText(el, 'Causale Ordine C-2026-000123');
    expect(
      (backend.sent('POST', '/v1/orders')[0]!.body as OrderRequest).paymentMethod,
    ).to.deep.equal({
      type: 'postal_slip',
    });
  });

  it('the free plan: no add-ons and no payment step, the order completes as active', async () => {
    const { el, events } = await mount(backend, { plan: 'free' });
    await onStep(el, 'Scegli la versione');
    expect(
      within(el, 'cassa-checkout-steps', 'li').map((li) => li.textContent?.trim()),
    ).to.deep.equal(['Versione', 'Accesso', 'Intestatario', 'Riepilogo']);
    await press(el, 'Prosegui');
    await logIn(el, '7654321@aruba.it');
    await onStep(el, 'Dati intestatario');
    await press(el, 'Prosegui');
    await onStep(el, 'Riepilogo');
    await seeText(el, 'La versione gratuita si attiva senza pagamento.');
    expect(deepAll(el, 'cassa-payment-chooser')).to.have.length(0);
    await expect(el).to.be.accessible();
    pick(el, 'Accetto le');
    await press(el, 'Conferma e attiva');
    await onStep(el, 'Servizio attivato');
    expect(
      (backend.sent('POST', '/v1/orders')[0]!.body as OrderRequest).paymentMethod,
    ).to.deep.equal({ type: 'none' });
    expect(eventsOf(events, 'cassa-order-complete')[0]!.detail.order.status).to.equal('active');
  });

  it('stops a private-individual account on the account step, before any payment data', async () => {
    const { el, events } = await mount(backend, { plan: 'free' });
    await press(el, 'Prosegui');
    await onStep(el, 'Accedi o registrati');
    // As a keyboard buyer: typed, then Enter in the password field, which then goes away.
    deep<HTMLInputElement>(el, 'input#username').focus();
    await sendKeys({ type: '5555555@aruba.it' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'cassa-demo' });
    await sendKeys({ press: 'Enter' });
    await seeText(el, 'Questo account è registrato come persona fisica senza Partita IVA');
    await waitUntil(
      () => el.shadowRoot!.activeElement === el.shadowRoot!.querySelector('h2'),
      `the focus fell to ${document.activeElement?.tagName} instead of the step's heading`,
    );
    const alert = deep(el, 'cassa-checkout-error').shadowRoot!.querySelector('[role="alert"]');
    expect(alert?.textContent).to.include('persona fisica');
    await onStep(el, 'Accedi o registrati');
    expect(deepAll(el, 'button').some((b) => b.textContent?.trim() === 'Prosegui')).to.equal(false);
    expect(deepAll(el, 'cassa-payment-chooser, cassa-holder-form')).to.have.length(0);
    expect(backend.sent('POST', '/v1/orders')).to.have.length(0);
    const error = eventsOf(events, 'cassa-error').at(-1)!;
    expect(error.detail.code).to.equal('ineligible_customer');
    expect(error.detail.retryable).to.equal(false);
    expect(error.detail.message).to.match(/^Questo account è registrato come persona fisica/);
    await expect(el).to.be.accessible();
    // Another account can go on.
    await press(el, 'Cambia account');
    await logIn(el, '7654321@aruba.it');
    await onStep(el, 'Dati intestatario');
  });

  it('a wrong password is shown inline; too many attempts (429) says to wait', async () => {
    const { el } = await mount(backend, { plan: 'free' });
    await press(el, 'Prosegui');
    await logIn(el, '1234567@aruba.it', 'wrong-password');
    await seeText(el, 'Username o password non corretti.');
    expect(deep(el, 'input#password').getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    backend.interceptors.push((r) =>
      r.path === '/v1/auth/login'
        ? new Response(
            JSON.stringify({
              type: 'https://cassa.dev/problems/rate-limited',
              title: 'x',
              status: 429,
            }),
            {
              status: 429,
              headers: { 'content-type': 'application/problem+json', 'retry-after': '900' },
            },
          )
        : undefined,
    );
    await logIn(el, '1234567@aruba.it', 'cassa-demo');
    await seeText(el, 'Troppi tentativi. Attendi qualche minuto e riprova.');
  });

  it('registers a new customer and prefills the holder step from the registration', async () => {
    const { el } = await mount(backend, { plan: 'free' });
    await press(el, 'Prosegui');
    await onStep(el, 'Accedi o registrati');
    await press(el, 'Registrati');
    await seeText(el, 'Registrati e prosegui');
    const set = (id: string, value: string) => {
      const input = within<HTMLInputElement>(el, 'cassa-account-step', `input#${id}`)[0]!;
      input.value = value;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    };
    set('name', 'Nuova Impresa S.r.l.');
    set('vatNumber', '12345678903');
    set('taxCode', '12345678903');
    set('street', 'Via Po 2');
    set('postalCode', '10123');
    set('city', 'Torino');
    set('province', 'TO');
    set('email', 'info@nuovaimpresa.example');
    set('sdiCode', 'M5UXCR1');
    set('password', 'una-password-lunga');
    await press(el, 'Registrati e prosegui');
    await onStep(el, 'Dati intestatario');
    const register = backend.sent('POST', '/v1/auth/register')[0]!.body as {
      holder: { name: string };
      locale?: string;
    };
    expect(register.holder.name).to.equal('Nuova Impresa S.r.l.');
    expect(register.locale, "the widget's language, for the registration email").to.equal('it');
    expect(within<HTMLInputElement>(el, 'cassa-holder-form', 'input#name')[0]!.value).to.equal(
      'Nuova Impresa S.r.l.',
    );
  });

  it('confirming without a payment method: the error is in the methods group, tied to it, and focused', async () => {
    const m = await mount(backend);
    await toSummary(backend, m);
    const { el } = m;
    await acceptAndConfirm(el);
    await seeText(el, 'Scegli un metodo di pagamento.');
    const chooser = deep(el, 'cassa-payment-chooser');
    const group = chooser.shadowRoot!.querySelector('fieldset')!;
    expect(group.getAttribute('aria-invalid')).to.equal('true');
    const described = chooser.shadowRoot!.getElementById(group.getAttribute('aria-describedby')!);
    expect(described?.textContent?.trim()).to.equal('Scegli un metodo di pagamento.');
    await waitUntil(
      () => (chooser.shadowRoot!.activeElement as HTMLInputElement | null)?.name === 'method',
      'the focus is not on the payment methods',
    );
    expect(backend.sent('POST', '/v1/orders')).to.have.length(0);
    pick(el, 'Visa •••• 4242');
    await waitUntil(() => group.getAttribute('aria-invalid') === 'false');
  });

  it('keeps what was typed in the registration form after Indietro and Prosegui', async () => {
    const { el } = await mount(backend, { plan: 'free' });
    await press(el, 'Prosegui');
    await onStep(el, 'Accedi o registrati');
    await press(el, 'Registrati');
    await seeText(el, 'Registrati e prosegui');
    const input = (id: string) =>
      within<HTMLInputElement>(el, 'cassa-account-step', `input#${id}`)[0]!;
    type(input('name'), 'Nuova Impresa S.r.l.');
    type(input('vatNumber'), '12345678903');
    await press(el, 'Indietro');
    await onStep(el, 'Scegli la versione');
    await press(el, 'Prosegui');
    await onStep(el, 'Accedi o registrati');
    await seeText(el, 'Registrati e prosegui');
    expect(input('name').value).to.equal('Nuova Impresa S.r.l.');
    expect(input('vatNumber').value).to.equal('12345678903');
  });
});
