// Overlay mode while an order is placed, and when the same order is confirmed again: what the
// page's `Cassa.open` promise says must match what the buyer saw (issue 6's overlay, found by an
// exploratory keyboard session: Esc during "Elaborazione…" rejected the promise of a paid order).
import { expect } from '@open-wc/testing';
import { waitUntil } from '../wait.ts';
import { sendKeys } from '@web/test-runner-commands';
import type { CassaCheckout } from '../../../src/cassa-checkout.ts';
import type { CompletedOrder } from '../../../src/events.ts';
import { open } from '../../../src/overlay/open.ts';
import { BACKEND, clearCassaStorage, seeText, visibleText } from '../checkout/helpers.ts';
import { FaultyBackend } from '../hardening/faulty-backend.ts';
import { eventsOf, purchase, type Widget } from '../hardening/journey.ts';
// These tests are about the dialog: its file is loaded first (the lazy first call: e2e tests).
import '../../../src/overlay/cassa-overlay.ts';

type Outcome = { ok: true; value: CompletedOrder } | { ok: false; error: unknown };

/** Opens `Cassa.open` on the faulty backend; the widget inside records its public events. */
function overlayMount(outcomes: Promise<Outcome>[]) {
  return async (fetchImpl: typeof fetch, { locale, plan }: { locale: string; plan: string }) => {
    outcomes.push(
      open({ backend: BACKEND, product: 'certified-platform', locale, plan }).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
    );
    const overlay = document.querySelector('cassa-overlay')!;
    await overlay.updateComplete;
    const el = overlay.shadowRoot!.querySelector<CassaCheckout>('cassa-checkout')!;
    const events: CustomEvent[] = [];
    for (const type of ['cassa-ready', 'cassa-step-change', 'cassa-error', 'cassa-order-complete'])
      el.addEventListener(type, (e) => events.push(e as CustomEvent));
    el.fetchImpl = fetchImpl;
    el.timeoutMs = 60_000; // the order is held while the test presses Esc and the close button
    return { el, events, navigations: [] } satisfies Widget;
  };
}

const dialogOf = () =>
  document.querySelector('cassa-overlay')?.shadowRoot?.querySelector('dialog') ?? null;

describe('overlay: while ordering, and the same order again', function () {
  beforeEach(clearCassaStorage);
  afterEach(() => {
    localStorage.removeItem('cassa:order-key');
    document.querySelectorAll('cassa-overlay').forEach((o) => o.remove());
    document.documentElement.style.overflow = '';
  });

  it('Esc and Chiudi do not close it during "Elaborazione…"; the promise then resolves with the order', async () => {
    const faulty = await FaultyBackend.create();
    const outcomes: Promise<Outcome>[] = [];
    let settled = false;
    const w = await purchase(faulty, 'it', {
      mount: overlayMount(outcomes),
      confirm: async (confirm) => {
        const release = faulty.hold('order');
        void outcomes[0]!.then(() => (settled = true));
        confirm.focus();
        confirm.click();
        await waitUntil(() => faulty.attemptsAt('order').length > 0, 'no order request');
        await sendKeys({ press: 'Escape' });
        await sendKeys({ press: 'Escape' });
        document
          .querySelector('cassa-overlay')!
          .shadowRoot!.querySelector<HTMLButtonElement>('button.close')!
          .click();
        await new Promise((r) => setTimeout(r, 200));
        expect(dialogOf()?.open, 'the dialog stays open while ordering').to.equal(true);
        expect(settled, 'the promise waits for the order').to.equal(false);
        release();
      },
    });
    expect(eventsOf(w, 'cassa-order-complete')).to.have.length(1);
    const outcome = await outcomes[0]!;
    expect(outcome.ok).to.equal(true);
    expect(outcome.ok && outcome.value.id).to.equal([...faulty.backend.orders.keys()][0]);
    // Once the order has its answer, Esc closes as usual.
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !document.querySelector('cassa-overlay'), 'Esc no longer closes');
  });

  it('the same order confirmed again: says so, no second event, and closing resolves with that order', async () => {
    const faulty = await FaultyBackend.create();
    const outcomes: Promise<Outcome>[] = [];
    const first = await purchase(faulty, 'it', { mount: overlayMount(outcomes) });
    document.querySelector('cassa-overlay')!.close();
    const firstOutcome = await outcomes[0]!;
    expect(firstOutcome.ok).to.equal(true);
    expect(eventsOf(first, 'cassa-order-complete')).to.have.length(1);

    const again = await purchase(faulty, 'it', { mount: overlayMount(outcomes) });
    await seeText(again.el, 'Avevi già confermato questo stesso ordine');
    expect(faulty.backend.orders.size, 'no second order').to.equal(1);
    expect(
      eventsOf(again, 'cassa-order-complete'),
      'the event fired once per order',
    ).to.have.length(0);
    expect(visibleText(again.el)).to.contain(
      firstOutcome.ok ? firstOutcome.value.number : 'the first order number',
    );
    document.querySelector('cassa-overlay')!.close();
    const secondOutcome = await outcomes[1]!;
    expect(secondOutcome, 'the page hears the order it saw, not "closed"').to.deep.equal(
      firstOutcome,
    );
  });
});
