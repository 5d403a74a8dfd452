// Issue 7, item 2: however the buyer presses "Conferma" twice — a double click, Enter held down,
// or the same order confirmed in two widgets of one page — the backend gets one order, and the
// button shows progress and refuses presses while the order is in flight.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../wait.ts';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import {
  clearCassaStorage,
  enabledButton,
  onStep,
  pick,
  press,
  seeText,
  within,
} from '../checkout/helpers.ts';
import { FaultyBackend } from './faulty-backend.ts';
import {
  WORDS,
  eventsOf,
  expectOneOrderKeepingEverything,
  purchase,
  ready,
  render,
  type Widget,
} from './journey.ts';

const results: string[] = [];

/**
 * While the order is held in flight: one request out, the button disabled (`aria-disabled`, so a
 * focused button keeps the focus) and busy.
 */
async function expectInFlight(faulty: FaultyBackend, confirm: HTMLButtonElement): Promise<void> {
  await waitUntil(() => faulty.attemptsAt('order').length > 0, 'no order request');
  await waitUntil(
    () => confirm.getAttribute('aria-disabled') === 'true',
    'the confirm button stays enabled in flight',
  );
  expect(confirm.getAttribute('aria-busy')).to.equal('true');
  expect(confirm.textContent?.trim()).to.equal('Elaborazione…');
}

function centre(element: Element): [number, number] {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  return [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
}

describe('hardening: double submit', function () {
  beforeEach(clearCassaStorage);
  afterEach(() => localStorage.removeItem('cassa:order-key'));
  after(() => console.log(`hardening: double submit=${results.join(', ')}`));

  it('a double click (two real mouse clicks, then two synchronous ones): one order request, progress shown', async () => {
    const faulty = await FaultyBackend.create();
    let presses = 0;
    const w = await purchase(faulty, 'it', {
      // Held in flight while the test looks (however slow the machine): a 60 s client timeout.
      timeoutMs: 60_000,
      confirm: async (confirm) => {
        const release = faulty.hold('order');
        confirm.addEventListener('click', () => presses++);
        // Faster than any re-render: both clicks reach the button.
        confirm.click();
        confirm.click();
        // Then real mouse clicks on whatever the button has become.
        const [x, y] = centre(confirm);
        await sendMouse({ type: 'click', position: [x, y] });
        await sendMouse({ type: 'click', position: [x, y] });
        await expectInFlight(faulty, confirm);
        expect(presses, 'clicks that reached the button').to.be.greaterThan(1);
        await new Promise((wait) => setTimeout(wait, 300));
        expect(faulty.attemptsAt('order')).to.have.length(1);
        release();
      },
    });
    expectOneOrderKeepingEverything(faulty, w);
    expect(faulty.attemptsAt('order')).to.have.length(1);
    results.push(`double click ${presses} presses→1 order`);
  });

  it('Enter held down on the focused confirm button (repeated keydown): one order request', async () => {
    const faulty = await FaultyBackend.create();
    let keydowns = 0;
    const w = await purchase(faulty, 'it', {
      // Held in flight while the test looks (however slow the machine): a 60 s client timeout.
      timeoutMs: 60_000,
      confirm: async (confirm) => {
        const release = faulty.hold('order');
        confirm.addEventListener('keydown', () => keydowns++);
        confirm.focus();
        for (let i = 0; i < 8; i++) await sendKeys({ down: 'Enter' });
        await sendKeys({ up: 'Enter' });
        await expectInFlight(faulty, confirm);
        expect(confirm.matches(':focus'), 'the focus stays on the busy button').to.equal(true);
        await new Promise((wait) => setTimeout(wait, 300));
        expect(faulty.attemptsAt('order')).to.have.length(1);
        release();
      },
    });
    expect(keydowns, 'keydown events that reached the button').to.be.greaterThan(0);
    expectOneOrderKeepingEverything(faulty, w);
    expect(faulty.attemptsAt('order')).to.have.length(1);
    results.push(`Enter held ${keydowns} keydowns→1 order`);
  });

  it('two widgets of one page, the same account and order, confirmed together: one order, completed once', async () => {
    const faulty = await FaultyBackend.create();
    const token = faulty.backend.tokenFor('1234567@aruba.it');
    const widgets: Widget[] = [];
    for (let i = 0; i < 2; i++) {
      const w = await render(faulty.fetch, {
        plan: 'base',
        sessionToken: token,
        timeoutMs: 60_000,
      });
      await ready(w);
      widgets.push(w);
    }
    for (const { el } of widgets) {
      await onStep(el, WORDS.it.plans);
      await press(el, WORDS.it.continue);
      await onStep(el, WORDS.it.addons);
      await press(el, WORDS.it.continue);
      await onStep(el, WORDS.it.holder);
      await press(el, WORDS.it.continue);
      await onStep(el, WORDS.it.summary);
      await seeText(el, 'Totale da pagare ora 146,40 €');
      pick(el, 'Visa •••• 4242');
      pick(el, WORDS.it.terms);
    }
    const release = faulty.hold('order');
    // Both buttons ready first (the card and the conditions re-quote), then pressed together.
    const confirms: HTMLButtonElement[] = [];
    for (const { el } of widgets) confirms.push(await enabledButton(el, WORDS.it.confirm));
    for (const confirm of confirms) confirm.click();
    await waitUntil(() => faulty.attemptsAt('order').length === 2, 'both widgets send');
    release();
    for (const { el } of widgets) await onStep(el, WORDS.it.paid);
    expect(faulty.orders(), 'orders in the backend').to.equal(1);
    const keys = new Set(faulty.attemptsAt('order').map((a) => a.idempotencyKey));
    expect(keys.size, 'Idempotency-Keys').to.equal(1);
    const numbers = widgets.map(
      ({ el }) =>
        within(el, 'cassa-checkout-result', 'p')
          .map((p) => p.textContent ?? '')
          .find((t) => t.includes('Numero d’ordine')) ?? '',
    );
    expect(numbers[0]).to.match(/C-2026-\d{6}/);
    expect(numbers[1]).to.equal(numbers[0]);
    const complete = widgets.flatMap((w) => eventsOf(w, 'cassa-order-complete'));
    expect(complete, 'cassa-order-complete across both widgets').to.have.length(1);
    results.push('two widgets→1 order');
  });
});
