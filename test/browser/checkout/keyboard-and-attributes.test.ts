// <cassa-checkout> with the keyboard alone, at 320 px, reacting to attribute changes, and showing
// the server's field errors where the buyer typed.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../wait.ts';
import { sendKeys } from '@web/test-runner-commands';
import type { CassaCheckout } from '../../../src/cassa-checkout.ts';
import { problem } from '../fake-backend.ts';
import {
  FakeBackend,
  button,
  clearCassaStorage,
  deep,
  deepAll,
  enabledButton,
  eventsOf,
  logIn,
  mount,
  onStep,
  press,
  seeText,
  settled,
  within,
} from './helpers.ts';

/** The element that has the focus, through shadow roots. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const text = (e: Element | null) =>
  (e?.closest('label') ?? e)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const label = (e: Element | null) => e?.getAttribute('aria-label') ?? text(e);

/** Presses Tab until the focused element matches (a buyer tabbing through the page). */
async function tabTo(match: (e: Element) => boolean, what: string, max = 80): Promise<Element> {
  for (let i = 0; i < max; i++) {
    await sendKeys({ press: 'Tab' });
    const now = focused();
    if (now && match(now)) return now;
  }
  throw new Error(`could not Tab to ${what}`);
}

const tabToButton = (name: string) =>
  tabTo(
    (e) => (e.tagName === 'BUTTON' || e.tagName === 'A') && label(e) === name,
    `button "${name}"`,
  );
const tabToChoice = (name: string) =>
  tabTo(
    (e) =>
      e.tagName === 'INPUT' &&
      /radio|checkbox/.test((e as HTMLInputElement).type) &&
      text(e).includes(name),
    name,
  );

