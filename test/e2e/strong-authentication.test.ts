// Issue 23: a purchase the bank wants authenticated, in Chromium against the real demo server:
// the partner page's widget, the sandbox card page with the test card that asks for a challenge,
// the 3-D Secure-like page answered by keyboard, and the paid order back in the widget.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  WORDS,
  acceptAndConfirm,
  choose,
  chooseNew,
  onStep,
  payOnSandboxCard,
  toSummary,
} from './buyer.ts';
import { assertClean, expectAccessible, screenshot, useE2E } from './harness.ts';

describe('partner page: a card that asks for authentication at the purchase', () => {
  const e2e = useE2E();
  const w = WORDS.it;

  it('shows the bank’s challenge after the card page; confirmed by keyboard, the order is paid', async () => {
    const { page, problems } = await e2e.open('/partner.html');
    await toSummary(page, w, '7654321@aruba.it');
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

    // Bought again with the card it saved: the bank asks again, and the checkout sends the buyer
    // to the same challenge (no card form), then back to the paid order.
    await page.goto(new URL('/partner.html', page.url()).href);
    await toSummary(page, w, '7654321@aruba.it');
    await choose(page, 'Visa •••• 3155', true);
    await acceptAndConfirm(page, w);
    await page.getByRole('heading', { name: 'Verifica della banca (3-D Secure)' }).waitFor();
    assert.equal(await page.getByLabel(/numero della carta/i).count(), 0, 'no card form');
    await screenshot(page, 'sandbox-saved-card-challenge-it-1280');
    await page.getByRole('button', { name: 'Conferma il pagamento' }).click();
    await page.waitForURL(/\/partner\.html/);
    await onStep(page, w.paid);
    const confirmations = (await e2e.server.outbox()).filter(
      (m) => m.kind === 'order_confirmation' && /3155/.test(m.body),
    );
    assert.equal(confirmations.length, 2);
    assertClean(problems);
  });

  it('a renewal the bank wants authenticated: the email’s link, the challenge, the renewal paid and back to the shop', async () => {
    const { page, problems } = await e2e.open('/partner.html');
    await toSummary(page, w, '1234567@aruba.it');
    await chooseNew(page, w, 'card');
    await acceptAndConfirm(page, w);
    await payOnSandboxCard(page, '4000 0027 6000 3184');
    await page.waitForURL(/\/partner\.html/);
    await onStep(page, w.paid);

    // The demo clock moved past the renewal charge (7 days before the expiry), not to the expiry.
    for (let i = 0; i < 12; i++) {
      const moved = await fetch(`${e2e.server.url}/outbox/clock`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'days=30',
        redirect: 'manual',
      });
      assert.equal(moved.status, 303);
    }
    const mail = (await e2e.server.outbox()).find((m) => m.kind === 'renewal_action_required');
    assert.ok(mail, 'the email asking to confirm the renewal payment');
    const link = /(http:\/\/\S+\/api\/renewal-payments\/rp_\S+)/.exec(mail.body)?.[1];
    assert.ok(link, mail.body);

    await page.goto(link);
    await page.getByRole('heading', { name: 'Verifica della banca (3-D Secure)' }).waitFor();
    await page.getByText('Visa •••• 3184').waitFor();
    await expectAccessible(page, 'sandbox renewal challenge (it)');
    await screenshot(page, 'sandbox-renewal-challenge-it-1280');
    await page.getByRole('button', { name: 'Conferma il pagamento' }).click();
    await page.waitForURL(/\/partner\.html/);
    await onStep(page, w.paid);

    const after = await e2e.server.outbox();
    // The renewal email of this order (the first test's order, on another card, renewed too).
    const number = /ordine (\S+)/.exec(mail.subject)?.[1];
    assert.ok(number, mail.subject);
    assert.equal(
      after.filter((m) => m.kind === 'renewal_confirmation' && m.subject.includes(number)).length,
      1,
    );
    assertClean(problems);
  });
});
