// Issue 25 in <cassa-checkout> on the fake backend: every outcome lands in front of the buyer.
// (3) a failure after Confirm stands by the button, with the focus; (5) a failed login pressed
// with the keyboard keeps the focus in the form; (9) every missing choice at once; (7) a reload on
// the summary comes back to the summary (after logging in again: no token is kept).
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { waitUntil } from '../wait.ts';
import type { CassaCheckout } from '../../../src/cassa-checkout.ts';
import {
  FakeBackend,
  type Mounted,
  clearCassaStorage,
  deep,
  deepAll,
  logIn,
  mount,
  onStep,
  pick,
  press,
  seeText,
  type,
  within,
} from '../checkout/helpers.ts';

async function toSummary(m: Mounted): Promise<void> {
  const { el } = m;
  await onStep(el, 'Scegli la versione');
  await press(el, 'Prosegui');
  await onStep(el, 'Servizi aggiuntivi');
  await press(el, 'Prosegui');
  await logIn(el, '1234567@aruba.it');
  await onStep(el, 'Dati intestatario');
  await press(el, 'Prosegui');
  await onStep(el, 'Riepilogo e pagamento');
  await seeText(el, 'Totale da pagare ora 146,40 €');
}

/** The element that has the focus, through the shadow roots. */
function focused(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const confirmButton = (el: CassaCheckout) =>
  within<HTMLButtonElement>(el, 'cassa-order-summary', '[part="confirm"]')[0]!;

describe('issue 25: outcomes in front of the buyer', () => {
  let backend: FakeBackend;
  beforeEach(async () => {
    clearCassaStorage();
    backend = await FakeBackend.create();
  });

  it('(3) server unreachable after Confirm: the error and Riprova stand by the button, in view, with the focus', async () => {
    const m = await mount(backend);
    await toSummary(m);
    pick(m.el, 'Visa •••• 4242');
    pick(m.el, 'Accetto le');
    backend.interceptors.push((r) => {
      if (r.path === '/v1/orders') throw new TypeError('Failed to fetch');
      return undefined;
    });
    confirmButton(m.el).focus();
    await sendKeys({ press: 'Enter' });
    await seeText(m.el, 'Non riusciamo a contattare il server');
    await waitUntil(
      () => focused()?.textContent?.trim() === 'Riprova',
      () => `the focus is on ${focused()?.outerHTML.slice(0, 80)}`,
    );
    // The banner is inside the summary, just above the Confirm row, not at the top of the step.
    const banner = deep(m.el, 'cassa-checkout-error');
    expect(banner.getAttribute('slot')).to.equal('error');
    const gap =
      confirmButton(m.el).getBoundingClientRect().top - banner.getBoundingClientRect().bottom;
    expect(gap).to.be.within(0, 120);
    const rect = banner.getBoundingClientRect();
    expect(rect.top).to.be.at.least(0);
    expect(rect.bottom).to.be.at.most(window.innerHeight);
    await expect(m.el).to.be.accessible();
  });

  it('(9) Confirm with nothing chosen: the conditions and the payment method errors at once, the focus on the first', async () => {
    const m = await mount(backend);
    await toSummary(m);
    confirmButton(m.el).click();
    await seeText(m.el, 'Per proseguire accetta le condizioni generali di contratto.');
    await seeText(m.el, 'Scegli un metodo di pagamento.');
    await waitUntil(
      () => !!focused()?.closest?.('fieldset') || focused()?.localName === 'cassa-payment-chooser',
      () => `the focus is on ${focused()?.outerHTML.slice(0, 80)}`,
    );
    expect(backend.sent('POST', '/v1/orders')).to.have.length(0);
  });

  it('(5) a failed login pressed with the keyboard: the focus goes to the username, not the page', async () => {
    const m = await mount(backend);
    await onStep(m.el, 'Scegli la versione');
    await press(m.el, 'Prosegui');
    await onStep(m.el, 'Servizi aggiuntivi');
    await press(m.el, 'Prosegui');
    await onStep(m.el, 'Accedi o registrati');
    type(deep<HTMLInputElement>(m.el, 'input#username'), '1234567@aruba.it');
    type(deep<HTMLInputElement>(m.el, 'input#password'), 'wrong-password');
    const accedi = deepAll<HTMLButtonElement>(m.el, 'button').find(
      (b) => b.textContent?.trim() === 'Accedi',
    )!;
    accedi.focus();
    await sendKeys({ press: 'Enter' });
    await seeText(m.el, 'Username o password non corretti.');
    await waitUntil(
      () => (focused() as HTMLElement | null)?.id === 'username',
      () => `the focus is on ${focused()?.outerHTML.slice(0, 80) ?? 'nothing'}`,
    );
  });

  it('(7) a reload on the summary comes back to the summary, after logging in again, with the choices kept', async () => {
    const first = await mount(backend);
    await toSummary(first);
    pick(first.el, 'Visa •••• 4242');
    first.el.store!.keepDraft();
    first.el.remove();
    const again = await mount(backend);
    await onStep(again.el, 'Accedi o registrati');
    await seeText(again.el, 'accedi di nuovo');
    await logIn(again.el, '1234567@aruba.it');
    await onStep(again.el, 'Riepilogo e pagamento');
    await seeText(again.el, 'Totale da pagare ora 146,40 €');
  });

  it('(12) registration succeeds on screen: the new username is shown on the holder step', async () => {
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
    const username = el.store!.state.session!.customer.username;
    await seeText(el, `Registrazione completata. Il tuo username è ${username}`);
    const note = deep(el, '[part="registered"]');
    expect(note.getAttribute('role')).to.equal('status');
    await expect(el).to.be.accessible();
  });

  it('(14) the login step keeps the selection’s yearly price in sight', async () => {
    const m = await mount(backend);
    await onStep(m.el, 'Scegli la versione');
    await press(m.el, 'Prosegui');
    await onStep(m.el, 'Servizi aggiuntivi');
    type(deep<HTMLInputElement>(m.el, 'input#q-extra-users'), '2');
    await press(m.el, 'Prosegui');
    await onStep(m.el, 'Accedi o registrati');
    await seeText(m.el, 'La tua selezione 144,00 € + IVA/anno');
    await expect(m.el).to.be.accessible();
  });
});
