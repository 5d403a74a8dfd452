// The partner page under a strict Content Security Policy with Trusted Types (/strict-csp.html):
// a whole purchase, through the payment page and back, without a single violation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  WORDS,
  acceptAndConfirm,
  button,
  chooseNew,
  logIn,
  onStep,
  orderNumber,
  payOnSandboxCard,
  sees,
  widget,
} from './buyer.ts';
import { assertClean, expectAccessible, screenshot, useE2E } from './harness.ts';

const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; require-trusted-types-for 'script'; trusted-types lit-html";

const w = WORDS.it;

/** What the page's own first script counted (`securitypolicyviolation` events). */
const counted = async (page: Page) => Number(await page.locator('#csp-violations').textContent());

describe('strict CSP page', () => {
  const e2e = useE2E();

  it('is served with the strict policy and the widget renders styled, with zero violations', async () => {
    const response = await fetch(`${e2e.server.url}/strict-csp.html`);
    assert.equal(response.headers.get('content-security-policy'), STRICT_CSP);

    const { page, problems } = await e2e.open('/strict-csp.html');
    await onStep(page, w.plans);
    // Constructed stylesheets applied: the primary button has the partner's brand color.
    const background = await button(page, w.continue).evaluate(
      (el) => getComputedStyle(el).backgroundColor,
    );
    assert.equal(background, 'rgb(15, 118, 110)');
    await expectAccessible(page, 'strict CSP (it) plans');
    assert.equal(await counted(page), 0);
    assertClean(problems);
  });

  it('a whole purchase by new card, through the sandbox page and back: still zero violations', async () => {
    const { page, problems } = await e2e.open('/strict-csp.html');
    await onStep(page, w.plans);
    await button(page, w.continue).click();
    await onStep(page, w.addons);
    await button(page, w.continue).click();
    await logIn(page, w, '7654321@aruba.it');
    await onStep(page, w.holder);
    await button(page, w.continue).click();
    await onStep(page, w.summary);
    await sees(page, '146,40 €');
    await widget(page).getByRole('button', { name: 'Altre modalità di pagamento' }).click();
    await chooseNew(page, w, 'card');
    // A help toggletip: floating-ui positions its bubble through CSSOM.
    const tip = widget(page).getByRole('button', { name: 'Che cos’è il rinnovo automatico?' });
    await tip.click();
    await widget(page)
      .getByText(/7 giorni prima addebitiamo/)
      .waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await counted(page), 0);
    await acceptAndConfirm(page, w);
    await payOnSandboxCard(page, '4242 4242 4242 4242');
    await page.waitForURL(/\/strict-csp\.html/);
    await onStep(page, w.paid);
    await orderNumber(page, w);
    await page.getByRole('button', { name: 'English' }).click();
    await onStep(page, WORDS.en.paid);
    await screenshot(page, 'strict-csp-paid-en-1280');
    assert.equal(await counted(page), 0);
    assert.equal(await page.locator('#event-log li[data-event="cassa-order-complete"]').count(), 1);
    assertClean(problems);
  });

  it('the overlay (Cassa.open) opens, locks the scroll and closes without a violation', async () => {
    const { page, problems } = await e2e.open('/strict-csp.html');
    await onStep(page, w.plans);
    // A page script would call this from a click handler; evaluate stands in for it.
    const outcome = page.evaluate(() =>
      window.Cassa!.open({ backend: '/api', product: 'certified-platform', plan: 'free' }).then(
        () => 'resolved',
        (error: Error) => error.name,
      ),
    );
    const dialog = page.getByRole('dialog', { name: 'Acquisto' });
    await dialog.waitFor();
    await dialog.getByRole('heading', { level: 2, name: w.plans }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.style.overflow), 'hidden');
    await page.keyboard.press('Escape');
    assert.equal(await outcome, 'AbortError');
    assert.equal(await counted(page), 0);
    assertClean(problems);
  });

  it('the page counter and the console watch do catch a violation (so zero means zero)', async () => {
    const { page, problems } = await e2e.open('/strict-csp.html');
    await onStep(page, w.plans);
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { color: red }';
      document.head.append(style);
    });
    await page.locator('#csp-violations').getByText('1').waitFor();
    assert.equal(problems.cspViolations.length >= 1, true, 'the console watch missed it');
  });
});
