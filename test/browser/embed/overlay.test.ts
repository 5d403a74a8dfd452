// Overlay mode: `Cassa.open()` as an integrator and a buyer meet it — a modal dialog that keeps
// focus, closes with Esc or its button, locks the page's scroll and settles its promise.
import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { open } from '../../../src/overlay/open.ts';
import type { CassaOverlay } from '../../../src/overlay/cassa-overlay.ts';
// These tests are about the dialog: its file is loaded first (the lazy first call: e2e tests).
import '../../../src/overlay/cassa-overlay.ts';

const options = { backend: 'https://shop.example/api', product: 'certified-platform' };

function currentOverlay(): CassaOverlay {
  const overlay = document.querySelector('cassa-overlay');
  if (!overlay) throw new Error('no <cassa-overlay> in the page');
  return overlay;
}

async function opened(): Promise<{ overlay: CassaOverlay; dialog: HTMLDialogElement }> {
  const overlay = currentOverlay();
  await overlay.updateComplete;
  const dialog = overlay.shadowRoot!.querySelector('dialog')!;
  return { overlay, dialog };
}

/** The promise's outcome, without an unhandled rejection while the test looks elsewhere. */
function settle<T>(promise: Promise<T>) {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

async function opener(): Promise<HTMLButtonElement> {
  const button = await fixture<HTMLButtonElement>(html`<button type="button">Acquista</button>`);
  button.focus();
  return button;
}

describe('overlay: Cassa.open', () => {
  afterEach(() => {
    document.querySelectorAll('cassa-overlay').forEach((o) => o.remove());
    document.documentElement.style.overflow = '';
  });

  it('opens a modal dialog over the page, with the focus inside it', async () => {
    await opener();
    void settle(open(options));
    const { overlay, dialog } = await opened();

    expect(overlay.parentElement).to.equal(document.body);
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(document.activeElement).to.equal(overlay);
    expect(dialog.contains(overlay.shadowRoot!.activeElement)).to.equal(true);
  });

  it('names the dialog and shows a labelled close button, in Italian and in English', async () => {
    void settle(open(options));
    let { overlay, dialog } = await opened();
    const title = () => overlay.shadowRoot!.getElementById(dialog.getAttribute('aria-labelledby')!);
    expect(title()?.textContent?.trim()).to.equal('Acquisto');
    expect(overlay.shadowRoot!.querySelector('button')!.textContent).to.contain('Chiudi');
    overlay.close();

    void settle(open({ ...options, locale: 'en' }));
    ({ overlay, dialog } = await opened());
    expect(title()?.textContent?.trim()).to.equal('Checkout');
    expect(overlay.shadowRoot!.querySelector('button')!.textContent).to.contain('Close');
  });

  it('hands every option to the <cassa-checkout> inside as attributes', async () => {
    void settle(
      open({
        backend: 'https://portal.example/api',
        product: 'pec-addons',
        locale: 'en',
        plan: 'member',
        subscription: 'sub-1',
        sessionToken: 'tok-123',
      }),
    );
    const { dialog } = await opened();
    const checkout = dialog.querySelector('cassa-checkout')!;
    expect(checkout.getAttribute('backend')).to.equal('https://portal.example/api');
    expect(checkout.getAttribute('product')).to.equal('pec-addons');
    expect(checkout.getAttribute('locale')).to.equal('en');
    expect(checkout.getAttribute('plan')).to.equal('member');
    expect(checkout.getAttribute('subscription')).to.equal('sub-1');
    expect(checkout.getAttribute('session-token')).to.equal('tok-123');
  });

  it('Esc closes it: the promise rejects with an AbortError and focus returns to the opener', async () => {
    const button = await opener();
    const outcome = settle(open(options));
    await opened();

    await sendKeys({ press: 'Escape' });
    const result = await outcome;

    expect(result.ok).to.equal(false);
    const error = (result as { error: DOMException }).error;
    expect(error).to.be.instanceOf(DOMException);
    expect(error.name).to.equal('AbortError');
    expect(error.message).to.equal('The buyer closed the checkout');
    expect(document.querySelector('cassa-overlay')).to.equal(null);
    expect(document.activeElement).to.equal(button);
  });

  it('the close button does the same', async () => {
    const button = await opener();
    const outcome = settle(open(options));
    const { overlay } = await opened();

    overlay.shadowRoot!.querySelector<HTMLButtonElement>('button.close')!.click();
    const result = await outcome;

    expect(result.ok).to.equal(false);
    expect((result as { error: DOMException }).error.name).to.equal('AbortError');
    expect(document.querySelector('cassa-overlay')).to.equal(null);
    expect(document.activeElement).to.equal(button);
  });

  it('the close button works from the keyboard', async () => {
    const button = await opener();
    const outcome = settle(open(options));
    const { overlay } = await opened();
    expect(overlay.shadowRoot!.activeElement?.textContent).to.contain('Chiudi');

    await sendKeys({ press: 'Enter' });
    expect((await outcome).ok).to.equal(false);
    expect(document.activeElement).to.equal(button);
  });

  it("locks the page's scroll while open and restores the page's own value after", async () => {
    document.documentElement.style.overflow = 'scroll';
    void settle(open(options));
    const { overlay } = await opened();
    expect(document.documentElement.style.overflow).to.equal('hidden');

    overlay.close();
    expect(document.documentElement.style.overflow).to.equal('scroll');
  });

  it('keeps the lock until the last of two overlays closes', async () => {
    void settle(open(options));
    void settle(open(options));
    const [first, second] = [...document.querySelectorAll('cassa-overlay')];
    await first!.updateComplete;
    await second!.updateComplete;

    second!.close();
    expect(document.documentElement.style.overflow).to.equal('hidden');
    first!.close();
    expect(document.documentElement.style.overflow).to.equal('');
  });

  it('resolves with the order of cassa-order-complete and keeps the confirmation on screen', async () => {
    const outcome = settle(open(options));
    const { overlay, dialog } = await opened();
    const order = { id: 'o1', number: 'C-2026-000042', status: 'paid' };
    let seenByPage: unknown;
    const pageListener = (event: Event) => (seenByPage = (event as CustomEvent).detail.order);
    document.addEventListener('cassa-order-complete', pageListener);

    dialog.querySelector('cassa-checkout')!.dispatchEvent(
      new CustomEvent('cassa-order-complete', {
        detail: { order },
        bubbles: true,
        composed: true,
      }),
    );
    const result = await outcome;
    document.removeEventListener('cassa-order-complete', pageListener);

    expect(result).to.deep.equal({ ok: true, value: order });
    expect(seenByPage, 'the event still reaches the page').to.deep.equal(order);
    expect(dialog.open, 'the buyer reads the confirmation, then closes').to.equal(true);
    overlay.close();
    expect(document.querySelector('cassa-overlay')).to.equal(null);
    expect(await outcome).to.deep.equal({ ok: true, value: order });
  });

  it('refuses to open without a backend or a product', async () => {
    const result = await settle(open({ backend: '', product: 'certified-platform' }));
    expect(result.ok).to.equal(false);
    expect((result as { error: Error }).error).to.be.instanceOf(TypeError);
    expect(document.querySelector('cassa-overlay')).to.equal(null);
  });

  it('is a centered card up to 720 px on desktop and a full-screen sheet on phones', async () => {
    await setViewport({ width: 1280, height: 800 });
    void settle(open(options));
    let { overlay, dialog } = await opened();
    await nextFrame();
    let box = dialog.getBoundingClientRect();
    expect(box.width).to.equal(720);
    expect(Math.round(box.left)).to.equal((1280 - 720) / 2);
    overlay.close();

    await setViewport({ width: 375, height: 700 });
    void settle(open(options));
    ({ overlay, dialog } = await opened());
    await nextFrame();
    box = dialog.getBoundingClientRect();
    expect([box.left, box.top, box.width, box.height]).to.deep.equal([0, 0, 375, 700]);
    overlay.close();
    await setViewport({ width: 800, height: 600 });
  });

  it('passes axe while open', async () => {
    void settle(open(options));
    const { overlay } = await opened();
    await expect(overlay).to.be.accessible();
  });
});
