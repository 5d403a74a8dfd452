// The framework recipes (examples/react, examples/vue, examples/html), built and run in Chromium
// against the reference server on another origin: the widget shows its first step, a purchase
// in the inline checkout reaches the page's `cassa-order-complete` listener, and the "Buy" button
// opens the checkout in a dialog with `open` / `Cassa.open`, whose promise rejects when closed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { WORDS, acceptAndConfirm, button, choose, logIn, onStep, widget } from '../e2e/buyer.ts';
import {
  ensureBuild,
  launchBrowser,
  screenshot,
  startServer,
  WAIT_MS,
  type DemoServer,
} from '../e2e/harness.ts';
import { EXAMPLES, buildExample, serveExamples, type StaticSite } from './serve.ts';

const w = WORDS.it;

let backend: DemoServer;
let site: StaticSite;
let browser: Browser;

before(async () => {
  ensureBuild();
  site = await serveExamples();
  backend = await startServer({ CASSA_ALLOWED_ORIGINS: site.origin });
  for (const name of EXAMPLES) buildExample(name, `${backend.url}/api`);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await backend?.stop();
  await site?.close();
});

async function openExample(name: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // Chromium's console says "Failed to load resource" without the URL: name it from the response.
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (response.status() >= 400 && url.pathname !== '/favicon.ico')
      errors.push(`${response.status()} ${url}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(message.text());
  });
  await page.goto(`${site.origin}/${name}/`);
  return { page, errors };
}

const result = (page: Page) => page.locator('#order-result');

/** The inline checkout: base plan, no add-ons, the freelancer's account, bank transfer. */
async function buyInline(page: Page): Promise<void> {
  await onStep(page, w.plans);
  await button(page, w.continue).click();
  await onStep(page, w.addons);
  await button(page, w.continue).click();
  await logIn(page, w, '7654321@aruba.it');
  await onStep(page, w.holder);
  await button(page, w.continue).click();
  await onStep(page, w.summary);
  await button(page, w.otherMethods).click();
  await choose(page, w.bank);
  await acceptAndConfirm(page, w);
  await onStep(page, w.awaiting);
}

for (const name of EXAMPLES) {
  describe(`examples/${name}`, () => {
    it('shows the first step; a purchase fires cassa-order-complete, which the page shows', async () => {
      const { page, errors } = await openExample(name);
      try {
        await onStep(page, w.plans);
        assert.equal(await widget(page).getByRole('radio', { name: w.base }).count(), 1);
        await screenshot(page, `example-${name}-first-step`, false);
        await buyInline(page);
        await result(page)
          .getByText(/^Ordine C-\d{4}-\d{6} completato \(awaiting_payment\)$/)
          .waitFor();
        assert.deepEqual(errors, []);
      } finally {
        await page.context().close();
      }
    });

    it('"Acquista in una finestra" opens the checkout in a dialog; closing it rejects with AbortError', async () => {
      const { page, errors } = await openExample(name);
      try {
        await page.getByRole('button', { name: 'Acquista in una finestra' }).click();
        const dialog = page.getByRole('dialog', { name: 'Acquisto' });
        await dialog.waitFor();
        await dialog.getByRole('heading', { level: 2, name: w.plans, exact: true }).waitFor();
        assert.equal(await dialog.getByRole('radio', { name: w.base }).isChecked(), true);
        await screenshot(page, `example-${name}-dialog`, false);
        await page.getByRole('button', { name: 'Chiudi' }).click();
        await result(page).getByText('Acquisto annullato').waitFor();
        assert.equal(await dialog.count(), 0);
        assert.deepEqual(errors, []);
      } finally {
        await page.context().close();
      }
    });
  });
}
