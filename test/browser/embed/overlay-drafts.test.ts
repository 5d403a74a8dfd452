// Issue 14, item 4: nothing typed is lost. Closing the overlay after typing holder data asks first;
// reopening Cassa.open with the same options in the tab, or reloading an inline widget, finds the
// selection and the typing again — never a token or a password.
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

  it('Esc asks too; "Chiudi" then closes, and Cassa.open with the same options finds it all again', async () => {
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

    const again = await openOverlay();
    await onStep(again.el, 'Scegli la versione');
    await press(again.el, 'Prosegui');
    await onStep(again.el, 'Servizi aggiuntivi');
    expect(deep<HTMLInputElement>(again.el, 'input#q-extra-users').value).to.equal('2');
    await press(again.el, 'Prosegui');
    await logIn(again.el, '1234567@aruba.it');
    await onStep(again.el, 'Dati intestatario');
    expect(deep<HTMLInputElement>(again.el, 'input#name').value).to.equal(
      'Bianchi Impianti S.r.l.',
    );
    expect(deep<HTMLInputElement>(again.el, 'input#city').value).to.equal('Torino');
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

  it('an inline widget reloaded by accident finds the selection and the holder data again', async () => {
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
