// Issue 14, item 4 (and issue 25, item 4): nothing typed is lost. Closing the overlay after typing
// holder or registration data asks first; reopening Cassa.open with the same options while the
// page lives continues on the step the buyer was on, still logged in (the session stays in the
// page's memory, never in storage); reloading an inline widget finds the selection and the typing
// again after logging in — never a token or a password kept in the tab.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../wait.ts';
import { sendKeys } from '@web/test-runner-commands';
import type { CassaCheckout } from '../../../src/cassa-checkout.ts';
import { open } from '../../../src/overlay/open.ts';
import '../../../src/overlay/cassa-overlay.ts';
import {
  BACKEND,
  FakeBackend,
  clearCassaStorage,
  deep,
  heading,
  logIn,
  mount,
  onStep,
  press,
  type,
  seeText,
  within,
} from '../checkout/helpers.ts';

const options = { backend: BACKEND, product: 'certified-platform', plan: 'base' };

const inner = () =>
  document
    .querySelector('cassa-overlay')
    ?.shadowRoot?.querySelector<CassaCheckout>('cassa-checkout') ?? null;

/** Opens the overlay and waits for its first step; the promise's outcome is recorded. */
async function openOverlay(extra: Record<string, string> = {}) {
  const outcome: { error?: unknown } = {};
  void open({ ...options, ...extra }).catch((error: unknown) => (outcome.error = error));
  await waitUntil(() => inner()?.shadowRoot?.querySelector('h2'), 'overlay never shown');
  const el = inner()!;
  await waitUntil(() => heading(el) !== '', 'no step');
  await el.updateComplete;
  return { el, overlay: document.querySelector('cassa-overlay')!, outcome };
}

/** 2 extra users, logged in, the name retyped on the holder step. */
async function typeHolder(el: CassaCheckout): Promise<void> {
  await onStep(el, 'Scegli la versione');
  await press(el, 'Prosegui');
  await onStep(el, 'Servizi aggiuntivi');
  type(deep<HTMLInputElement>(el, 'input#q-extra-users'), '2');
  await press(el, 'Prosegui');
  await logIn(el, '1234567@aruba.it');
  await onStep(el, 'Dati intestatario');
  type(deep<HTMLInputElement>(el, 'input#name'), 'Bianchi Impianti S.r.l.');
  type(deep<HTMLInputElement>(el, 'input#city'), 'Torino');
}

/** The confirmation asked on closing (rendered only while asked). */
const confirmation = (overlay: Element) =>
  overlay.shadowRoot!.querySelector<HTMLDialogElement>('dialog.ask');
const asked = (overlay: Element) => !!confirmation(overlay)?.open;

