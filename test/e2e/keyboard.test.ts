// A whole Certified Platform purchase on the partner page with the keyboard alone: Tab, Shift+Tab,
// Space, Enter, arrow keys and typing — never a mouse click.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { WORDS, loggedEvents, onStep, orderNumber, sees, widget } from './buyer.ts';
import { assertClean, screenshot, until, useE2E } from './harness.ts';

const w = WORDS.it;

interface Focused {
  tag: string;
  type: string | null;
  name: string;
  checked: boolean;
}

/** The focused element through shadow roots: its tag, type, accessible-ish name, checked state. */
function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const input = el as HTMLInputElement | null;
    const label =
      input?.labels?.[0]?.textContent ?? el?.getAttribute('aria-label') ?? el?.textContent ?? '';
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      type: el?.getAttribute('type') ?? null,
      name: label.replace(/\s+/g, ' ').trim(),
      checked: Boolean(input?.checked),
    };
  });
}

/** Presses Tab (or Shift+Tab) until the focused element matches; fails after `max` presses. */
async function tabTo(
  page: Page,
  matches: (f: Focused) => boolean,
  what: string,
  { back = false, max = 60 } = {},
): Promise<void> {
  const trail: string[] = [];
  for (let i = 0; i < max; i++) {
    const now = await focused(page);
    if (matches(now)) return;
    trail.push(`${now.tag}${now.type ? `[${now.type}]` : ''} "${now.name.slice(0, 40)}"`);
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${what}; focus went through:\n  ${trail.join('\n  ')}`);
}

const isButton = (text: string) => (f: Focused) => f.tag === 'button' && f.name === text;
const isField = (label: string) => (f: Focused) => f.tag === 'input' && f.name.startsWith(label);

describe('keyboard only', () => {
  const e2e = useE2E();

  it('buys Certified Platform base + 1 user with the saved card using only the keyboard', async () => {
    const { page, problems } = await e2e.open('/partner.html');
    await onStep(page, w.plans);

    // Plans: the radio group is one Tab stop; arrows move the choice.
    await tabTo(page, (f) => f.type === 'radio', 'the plan radios');
    await page.keyboard.press('ArrowUp');
    assert.match((await focused(page)).name, /^Versione gratuita/);
    await page.keyboard.press('ArrowDown');
    const plan = await focused(page);
    assert.match(plan.name, /^Versione base/);
    assert.equal(plan.checked, true);
    await tabTo(page, isButton(w.continue), 'Prosegui');
    await page.keyboard.press('Enter');

    // Add-ons: the step heading takes focus; one more additional user with the + button.
    await onStep(page, w.addons);
    await tabTo(page, isButton(w.more(w.extraUsers)), 'the + of additional users');
    await page.keyboard.press('Space');
    await until(
      async () => (await widget(page).locator('input#q-extra-users').inputValue()) === '1',
      'one additional user',
    );
    await tabTo(page, isButton(w.continue), 'Prosegui');
    await page.keyboard.press('Enter');

    // Account: type the username and password, Enter submits.
    await onStep(page, w.account);
    await tabTo(page, isField('Username'), 'the username');
    await page.keyboard.type('1234567@aruba.it');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).name, 'Password');
    await page.keyboard.type('cassa-demo');
    await page.keyboard.press('Enter');

    // Holder: the registered data is there; go on with its Prosegui.
    await onStep(page, w.holder);
    await tabTo(page, isButton(w.continue), 'Prosegui');
    await page.keyboard.press('Enter');

    // Summary: Shift+Tab back from the confirm button to the payment methods, pick the saved card.
    await onStep(page, w.summary);
    await sees(page, '161,04 €');
    await tabTo(page, isButton(w.confirm), 'the confirm button');
    await tabTo(
      page,
      (f) => f.type === 'radio' && f.name.startsWith('Visa •••• 4242'),
      'the saved card',
      {
        back: true,
      },
    );
    await page.keyboard.press('Space');
    assert.equal((await focused(page)).checked, true);
    await tabTo(page, (f) => f.type === 'checkbox' && f.name.startsWith('Accetto le'), 'the terms');
    await page.keyboard.press('Space');
    assert.equal((await focused(page)).checked, true);
    await tabTo(page, isButton(w.confirm), 'the confirm button');
    await page.keyboard.press('Enter');

    await onStep(page, w.paid);
    const number = await orderNumber(page, w);
    await screenshot(page, 'partner-keyboard-paid-it-1280');
    const [event] = (await loggedEvents(page, 'cassa-order-complete')) as {
      order: { number: string; totalCents: number; addons: unknown };
    }[];
    assert.equal(event?.order.number, number);
    assert.equal(event?.order.totalCents, 16104);
    assert.deepEqual(event?.order.addons, [{ id: 'extra-users', quantity: 1 }]);
    assertClean(problems);
  });
});
