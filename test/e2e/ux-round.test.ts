// Issue 14 on the built drop-in and the demo server: purchases with real mouse clicks (page.mouse:
// press and release at a point, no waiting for the target to stand still) right after typing, at
// 375 px and 1280 px in Italian and English, with a screenshot of every step; and the overlay's
// question when the buyer closes it after typing holder data.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { WORDS, button, field, onStep, radio, sees, widget, type Lang } from './buyer.ts';
import { PASSWORD, assertClean, screenshot, useE2E } from './harness.ts';

const e2e = useE2E();

/**
 * Presses and releases the mouse at the middle of `target` as it stands now — at once, as a person
 * does after typing — and reports whether the click reached it.
 */
async function mouseClick(page: Page, target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  assert.ok(box, 'the control is on screen');
  const handle = await target.elementHandle();
  await page.evaluate((el) => {
    (window as unknown as { clicked: boolean }).clicked = false;
    el!.addEventListener(
      'click',
      () => ((window as unknown as { clicked: boolean }).clicked = true),
      {
        once: true,
      },
    );
  }, handle);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(100);
  await page.mouse.up();
  assert.equal(
    await page.evaluate(() => (window as unknown as { clicked: boolean }).clicked),
    true,
    'the click landed on the control it was aimed at',
  );
}

/** Focuses a field with the mouse and types into it with the keyboard (replacing its text). */
async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await mouseClick(page, target);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(text);
}

const shot = (page: Page, width: number, lang: Lang, step: string) =>
  screenshot(page, `ux14-${width}-${lang}-${step}`, false);

describe('issue 14: real mouse clicks right after typing, one navigation layout', () => {
  for (const width of [375, 1280]) {
    for (const lang of ['it', 'en'] as const) {
      const w = WORDS[lang];
      it(`${width} px, ${lang}: base + 3 users, saved card — every click lands at once; a screenshot per step`, async () => {
        const { page, problems } = await e2e.open('/partner.html', { width, height: 812 });
        await onStep(page, WORDS.it.plans);
        if (lang === 'en') {
          await page.getByRole('button', { name: 'English' }).click();
          await onStep(page, w.plans);
        }
        await mouseClick(page, radio(page, w.base));
        await shot(page, width, lang, '1-plan');
        await mouseClick(page, button(page, w.continue));
        await onStep(page, w.addons);

        // The defect: type 3 and click Prosegui at once.
        await typeInto(page, field(page, w.extraUsers), '3');
        await mouseClick(page, button(page, w.continue));
        await onStep(page, w.account);
        await shot(page, width, lang, '3-account');
        await mouseClick(page, button(page, w.login));
        await typeInto(page, field(page, w.username), '1234567@aruba.it');
        await typeInto(page, widget(page).getByLabel(w.password, { exact: true }), PASSWORD);
        await mouseClick(page, button(page, w.login));
        await onStep(page, w.holder);

        // A PEC-looking email (a warning appears while typing), then Prosegui at once.
        await typeInto(page, field(page, w.city), 'Torino');
        await typeInto(page, field(page, 'Email'), 'amministrazione@rossi.pec.it');
        await shot(page, width, lang, '4-holder');
        await button(page, w.continue).scrollIntoViewIfNeeded();
        await shot(page, width, lang, '4-holder-nav');
        await mouseClick(page, button(page, w.continue));
        await onStep(page, w.summary);
        await sees(page, 'Visa •••• 4242');
        await mouseClick(page, radio(page, 'Visa •••• 4242'));
        await mouseClick(page, widget(page).getByRole('checkbox', { name: w.terms }));
        await shot(page, width, lang, '5-summary');
        await mouseClick(page, button(page, w.confirm));
        await onStep(page, w.paid);
        await shot(page, width, lang, '6-result');
        assertClean(problems);
      });

      it(`${width} px, ${lang}: the add-ons step with its running total`, async () => {
        const { page, problems } = await e2e.open('/partner.html', { width, height: 812 });
        await onStep(page, WORDS.it.plans);
        if (lang === 'en') {
          await page.getByRole('button', { name: 'English' }).click();
          await onStep(page, w.plans);
        }
        await mouseClick(page, button(page, w.continue));
        await onStep(page, w.addons);
        await typeInto(page, field(page, w.extraUsers), '3');
        await page.keyboard.press('Tab');
        await sees(page, lang === 'it' ? '156,00 € + IVA/anno' : '€156.00 + VAT/year');
        // Visible without scrolling: the running total is inside the first screen.
        const total = widget(page).locator('[part="running-total"]');
        const box = await total.boundingBox();
        assert.ok(box && box.y + box.height <= 812, 'the running total is on the first screen');
        // As the step showed it (its heading focused, at the top of the screen).
        await widget(page)
          .getByRole('heading', { level: 2 })
          .evaluate((h) => h.scrollIntoView());
        await shot(page, width, lang, '2-addons');
        assertClean(problems);
      });
    }
  }

  it('the overlay at 375 px: Chiudi after typing holder data asks first, and a reopening continues there', async () => {
    const w = WORDS.it;
    const { page, problems } = await e2e.open('/product.html', { width: 375, height: 812 });
    await page
      .getByRole('button', { name: /^Acquista/ })
      .first()
      .click();
    await onStep(page, w.plans);
    await mouseClick(page, button(page, w.continue));
    await onStep(page, w.addons);
    await typeInto(page, field(page, w.extraUsers), '2');
    await mouseClick(page, button(page, w.continue));
    await onStep(page, w.account);
    await typeInto(page, field(page, w.username), '1234567@aruba.it');
    await typeInto(page, widget(page).getByLabel(w.password, { exact: true }), PASSWORD);
    await mouseClick(page, button(page, w.login));
    await onStep(page, w.holder);
    await typeInto(page, field(page, w.city), 'Torino');
    await page
      .getByRole('button', { name: /Chiudi$/ })
      .first()
      .click();
    const ask = page.getByRole('alertdialog', { name: 'Chiudere l’acquisto?' });
    await ask.waitFor();
    await screenshot(page, 'ux14-375-it-overlay-confirm', false);
    await ask.getByRole('button', { name: 'Chiudi', exact: true }).click();
    await ask.waitFor({ state: 'detached' });
    await page
      .getByRole('button', { name: /^Acquista/ })
      .first()
      .click();
    // Issue 25 (4): while the page lives, the reopened checkout is on the holder step, logged in,
    // with the typing kept; the choices of the earlier steps are there too.
    await onStep(page, w.holder);
    assert.equal(await field(page, w.city).inputValue(), 'Torino');
    await screenshot(page, 'ux25-overlay-reopened-it-375', false);
    await mouseClick(page, button(page, 'Indietro'));
    await onStep(page, w.account);
    await mouseClick(page, button(page, 'Indietro'));
    await onStep(page, w.addons);
    assert.equal(await field(page, w.extraUsers).inputValue(), '2');
    assertClean(problems);
  });
});
