// Issue 25 on the built drop-in and the demo server, at 375 and 1280 px in Italian and English:
// (1) what the card pays, what the credit pays and the credit left, on the summary, the payment
// page and the result; (2) back from the payment page the outcome is in view with the focus on its
// heading; (7) cancelling on the payment page does not ask to log in again; and screenshots of the
// changed screens (test-results/e2e/ux25-*).
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
  payOnSandboxCard,
  sees,
  widget,
  type Lang,
  type Words,
} from './buyer.ts';
import { assertClean, expectAccessible, screenshot, until, useE2E } from './harness.ts';

const MARIO = 'mario.rossi@architettitorinopec.it';

const SETTLEMENT = {
  it: {
    summary: [
      'Addebito ora sulla carta (ricarica del credito) 15,86 €',
      'Pagato ora con il credito 10,58 €',
      'Credito residuo dopo l’ordine 5,28 €',
    ],
    page: ['Addebito ora: ricarica del credito', 'Pagato ora con il credito', 'Credito residuo'],
    result: [
      'Ricarica del credito: 15,86 €, addebitata sulla carta.',
      'Pagato con il credito: 10,58 €.',
      'Credito residuo: 5,28 €.',
    ],
  },
  en: {
    summary: [
      'Charged to your card now (credit top-up) €15.86',
      'Paid now from your credit €10.58',
      'Credit left after the order €5.28',
    ],
    page: ['Charged now: credit top-up', 'Paid now from the credit', 'Credit left after the order'],
    result: [
      'Credit top-up: €15.86, charged to your card.',
      'Paid from your credit: €10.58.',
      'Credit left: €5.28.',
    ],
  },
} as const;

const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

async function setLocale(page: Page, lang: Lang) {
  if (lang === 'en')
    await page.locator('cassa-checkout').evaluate((el) => el.setAttribute('locale', 'en'));
}

/** The heading of the shown step has the focus and its top is inside the viewport. */
async function headingFocusedInView(page: Page, name: string) {
  const heading = widget(page).getByRole('heading', { level: 2, name, exact: true });
  await until(
    () =>
      heading.evaluate((h) => {
        const root = h.getRootNode() as ShadowRoot;
        const rect = h.getBoundingClientRect();
        return root.activeElement === h && rect.top >= 0 && rect.bottom <= window.innerHeight;
      }),
    `the heading "${name}" focused and in view`,
  );
}

