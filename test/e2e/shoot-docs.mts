// Makes docs/widget.png (the README's picture of the widget): the partner page's purchase column
// on the summary step. Run: node --import tsx test/e2e/shoot-docs.ts (needs a build).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { WORDS, button, choose, logIn, onStep, sees } from './buyer.ts';
import { ROOT, ensureBuild, launchBrowser, startServer } from './harness.ts';

const w = WORDS.it;
ensureBuild();
const server = await startServer();
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, locale: 'it-IT' });
  await page.goto(`${server.url}/partner.html`);
  await onStep(page, w.plans);
  await button(page, w.continue).click();
  await onStep(page, w.addons);
  await button(page, w.more(w.extraUsers)).click();
  await button(page, w.more(w.extraUsers)).click();
  await button(page, w.continue).click();
  await logIn(page, w, '1234567@aruba.it');
  await onStep(page, w.holder);
  await button(page, w.continue).click();
  await onStep(page, w.summary);
  await sees(page, '175,68 €');
  await choose(page, 'Visa •••• 4242');
  await page.locator('cassa-checkout').evaluate((el) => el.scrollIntoView());
  const path = join(ROOT, 'docs/widget.png');
  await page.locator('#acquisto').screenshot({ path });
  console.log(`${path}: ${Math.round(statSync(path).size / 1024)} KB`);
} finally {
  await browser.close();
  await server.stop();
}
