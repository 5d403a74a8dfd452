// The Ordine member portal (/ordine.html): the member arrives logged in through the portal's
// session token and buys PEC mailbox add-ons, paid from the prepaid credit topped up by card.
// Each block has its own server and fresh database, so the credit starts at 0 € every time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { addMonths, todayInRome } from '../../src/domain/dates.ts';
import { formatDate } from '../../src/i18n/index.ts';
import {
  WORDS,
  acceptAndConfirm,
  button,
  choose,
  chooseNew,
  onStep,
  orderNumber,
  payOnSandboxCard,
  sees,
  widget,
  type Words,
} from './buyer.ts';
import { assertClean, expectAccessible, screenshot, until, useE2E } from './harness.ts';

const MARIO = 'mario.rossi@architettitorinopec.it';
const STUDIO = 'studio.rossi@architettitorinopec.it';

/** Mailbox → 3 GB of extra space and conservation → the summary, with axe on every step. */
async function chooseAddons(page: Page, w: Words, mailbox: string, where: string) {
  await onStep(page, w.mailbox);
  await expectAccessible(page, `${where} mailbox`);
  await choose(page, mailbox);
  await button(page, w.continue).click();
  await onStep(page, w.addons);
  const space = widget(page).locator('input#q-extra-space');
  await space.fill('3');
  await space.press('Tab');
  await widget(page).getByRole('checkbox', { name: w.conservation }).check();
  await until(async () => (await space.inputValue()) === '3', 'the extra space to read 3 GB');
  await expectAccessible(page, `${where} add-ons`);
  await button(page, w.continue).click();
  await onStep(page, w.summary);
}

async function payTopUpByNewCard(page: Page, w: Words): Promise<void> {
  await chooseNew(page, w, 'card');
  await acceptAndConfirm(page, w);
  await payOnSandboxCard(page, '4242 4242 4242 4242');
  await page.waitForURL(/\/ordine\.html/);
}

describe('Ordine portal: 8 months left on mario.rossi@…', () => {
  const e2e = useE2E();
  const w = WORDS.it;

  it('10,58 € due now, a top-up of at least 15,86 € through the sandbox card page, then confirmed', async () => {
    const { page, problems } = await e2e.open('/ordine.html');
    // Logged in by the portal: no account step.
    await onStep(page, w.mailbox);
    const steps = await widget(page)
      .getByRole('list', { name: 'Passaggi dell’acquisto' })
      .textContent();
    assert.doesNotMatch(steps ?? '', /Accesso/);
    const expiry = formatDate(addMonths(todayInRome(), 8), 'it');
    await sees(page, `Scade il ${expiry}`);
    await sees(page, 'Credito disponibile: 0,00 €');

    await chooseAddons(page, w, MARIO, 'ordine (it)');
    await sees(page, '10,58 €');
    await sees(page, 'Imponibile');
    await sees(page, '8,67 €');
    await sees(page, '1,91 €');
    assert.equal(
      await widget(page).getByLabel('Ricarica del credito in euro').inputValue(),
      '15,86',
    );
    await sees(page, 'Minimo 15,86 €');
    await sees(page, /se il credito o la carta non coprono/i);
    await expectAccessible(page, 'ordine (it) summary');
    await screenshot(page, 'ordine-summary-8-months-it-1280');

    await payTopUpByNewCard(page, w);
    await onStep(page, w.paid);
    const number = await orderNumber(page, w);
    await sees(page, 'Ricarica del credito: 15,86 €');
    await page.getByText(`Ordine ${number} registrato`).waitFor();
    await expectAccessible(page, 'ordine (it) paid');
    await screenshot(page, 'ordine-paid-it-1280');

    const confirmation = (await e2e.server.outbox()).find(
      (e) => e.subject.includes(number) || e.body.includes(number),
    );
    assert.ok(confirmation, 'no order confirmation in the outbox');
    assertClean(problems);
  });
});

describe('Ordine portal: 2 months left on studio.rossi@…', () => {
  const e2e = useE2E();
  const w = WORDS.it;

  it('free until the mailbox expires: 0,00 € now, the renewal at expiry stated, then confirmed', async () => {
    const { page, problems } = await e2e.open('/ordine.html');
    const expiry = formatDate(addMonths(todayInRome(), 2), 'it');
    await chooseAddons(page, w, STUDIO, 'ordine (it, free)');
    await sees(page, `Gratis fino alla scadenza della casella: ${expiry}`);
    await sees(page, /Totale da pagare ora/);
    await sees(page, '0,00 €');
    await sees(page, '15,86 €');
    await expectAccessible(page, 'ordine (it) free summary');
    await screenshot(page, 'ordine-summary-free-it-1280');

    await payTopUpByNewCard(page, w);
    await onStep(page, w.paid);
    await sees(page, `Gratis fino al ${expiry}`);
    await expectAccessible(page, 'ordine (it) free result');
    await screenshot(page, 'ordine-free-result-it-1280');
    assertClean(problems);
  });
});

describe('Ordine portal in English, on a phone', () => {
  const e2e = useE2E();
  const en = WORDS.en;

  it('every step passes axe in English at 375 px, through to the confirmation', async () => {
    const { page, problems } = await e2e.open('/ordine.html', { width: 375, height: 812 });
    await onStep(page, WORDS.it.mailbox);
    await page.locator('cassa-checkout').evaluate((el) => el.setAttribute('locale', 'en'));
    await chooseAddons(page, en, MARIO, 'ordine (en, 375 px)');
    await sees(page, '€10.58');
    await expectAccessible(page, 'ordine (en, 375 px) summary');
    await screenshot(page, 'ordine-summary-en-375');
    await payTopUpByNewCard(page, en);
    // Back from the payment page the portal renders the widget in its own language again.
    await onStep(page, WORDS.it.paid);
    await page.locator('cassa-checkout').evaluate((el) => el.setAttribute('locale', 'en'));
    await onStep(page, en.paid);
    await expectAccessible(page, 'ordine (en, 375 px) paid');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.equal(overflow, 0, 'the portal scrolls sideways at 375 px');
    await screenshot(page, 'ordine-paid-en-375');
    assertClean(problems);
  });
});