describe('<cassa-checkout> keyboard, small screens and runtime attributes', () => {
  let backend: FakeBackend;
  beforeEach(async () => {
    clearCassaStorage();
    backend = await FakeBackend.create();
  });

  it('a whole purchase with the keyboard alone (bank transfer, copy the reference)', async () => {
    const { el, events } = await mount(backend);
    await onStep(el, 'Scegli la versione');
    await tabToChoice('Versione base');
    await tabToButton('Prosegui');
    await sendKeys({ press: 'Enter' });
    await onStep(el, 'Servizi aggiuntivi');
    expect(focused()?.tagName).to.equal('H2');
    await tabToButton('Aumenta: Utenti aggiuntivi');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deep<HTMLInputElement>(el, 'input#q-extra-users').value === '1');
    await tabToButton('Prosegui');
    await sendKeys({ press: 'Enter' });
    await onStep(el, 'Accedi o registrati');
    await tabTo((e) => e.id === 'username', 'username');
    await sendKeys({ type: '1234567@aruba.it' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'cassa-demo' });
    await sendKeys({ press: 'Enter' });
    await onStep(el, 'Dati intestatario');
    await tabToButton('Prosegui');
    await sendKeys({ press: 'Enter' });
    await onStep(el, 'Riepilogo e pagamento');
    await seeText(el, 'Totale da pagare ora 161,04 €');
    await tabToButton('Altre modalità di pagamento');
    await sendKeys({ press: 'Enter' });
    // A radio group is one Tab stop; the arrow keys move (and select) within it.
    await tabTo((e) => (e as HTMLInputElement).name === 'method', 'the payment methods');
    for (let i = 0; i < 8 && !text(focused()).includes('Bonifico'); i++)
      await sendKeys({ press: 'ArrowDown' });
    expect(text(focused())).to.include('Bonifico');
    await tabToChoice('Accetto le');
    await sendKeys({ press: 'Space' });
    await tabToButton('Conferma e completa l’ordine');
    await sendKeys({ press: 'Enter' });
    await onStep(el, 'Ordine in attesa di pagamento');
    expect(focused()?.tagName).to.equal('H2');
    const clipboard = navigator.clipboard;
    let copied = '';
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (value: string) => void (copied = value) },
    });
    try {
      await tabToButton('Copia');
      await sendKeys({ press: 'Enter' });
      await seeText(el, 'Copiato');
    } finally {
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: clipboard });
    }
    expect(copied).to.equal('Ordine C-2026-000123');
    expect(eventsOf(events, 'cassa-order-complete')).to.have.length(1);
  });

  it('is usable at 320 px: nothing overflows sideways on any step', async () => {
    const { el } = await mount(backend);
    el.style.width = '320px';
    const fits = async (step: string) => {
      await onStep(el, step);
      // Measured at rest, as the buyer reads the step (not mid-quote).
      await settled(el);
      const wide = deepAll(el, '*').filter(
        (e) => e.getBoundingClientRect().right > el.getBoundingClientRect().right + 1,
      );
      const describe = (e: Element) =>
        `${e.tagName}.${e.className} "${e.textContent?.trim().slice(0, 40)}" ${e.getBoundingClientRect().right}`;
      expect(wide.map(describe), `overflow on "${step}"`).to.deep.equal([]);
    };
    await fits('Scegli la versione');
    expect(
      within(el, 'cassa-checkout-steps', 'li span').filter(
        (s) => s.getBoundingClientRect().width > 1,
      ),
    ).to.have.length(1);
    await press(el, 'Prosegui');
    await fits('Servizi aggiuntivi');
    await press(el, 'Prosegui');
    await fits('Accedi o registrati');
    await logIn(el, '1234567@aruba.it');
    await fits('Dati intestatario');
    await press(el, 'Prosegui');
    await fits('Riepilogo e pagamento');
    await press(el, 'Altre modalità di pagamento');
    button(el, 'Altre modalità di pagamento');
    deepAll<HTMLInputElement>(el, 'input[type=radio]')
      .find((r) => r.closest('label')?.textContent?.includes('Bonifico'))!
      .click();
    within<HTMLInputElement>(el, 'cassa-order-summary', 'input#terms')[0]!.click();
    await seeText(el, 'Totale da pagare ora 146,40 €');
    await press(el, 'Conferma e completa l’ordine');
    await fits('Ordine in attesa di pagamento');
  });

  it('at 320 px nothing overflows while the summary recalculates the price either', async () => {
    const { el } = await mount(backend);
    el.style.width = '320px';
    await onStep(el, 'Scegli la versione');
    await press(el, 'Prosegui');
    await press(el, 'Prosegui');
    await onStep(el, 'Accedi o registrati');
    await logIn(el, '1234567@aruba.it');
    await onStep(el, 'Dati intestatario');
    await press(el, 'Prosegui');
    await onStep(el, 'Riepilogo e pagamento');
    await settled(el);
    // The next quote is held in flight: the summary shows its busy state until it is released.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    backend.interceptors.unshift(async (request) => {
      if (request.method === 'POST' && request.path === '/v1/quotes') await held;
      return undefined;
    });
    deepAll<HTMLInputElement>(el, 'input[name=years]')
      .find((r) => r.closest('label')?.textContent?.includes('2 anni'))!
      .click();
    await waitUntil(
      () =>
        within(el, 'cassa-order-summary', 'button.primary')[0]?.textContent?.includes(
          'Elaborazione…',
        ),
      'the confirm button never showed the recalculation',
    );
    const right = el.getBoundingClientRect().right;
    const wide = deepAll(el, '*').filter((e) => e.getBoundingClientRect().right > right + 1);
    const describe = (e: Element) =>
      `${e.tagName}.${e.className} "${e.textContent?.trim().slice(0, 40)}" ${e.getBoundingClientRect().right}`;
    expect(wide.map(describe), 'overflow while recalculating').to.deep.equal([]);
    release();
    await settled(el);
    await enabledButton(el, 'Conferma e completa l’ordine');
    const years = backend
      .sent('POST', '/v1/quotes')
      .map((r) => (r.body as { years: number }).years);
    expect(years.at(-1)).to.equal(2);
  });

  it('session-token set at runtime logs in; product changed at runtime reloads the catalog', async () => {
    const { el, events } = await mount(backend, { product: 'pec-addons' });
    await onStep(el, 'Accedi o registrati');
    el.setAttribute('session-token', backend.tokenFor('mario.rossi@architettitorinopec.it'));
    await onStep(el, 'Scegli la casella PEC');
    await seeText(el, 'studio.rossi@architettitorinopec.it');
    el.setAttribute('product', 'certified-platform');
    await onStep(el, 'Scegli la versione');
    await seeText(el, 'Versione base');
    expect(eventsOf(events, 'cassa-ready').map((e) => e.detail.product)).to.deep.equal([
      'pec-addons',
      'certified-platform',
    ]);
    expect(backend.sent('GET', '/v1/products/certified-platform')).to.have.length(1);
  });

  it('a catalog that cannot load shows the error with Riprova, which loads it', async () => {
    let down = true;
    backend.interceptors.push((r) =>
      down && r.path.startsWith('/v1/products/') ? problem(503, 'server-error') : undefined,
    );
    const events: CustomEvent[] = [];
    const el = document.createElement('cassa-checkout') as CassaCheckout;
    el.fetchImpl = backend.fetch;
    el.setAttribute('backend', 'https://shop.test/api');
    el.setAttribute('product', 'certified-platform');
    el.addEventListener('cassa-error', (e) => events.push(e));
    el.addEventListener('cassa-ready', (e) => events.push(e));
    document.body.append(el);
    try {
      await seeText(el, 'Si è verificato un errore del server. Riprova.');
      expect(events.map((e) => e.type)).to.deep.equal(['cassa-error']);
      expect(events[0]!.detail).to.deep.include({ code: 'server', retryable: true });
      await expect(el).to.be.accessible();
      down = false;
      await press(el, 'Riprova');
      await onStep(el, 'Scegli la versione');
      expect(events.map((e) => e.type)).to.deep.equal(['cassa-error', 'cassa-ready']);
    } finally {
      el.remove();
    }
  });

  it("the server's holder errors (422) appear on the same fields of the holder step", async () => {
    const { el } = await mount(backend, { plan: 'free' });
    await press(el, 'Prosegui');
    await logIn(el, '1234567@aruba.it');
    await onStep(el, 'Dati intestatario');
    await press(el, 'Prosegui');
    await onStep(el, 'Riepilogo');
    backend.interceptors.push((r) =>
      r.path === '/v1/orders'
        ? problem(422, 'invalid-request', {
            errors: [{ path: 'holder.vatNumber', code: 'piva.checksum', message: 'bad' }],
          })
        : undefined,
    );
    within<HTMLInputElement>(el, 'cassa-order-summary', 'input#terms')[0]!.click();
    await press(el, 'Conferma e attiva');
    await onStep(el, 'Dati intestatario');
    await seeText(el, 'Alcuni dati non sono validi: controlla i campi evidenziati.');
    const vat = within<HTMLInputElement>(el, 'cassa-holder-form', 'input#vatNumber')[0]!;
    expect(vat.getAttribute('aria-invalid')).to.equal('true');
    const message = within(el, 'cassa-holder-form', `#${vat.getAttribute('aria-describedby')}`)[0]!;
    expect(message.textContent?.trim()).to.equal('Partita IVA non valida: controlla le cifre.');
    await expect(el).to.be.accessible();
  });
});
