// Issue 23: a purchase the bank wants authenticated, in Chromium against the real demo server:
// the partner page's widget, the sandbox card page with the test card that asks for a challenge,
// the 3-D Secure-like page answered by keyboard, and the paid order back in the widget.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  WORDS,
  acceptAndConfirm,
  button,
  choose,
  chooseNew,
  logIn,
  onStep,
  payOnSandboxCard,
} from './buyer.ts';
import { assertClean, expectAccessible, screenshot, useE2E } from './harness.ts';

describe('partner page: a card that asks for authentication at the purchase', () => {
  const e2e = useE2E();
  const w = WORDS.it;

  it('shows the bank’s challenge after the card page; confirmed by keyboard, the order is paid', async () => {
    const { page, problems } = await e2e.open('/partner.html');
    await onStep(page, w.plans);
    await choose(page, w.base);
    await button(page, w.continue).click();
    await onStep(page, w.addons);
    await button(page, w.continue).click();
    await logIn(page, w, '7654321@aruba.it');
    await onStep(page, w.holder);
    await button(page, w.continue).click();
    await onStep(page, w.summary);
    await chooseNew(page, w, 'card');
    await acceptAndConfirm(page, w);
    await payOnSandboxCard(page, '4000 0025 0000 3155');

    await page.getByRole('heading', { name: 'Verifica della banca (3-D Secure)' }).waitFor();
    await page.getByText('Visa •••• 3155').waitFor();
    await expectAccessible(page, 'sandbox challenge (it)');
    await screenshot(page, 'sandbox-challenge-it-1280');
    // Keyboard only: Tab to the confirm button, Enter.
    const confirm = page.getByRole('button', { name: 'Conferma il pagamento' });
    for (let i = 0; i < 10 && !(await confirm.evaluate((b) => b === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    assert.ok(await confirm.evaluate((b) => b === document.activeElement), 'reached by Tab');
    await page.keyboard.press('Enter');

    await page.waitForURL(/\/partner\.html/);
    await onStep(page, w.paid);
    const outbox = await e2e.server.outbox();
    assert.ok(outbox.some((m) => m.kind === 'order_confirmation' && /3155/.test(m.body)));
    assertClean(problems);
  });
});