describe('nothing typed is lost (issue 14)', function () {
  let backend: FakeBackend;
  let realFetch: typeof fetch;
  beforeEach(async () => {
    clearCassaStorage();
    backend = await FakeBackend.create();
    realFetch = window.fetch;
    window.fetch = backend.fetch;
  });
  afterEach(() => {
    window.fetch = realFetch;
    document.querySelectorAll('cassa-overlay').forEach((o) => o.remove());
    document.documentElement.style.overflow = '';
  });

  it('Chiudi after typing holder data asks first; "Continua l’acquisto" keeps everything open', async () => {
    const { el, overlay, outcome } = await openOverlay();
    await typeHolder(el);
    await press(overlay, /Chiudi$/);
    await waitUntil(() => asked(overlay), 'no confirmation');
    const ask = confirmation(overlay)!;
    expect(ask.getAttribute('role')).to.equal('alertdialog');
    expect(ask.textContent).to.contain('Chiudere l’acquisto?');
    await expect(overlay).to.be.accessible();
    // Its first button has the focus: Enter or a click goes back to the purchase.
    expect(overlay.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Continua l’acquisto');
    await press(overlay, 'Continua l’acquisto');
    expect(ask.open).to.equal(false);
    await overlay.updateComplete;
    expect(confirmation(overlay), 'no second dialog left in the page').to.equal(null);
    expect(document.querySelector('cassa-overlay')).to.equal(overlay);
    expect(deep<HTMLInputElement>(el, 'input#name').value).to.equal('Bianchi Impianti S.r.l.');
    expect(outcome.error).to.equal(undefined);
  });

  it('Esc asks too; "Chiudi" then closes, and Cassa.open with the same options continues on the holder step, logged in', async () => {
    const first = await openOverlay();
    await typeHolder(first.el);
    deep<HTMLInputElement>(first.el, 'input#city').focus();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => asked(first.overlay), 'Esc did not ask');
    expect(document.querySelector('cassa-overlay')).to.equal(first.overlay);
    await press(first.overlay, 'Chiudi');
    await waitUntil(() => !document.querySelector('cassa-overlay'), 'not closed');
    await waitUntil(() => first.outcome.error instanceof DOMException);
    expect((first.outcome.error as DOMException).name).to.equal('AbortError');

    // Kept in the tab, without the token or the password.
    const kept = Object.entries(sessionStorage).filter(([key]) => key.startsWith('cassa:draft:'));
    expect(kept).to.have.length(1);
    expect(kept[0]![1]).to.contain('Bianchi Impianti S.r.l.');
    expect(kept[0]![1]).not.to.match(/token|cassa-demo|password/i);

    const logins = backend.sent('POST', '/v1/auth/login').length;
    const again = await openOverlay();
    // Where the buyer was, with what they typed, without logging in again.
    await onStep(again.el, 'Dati intestatario');
    expect(deep<HTMLInputElement>(again.el, 'input#name').value).to.equal(
      'Bianchi Impianti S.r.l.',
    );
    expect(deep<HTMLInputElement>(again.el, 'input#city').value).to.equal('Torino');
    expect(backend.sent('POST', '/v1/auth/login').length, 'no second login').to.equal(logins);
    await expect(again.overlay).to.be.accessible();
    // Back on the add-ons, the choice is there too.
    await press(again.el, 'Indietro');
    await onStep(again.el, 'Accedi o registrati');
    await seeText(again.el, '1234567@aruba.it');
    await press(again.el, 'Indietro');
    await onStep(again.el, 'Servizi aggiuntivi');
    expect(deep<HTMLInputElement>(again.el, 'input#q-extra-users').value).to.equal('2');
  });

  it('registration data typed: Chiudi asks; reopened, the registration form shows it again, never the password', async () => {
    const first = await openOverlay();
    await onStep(first.el, 'Scegli la versione');
    await press(first.el, 'Prosegui');
    await onStep(first.el, 'Servizi aggiuntivi');
    await press(first.el, 'Prosegui');
    await onStep(first.el, 'Accedi o registrati');
    await press(first.el, 'Registrati');
    await seeText(first.el, 'Registrati e prosegui');
    const set = (el: CassaCheckout, id: string, value: string) => {
      const input = within<HTMLInputElement>(el, 'cassa-account-step', `input#${id}`)[0]!;
      input.value = value;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    };
    set(first.el, 'name', 'Nuova Impresa S.r.l.');
    set(first.el, 'city', 'Torino');
    set(first.el, 'password', 'una-password-lunga');
    await press(first.overlay, /Chiudi$/);
    await waitUntil(() => asked(first.overlay), 'closing did not ask');
    await press(first.overlay, 'Chiudi');
    await waitUntil(() => !document.querySelector('cassa-overlay'), 'not closed');
    const kept = Object.entries(sessionStorage).filter(([key]) => key.startsWith('cassa:draft:'));
    expect(kept[0]![1]).to.contain('Nuova Impresa S.r.l.');
    expect(kept[0]![1]).not.to.contain('una-password-lunga');

    const again = await openOverlay();
    await onStep(again.el, 'Accedi o registrati');
    await seeText(again.el, 'Registrati e prosegui');
    const field = (id: string) =>
      within<HTMLInputElement>(again.el, 'cassa-account-step', `input#${id}`)[0]!.value;
    expect(field('name')).to.equal('Nuova Impresa S.r.l.');
    expect(field('city')).to.equal('Torino');
    expect(field('password'), 'the password is never kept').to.equal('');
  });

  it('"Chiudi e cancella i dati" forgets it: reopened, the checkout starts afresh', async () => {
    const first = await openOverlay();
    await typeHolder(first.el);
    await press(first.overlay, /Chiudi$/);
    await waitUntil(() => asked(first.overlay));
    await press(first.overlay, 'Chiudi e cancella i dati');
    await waitUntil(() => !document.querySelector('cassa-overlay'));
    expect(Object.keys(sessionStorage).filter((k) => k.startsWith('cassa:draft:'))).to.deep.equal(
      [],
    );
    const again = await openOverlay();
    await onStep(again.el, 'Scegli la versione');
    await press(again.el, 'Prosegui');
    await onStep(again.el, 'Servizi aggiuntivi');
    expect(deep<HTMLInputElement>(again.el, 'input#q-extra-users').value).to.equal('0');
  });

  it('in English, the confirmation speaks English', async () => {
    const { el, overlay } = await openOverlay({ locale: 'en' });
    await onStep(el, 'Choose the version');
    await press(el, 'Continue');
    await onStep(el, 'Add-ons');
    await press(el, 'Continue');
    await onStep(el, 'Log in or register');
    type(deep<HTMLInputElement>(el, 'input#username'), '1234567@aruba.it');
    type(deep<HTMLInputElement>(el, 'input#password'), 'cassa-demo');
    await press(el, 'Log in');
    await onStep(el, 'Holder details');
    type(deep<HTMLInputElement>(el, 'input#city'), 'Milano');
    await press(overlay, /Close$/);
    await waitUntil(() => asked(overlay));
    expect(confirmation(overlay)!.textContent).to.contain('Close the checkout?');
    expect(confirmation(overlay)!.textContent).to.contain('Continue the checkout');
    await expect(overlay).to.be.accessible();
  });

  it('without typing, Chiudi closes at once (nothing to ask about)', async () => {
    const { overlay, outcome } = await openOverlay();
    await press(overlay, /Chiudi$/);
    await waitUntil(() => !document.querySelector('cassa-overlay'));
    await waitUntil(() => outcome.error instanceof DOMException);
  });

  it('an inline widget reloaded by accident finds the selection and the holder data again, after logging in', async () => {
    const first = await mount(backend, { plan: 'base' });
    await typeHolder(first.el);
    // What a reload does: the page is hidden (pagehide), then a new page builds a new widget.
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    first.el.remove();
    const { el } = await mount(backend, { plan: 'base' });
    await onStep(el, 'Scegli la versione');
    expect(
      el.store!.state.quantities['extra-users'],
      'the quantity is back before any step is shown',
    ).to.equal(2);
    await press(el, 'Prosegui');
    await onStep(el, 'Servizi aggiuntivi');
    expect(deep<HTMLInputElement>(el, 'input#q-extra-users').value).to.equal('2');
    await press(el, 'Prosegui');
    await logIn(el, '1234567@aruba.it');
    await onStep(el, 'Dati intestatario');
    expect(deep<HTMLInputElement>(el, 'input#name').value).to.equal('Bianchi Impianti S.r.l.');
    expect(deep<HTMLInputElement>(el, 'input#city').value).to.equal('Torino');
  });
});
