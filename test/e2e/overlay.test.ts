// The marketing product page (/product.html): "Acquista" and "Attiva gratis" open the checkout in
// a modal dialog with `Cassa.open()`, and the page shows how the promise settled.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  WORDS,
  acceptAndConfirm,
  button,
  choose,
  chooseNew,
  logIn,
  onStep,
  orderNumber,
  payOnSandboxCard,
  sees,
} from './buyer.ts';
import { assertClean, expectAccessible, screenshot, useE2E } from './harness.ts';

const w = WORDS.it;

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Acquisto' });
const result = (page: Page) => page.locator('#overlay-result');

/** The element focused inside shadow roots, described by its text. */
function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return (active?.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** "Acquista" on the product page, the base plan as it comes, the freelancer's account: the summary. */
async function toSummary(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Acquista', exact: true }).click();
  await onStep(page, w.plans);
  await button(page, w.continue).click();
  await onStep(page, w.addons);
  await button(page, w.continue).click();
  await logIn(page, w, '7654321@aruba.it');
  await onStep(page, w.holder);
  await button(page, w.continue).click();
  await onStep(page, w.summary);
}

describe('product page: the checkout in an overlay', () => {
  const e2e = useE2E();

  it('"Acquista" opens the dialog on the base plan; buying resolves the promise; closing returns focus', async () => {
    const { page, problems } = await e2e.open('/product.html');
    const buy = page.getByRole('button', { name: 'Acquista', exact: true });
    await buy.click();
    await dialog(page).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.style.overflow), 'hidden');
    await onStep(page, w.plans);
    assert.equal(await page.getByRole('radio', { name: w.base }).isChecked(), true);
    await expectAccessible(page, 'product overlay (it) plans');
    await screenshot(page, 'product-overlay-open-it-1280', false);

    await button(page, w.continue).click();
    await onStep(page, w.addons);
    await button(page, w.continue).click();
    await logIn(page, w, '1234567@aruba.it');
    await onStep(page, w.holder);
    await button(page, w.continue).click();
    await onStep(page, w.summary);
    await sees(page, '146,40 €');
    await expectAccessible(page, 'product overlay (it) summary');
    await choose(page, 'Visa •••• 4242');
    await acceptAndConfirm(page, w);
    await onStep(page, w.paid);
    const number = await orderNumber(page, w);

    // The promise resolved at once; the confirmation stays until the buyer closes the dialog.
    await result(page).getByText(`Ordine ${number} completato`).waitFor();
    assert.equal(await dialog(page).isVisible(), true);
    await expectAccessible(page, 'product overlay (it) paid');
    await screenshot(page, 'product-overlay-paid-it-1280', false);

    await page.getByRole('button', { name: 'Chiudi' }).click();
    await dialog(page).waitFor({ state: 'detached' });
    assert.equal(await focusedText(page), 'Acquista');
    assert.equal(await page.evaluate(() => document.documentElement.style.overflow), '');
    assert.equal(await result(page).textContent(), `Ordine ${number} completato`);
    assertClean(problems);
  });

  it('a bank transfer from the overlay: the page says the order awaits its payment, not "completato"', async () => {
    const { page, problems } = await e2e.open('/product.html');
    await toSummary(page);
    await button(page, w.otherMethods).click();
    await choose(page, w.bank);
    await acceptAndConfirm(page, w);
    await onStep(page, w.awaiting);
    const number = await orderNumber(page, w);
    await result(page)
      .getByText(`Ordine ${number} in attesa di pagamento: istruzioni inviate per email`)
      .waitFor();
    assertClean(problems);
  });

  it('a new card from the overlay: back from the payment page, the page reopens it and the promise resolves', async () => {
    const { page, problems } = await e2e.open('/product.html');
    await toSummary(page);
    await chooseNew(page, w, 'card');
    await acceptAndConfirm(page, w);
    await payOnSandboxCard(page, '4242 4242 4242 4242');

    await page.waitForURL(/\/product\.html/);
    await dialog(page).waitFor();
    await onStep(page, w.paid);
    const number = await orderNumber(page, w);
    await result(page).getByText(`Ordine ${number} completato`).waitFor();
    assert.ok(!page.url().includes('cassa_order'), 'the return parameters stay in the URL');
    assertClean(problems);
  });

  it('closing before completing rejects the promise: "Acquisto annullato", with the button and with Esc', async () => {
    const { page, problems } = await e2e.open('/product.html');
    const free = page.getByRole('button', { name: 'Attiva gratis' });
    await free.click();
    await onStep(page, w.plans);
    assert.equal(await page.getByRole('radio', { name: w.free }).isChecked(), true);
    await page.getByRole('button', { name: 'Chiudi' }).click();
    await result(page).getByText('Acquisto annullato').waitFor();
    assert.equal(await dialog(page).count(), 0);
    assert.equal(await focusedText(page), 'Attiva gratis');

    await page.evaluate(() => document.getElementById('overlay-result')?.replaceChildren());
    await page.keyboard.press('Enter');
    await onStep(page, w.plans);
    await page.keyboard.press('Escape');
    await result(page).getByText('Acquisto annullato').waitFor();
    assert.equal(await dialog(page).count(), 0);
    assert.equal(await focusedText(page), 'Attiva gratis');
    await screenshot(page, 'product-overlay-cancelled-it-1280', false);
    assertClean(problems);
  });

  it('on a phone the dialog is a full-screen sheet and passes axe', async () => {
    const { page, problems } = await e2e.open('/product.html', { width: 375, height: 812 });
    await page.getByRole('button', { name: 'Acquista', exact: true }).click();
    await onStep(page, w.plans);
    const box = await page.locator('cassa-overlay dialog').boundingBox();
    assert.deepEqual(box && [box.x, box.y, box.width, box.height], [0, 0, 375, 812]);
    await expectAccessible(page, 'product overlay (it, 375 px) plans');
    await screenshot(page, 'product-overlay-open-it-375', false);
    assertClean(problems);
  });
});