for (const width of [1280, 375]) {
  for (const lang of ['it', 'en'] as const) {
    describe(`issue 25 (1, 2): Ordine add-ons, ${lang} at ${width} px`, () => {
      // Its own server and database: the mailbox has no add-ons and the credit is 0 €.
      const e2e = useE2E();
      it('the summary, the payment page and the result say the same three figures; back from the page the outcome is in view, focused', async () => {
        const w: Words = WORDS[lang];
        const { page, problems } = await e2e.open('/ordine.html', { width, height: 740 });
        await onStep(page, WORDS.it.mailbox);
        await setLocale(page, lang);
        await onStep(page, w.mailbox);
        await choose(page, MARIO);
        await button(page, w.continue).click();
        await onStep(page, w.addons);
        const space = widget(page).locator('input#q-extra-space');
        await space.fill('3');
        await space.press('Tab');
        await widget(page).getByRole('checkbox', { name: w.conservation }).check();
        await until(async () => (await space.inputValue()) === '3', 'the extra space at 3 GB');
        await button(page, w.continue).click();
        await onStep(page, w.summary);
        // The only way to pay (a new card) is chosen already.
        await until(
          () => widget(page).getByRole('radio').first().isChecked(),
          'the only payment method chosen',
        );
        const rows = widget(page).locator('[part="settlement"] > div');
        await until(async () => (await rows.count()) === 3, 'the settlement rows');
        assert.deepEqual((await rows.allTextContents()).map(squash), SETTLEMENT[lang].summary);
        await expectAccessible(page, `ordine summary ${lang} ${width}`);
        await screenshot(page, `ux25-ordine-summary-${lang}-${width}`);

        await chooseNew(page, w, 'card');
        await acceptAndConfirm(page, w);
        await page.waitForURL(/\/api\/sandbox\//);
        const pageText = squash(await page.locator('dl.summary').textContent());
        for (const words of SETTLEMENT[lang].page) assert.ok(pageText.includes(words), pageText);
        await expectAccessible(page, `sandbox page ${lang} ${width}`);
        await screenshot(page, `ux25-payment-page-${lang}-${width}`);
        await payOnSandboxCard(page, '4242 4242 4242 4242');
        await page.waitForURL(/\/ordine\.html/);
        await onStep(page, WORDS.it.paid);
        await headingFocusedInView(page, WORDS.it.paid);
        await setLocale(page, lang);
        await onStep(page, w.paid);
        const result = squash(await widget(page).locator('[part="settlement"]').textContent());
        for (const sentence of SETTLEMENT[lang].result)
          assert.ok(result.includes(sentence), result);
        await expectAccessible(page, `ordine result ${lang} ${width}`);
        await screenshot(page, `ux25-ordine-result-${lang}-${width}`, false);
        assertClean(problems);
      });
    });
  }
}

describe('issue 25 (7): cancelling on the payment page', () => {
  const e2e = useE2E();
  it('lands on the summary, still logged in, with the reason shown', async () => {
    const w = WORDS.it;
    const { page, problems } = await e2e.open('/partner.html', { width: 1280, height: 740 });
    await onStep(page, w.plans);
    await button(page, w.continue).click();
    await onStep(page, w.addons);
    await button(page, w.continue).click();
    await logIn(page, w, '7654321@aruba.it');
    await onStep(page, w.holder);
    await button(page, w.continue).click();
    await onStep(page, w.summary);
    await chooseNew(page, w, 'card');
    await acceptAndConfirm(page, w);
    await page.waitForURL(/\/api\/sandbox\//);
    await page.getByRole('button', { name: 'Annulla e torna al negozio' }).click();
    await page.waitForURL(/\/partner\.html/);
    await onStep(page, w.summary);
    await sees(page, /annullato/i);
    assert.equal(
      await widget(page).getByText('Per sicurezza accedi di nuovo').count(),
      0,
      'no login asked again',
    );
    await screenshot(page, 'ux25-cancelled-summary-it-1280', false);
    assertClean(problems);
  });
});

describe('issue 25: screens that changed on the partner page', () => {
  const e2e = useE2E();
  for (const width of [1280, 375]) {
    for (const lang of ['it', 'en'] as const) {
      it(`${lang} ${width}: login with the recovery link, free plan summary, bank transfer summary, reset page`, async () => {
        const w: Words = WORDS[lang];
        const { page, problems } = await e2e.open('/partner.html', { width, height: 812 });
        await onStep(page, WORDS.it.plans);
        if (lang === 'en') {
          await page.getByRole('button', { name: 'English' }).click();
          await onStep(page, w.plans);
        }
        await choose(page, w.free);
        await button(page, w.continue).click();
        await onStep(page, w.account);
        const forgot = widget(page).getByRole('link', {
          name: lang === 'it' ? /Hai dimenticato la password/ : /Forgot your password/,
        });
        await forgot.waitFor();
        await expectAccessible(page, `partner login ${lang} ${width}`);
        await screenshot(page, `ux25-login-${lang}-${width}`);
        await logIn(page, w, '1234567@aruba.it');
        await onStep(page, w.holder);
        await button(page, w.continue).click();
        await onStep(page, w.summaryFree);
        assert.equal(await widget(page).locator('fieldset.years').count(), 0);
        await sees(page, w.free);
        await expectAccessible(page, `partner free summary ${lang} ${width}`);
        await screenshot(page, `ux25-free-summary-${lang}-${width}`);

        await widget(page)
          .getByRole('button', { name: lang === 'it' ? 'Indietro' : 'Back' })
          .first()
          .click();
        await onStep(page, w.holder);
        for (let i = 0; i < 2; i++) {
          await widget(page)
            .getByRole('button', { name: lang === 'it' ? 'Indietro' : 'Back' })
            .first()
            .click();
        }
        await onStep(page, w.plans);
        await choose(page, w.base);
        await button(page, w.continue).click();
        await onStep(page, w.addons);
        await button(page, w.continue).click();
        await onStep(page, w.account);
        await button(page, w.continue).click();
        await onStep(page, w.holder);
        await button(page, w.continue).click();
        await onStep(page, w.summary);
        await button(page, w.otherMethods).click();
        await choose(page, w.bank, true);
        await sees(
          page,
          lang === 'it' ? /non si rinnova automaticamente/ : /does not renew automatically/,
        );
        await expectAccessible(page, `partner bank summary ${lang} ${width}`);
        await screenshot(page, `ux25-bank-summary-${lang}-${width}`);

        const href = await forgotHref(page, lang);
        const reset = await e2e.open(href, { width, height: 812 });
        await expectAccessible(reset.page, `reset page ${lang} ${width}`);
        await screenshot(reset.page, `ux25-reset-${lang}-${width}`);
        assertClean(problems);
      });
    }
  }
});

async function forgotHref(page: Page, lang: Lang): Promise<string> {
  const url = new URL(page.url());
  return `${url.origin}/api/account/password-reset?lang=${lang}`;
}
