// Issue 7, item 5: purchases on the strict-CSP page (/strict-csp.html: no inline script or style,
// no eval, Trusted Types required) with zero violations — counted by the page's own first script,
// by a listener installed before any page script, and in the console — on every page the buyer
// passes through, the payment provider's included.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  WORDS,
  acceptAndConfirm,
  approveOnSandboxPaypal,
  button,
  choose,
  chooseNew,
  logIn,
  loggedEvents,
  onStep,
  orderNumber,
  payOnSandboxCard,
  registerCompany,
  sees,
  type Words,
} from './buyer.ts';
import { assertClean, screenshot } from './harness.ts';
import { pageTraps, useHardeningE2E, type HardeningTab } from './hardening-support.ts';

const figures: string[] = [];
let checks = 0;

/** Zero violations on the current page: its counter, the early listener, the console. */
async function expectNoViolation(tab: HardeningTab, where: string): Promise<void> {
  const { page, problems } = tab;
  if (new URL(page.url()).pathname === '/strict-csp.html') {
    assert.equal(await page.locator('#csp-violations').textContent(), '0', `${where}: counter`);
  }
  assert.deepEqual((await pageTraps(page)).violations, [], `${where}: violations`);
  assertClean(problems);
  checks++;
}

async function toSummary(tab: HardeningTab, w: Words, username: string): Promise<void> {
  const { page } = tab;
  await onStep(page, w.plans);
  await expectNoViolation(tab, 'plans');
  await choose(page, w.base);
  await button(page, w.continue).click();
  await onStep(page, w.addons);
  await button(page, w.continue).click();
  await logIn(page, w, username);
  await onStep(page, w.holder);
  await expectNoViolation(tab, 'holder');
  await button(page, w.continue).click();
  await onStep(page, w.summary);
}

const completions = async (page: Page) => (await loggedEvents(page, 'cassa-order-complete')).length;

describe('hardening e2e: purchases under the strict CSP with Trusted Types', () => {
  const e2e = useHardeningE2E();
  const w = WORDS.it;
  const en = WORDS.en;

  it('a new company registers and pays by bank transfer: zero violations on every step', async () => {
    const tab = await e2e.open('/strict-csp.html');
    const { page } = tab;
    await onStep(page, w.plans);
    await choose(page, w.base);
    await button(page, w.continue).click();
    await onStep(page, w.addons);
    await button(page, w.more(w.extraUsers)).click();
    await button(page, w.continue).click();
    await onStep(page, w.account);
    await expectNoViolation(tab, 'account');
    await registerCompany(page, w);
    await onStep(page, w.holder);
    await button(page, w.continue).click();
    await onStep(page, w.summary);
    await sees(page, '161,04 €'); // (120 + 12) € + 22% IVA
    await button(page, w.otherMethods).click();
    await choose(page, w.bank);
    await expectNoViolation(tab, 'summary');
    await acceptAndConfirm(page, w);
    await onStep(page, w.awaiting);
    const number = await orderNumber(page, w);
    await sees(page, 'IT60X0542811101000000123456');
    await sees(page, `Ordine ${number}`);
    // The reference's copy button writes through the Clipboard API: no violation either.
    await button(page, 'Copia').click();
    await expectNoViolation(tab, 'awaiting payment');
    assert.equal(await completions(page), 1);
    await screenshot(page, 'hardening-strict-csp-bank-transfer-it-1280');
    figures.push('bank transfer');
  });

  it('a new card refused on the provider page, then a new card paid: back twice, zero violations', async () => {
    const tab = await e2e.open('/strict-csp.html');
    const { page } = tab;
    await toSummary(tab, w, '7654321@aruba.it');
    await chooseNew(page, w, 'card');
    await acceptAndConfirm(page, w);
    await payOnSandboxCard(page, '4000 0000 0000 0002');
    await page.waitForURL(/\/strict-csp\.html/);
    await onStep(page, w.refused);
    await expectNoViolation(tab, 'refused');
    await button(page, w.otherMethod).click();
    // The return URL's resume token opened a session (issue 25): no second login.
    await onStep(page, w.summary);
    await chooseNew(page, w, 'card');
    await acceptAndConfirm(page, w);
    await payOnSandboxCard(page, '4242 4242 4242 4242');
    await page.waitForURL(/\/strict-csp\.html/);
    await onStep(page, w.paid);
    await orderNumber(page, w);
    await expectNoViolation(tab, 'paid');
    assert.equal(await completions(page), 1);
    figures.push('new card refused then paid');
  });

  it('in English, a new PayPal account through the sandbox and back: zero violations', async () => {
    const tab = await e2e.open('/strict-csp.html');
    const { page } = tab;
    await onStep(page, w.plans);
    await page.getByRole('button', { name: 'English' }).click();
    await toSummary(tab, en, '7654321@aruba.it');
    await chooseNew(page, en, 'paypal');
    await expectNoViolation(tab, 'summary (en)');
    await acceptAndConfirm(page, en);
    await approveOnSandboxPaypal(page);
    await page.waitForURL(/\/strict-csp\.html/);
    // The page remembers its language switch for the tab: back in English, the order paid.
    await onStep(page, en.paid);
    await expectNoViolation(tab, 'paid');
    const [event] = (await loggedEvents(page, 'cassa-order-complete')) as {
      order: { paymentMethod: string; status: string };
    }[];
    assert.deepEqual([event?.order.paymentMethod, event?.order.status], ['paypal', 'paid']);
    figures.push('new PayPal');
    console.log(
      `hardening: strict CSP purchases=${figures.length} (${figures.join(', ')}) violations=0 checks=${checks}`,
    );
  });
});
