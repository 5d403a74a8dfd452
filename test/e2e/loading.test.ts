// The loading model (issue 13) on the built drop-in: dist/cassa.js loads the first step's files,
// the rest when idle; a step's file that cannot be loaded is a translated error with Riprova that
// keeps the buyer's selection; the bundle parses answers with the full schemas.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const DIST = new URL('../../dist/', import.meta.url).pathname;
import type { Page } from 'playwright-core';
import {
  WORDS,
  button,
  field,
  logIn,
  loggedEvents,
  onStep,
  sees,
  toSummary,
  widget,
} from './buyer.ts';
import { assertClean, screenshot, useE2E, WAIT_MS, type PageProblems } from './harness.ts';

const w = WORDS.it;

/** The widget's scripts the page requested, in order (file names only). */
function scriptsOf(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    const name = new URL(request.url()).pathname.slice(1);
    if (/^cassa(-[\w.-]+)?\.js$/.test(name)) seen.push(name);
  });
  return seen;
}

describe('loading: the first step first, the rest when idle', () => {
  const e2e = useE2E();

  async function fresh(width = 1280): Promise<{ page: Page; problems: PageProblems }> {
    const context = await e2e.browser.newContext({
      baseURL: e2e.server.url,
      viewport: { width, height: 800 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    const problems: PageProblems = { pageErrors: [], cspViolations: [], consoleErrors: [] };
    page.on('pageerror', (error) => problems.pageErrors.push(String(error)));
    return { page, problems };
  }

  it('shows the plans with the first files only, then prefetches the other steps', async () => {
    const { page, problems } = await fresh();
    const scripts = scriptsOf(page);
    await page.addInitScript(() =>
      document.addEventListener('cassa-ready', () => {
        (window as unknown as { readyScripts: number }).readyScripts = performance
          .getEntriesByType('resource')
          .filter((e) => /\/cassa(-[\w.-]+)?\.js$/.test(e.name)).length;
      }),
    );
    await page.goto('/partner.html');
    await onStep(page, w.plans);
    const atReady = await page.waitForFunction(
      () => (window as never as { readyScripts?: number }).readyScripts,
    );
    const first = scripts.slice(0, Number(await atReady.jsonValue()));
    assert.equal(first[0], 'cassa.js');
    assert.ok(
      first.some((f) => f.startsWith('cassa-main-')),
      first.join(),
    );
    // The plan picker's code is in the first wave: a file of its own, or the main module itself
    // (one file for the first step, as the build groups it now).
    const mainFile = first.find((f) => f.startsWith('cassa-main-'))!;
    const mainText = readFileSync(join(DIST, mainFile), 'utf8');
    assert.ok(
      first.some((f) => f.includes('plan-picker')) || mainText.includes('cassa-plan-picker'),
      first.join(),
    );
    assert.ok(!first.some((f) => f.includes('holder-form') || f.includes('-en-')), first.join());
    // Idle after cassa-ready: the later steps, the English dictionary and floating-ui arrive.
    await page.waitForFunction(() =>
      ['holder-form', 'order-summary', '-en-', 'placement'].every((part) =>
        performance.getEntriesByType('resource').some((e) => e.name.includes(part)),
      ),
    );
    assertClean(problems);
  });

  it('fetches the later steps without running them, runs the next one ahead, and shows each from what it fetched', async () => {
    const { page, problems } = await fresh();
    await page.goto('/partner.html');
    await onStep(page, w.plans);
    // Idle after cassa-ready: every later part's files as modulepreload links (fetched and
    // compiled, not run), the store's session and ordering concerns too.
    const parts = [
      'addons',
      'holder-form',
      'order-summary',
      '-en-',
      'placement',
      'session',
      'ordering',
    ];
    await page.waitForFunction(
      (names) =>
        names.every((name) =>
          [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].some(
            (link) => link.href.includes(name),
          ),
        ),
      parts,
    );
    // The step after the plans (the add-ons) has run ahead; the holder form, two steps on, has not.
    await page.waitForFunction(() => customElements.get('cassa-addon-selector') !== undefined);
    assert.equal(
      await page.evaluate(() => customElements.get('cassa-holder-form') !== undefined),
      false,
      'the holder form ran before the buyer came near it',
    );
    // From now on no file of the widget can be fetched: every step comes from what was preloaded.
    const refused: string[] = [];
    await page.route(/\/cassa-[\w.-]+\.js$/, (route) => {
      refused.push(new URL(route.request().url()).pathname);
      return route.abort('internetdisconnected');
    });
    await toSummary(page, w, '7654321@aruba.it');
    await sees(page, w.total);
    assert.deepEqual(refused, []);
    assertClean(problems);
  });

  it("under a nonce-based strict-dynamic policy the preload links carry the script's nonce: no violation", async () => {
    const { page, problems } = await fresh();
    const policy =
      "default-src 'self'; script-src 'nonce-c4ss4t35t' 'strict-dynamic'; style-src 'self'; " +
      "img-src 'self' data:; connect-src 'self'; base-uri 'none'; object-src 'none'";
    // A page of the partner's served with a nonce: only the drop-in script carries it.
    await page.route('**/nonce-csp.html', (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        headers: { 'content-security-policy': policy },
        body: `<!doctype html><html lang="it"><head><meta charset="utf-8"><title>Nonce</title>
          <script nonce="c4ss4t35t" src="/cassa.js" defer></script></head>
          <body><cassa-checkout backend="/api" product="certified-platform" locale="it"></cassa-checkout></body></html>`,
      }),
    );
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { violations: string[] }).violations = seen;
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    await page.goto('/nonce-csp.html');
    await onStep(page, w.plans);
    await page.waitForFunction(() =>
      ['holder-form', 'order-summary', 'placement', 'ordering'].every((name) =>
        [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].some(
          (link) => link.href.includes(name) && link.nonce === 'c4ss4t35t',
        ),
      ),
    );
    // Every preloaded file arrived (a blocked one would be missing from the resource entries).
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].every(
        (link) => performance.getEntriesByName(link.href).length > 0,
      ),
    );
    await button(page, w.continue).click();
    await onStep(page, w.addons);
    assert.deepEqual(
      await page.evaluate(() => (window as unknown as { violations: string[] }).violations),
      [],
    );
    assertClean(problems);
  });

  it('a step whose file cannot be loaded says so, Riprova loads it, the selection stays', async () => {
    const { page } = await fresh(375);
    let offline = true;
    await page.route(/cassa-cassa-holder-form-[\w-]+\.js$/, (route) =>
      offline ? route.abort('internetdisconnected') : route.continue(),
    );
    await page.goto('/partner.html');
    await onStep(page, w.plans);
    await button(page, w.continue).click();
    await onStep(page, w.addons);
    const users = field(page, w.extraUsers);
    await users.fill('3');
    // Leaving the field shows its subtotal (issue 14: nothing should move under the pointer).
    await users.blur();
    await sees(page, '36,00 €');
    await button(page, w.continue).click();
    await logIn(page, w, '7654321@aruba.it');
    await onStep(page, w.holder);
    await sees(page, 'Non riusciamo a contattare il server. Controlla la connessione e riprova.');
    await screenshot(page, 'loading-step-file-failed-it-375');
    offline = false;
    await button(page, 'Riprova').click();
    await widget(page).getByRole('textbox', { name: 'Partita IVA' }).waitFor();
    await button(page, 'Indietro').click();
    await onStep(page, w.account);
    await button(page, 'Indietro').click();
    await onStep(page, w.addons);
    assert.equal(await users.inputValue(), '3');
  });

  it('an answer out of the contract (a negative total) is refused by the built widget', async () => {
    const { page } = await fresh();
    await page.route(/\/api\/v1\/quotes$/, async (route) => {
      const response = await route.fetch();
      const quote = (await response.json()) as Record<string, unknown>;
      await route.fulfill({ response, json: { ...quote, totalCents: -1 } });
    });

    await page.goto('/partner.html');
    // The plan step already asks for the quote of the preselected plan.
    await onStep(page, w.plans);
    await sees(page, 'Il server ha inviato una risposta inattesa. Riprova tra poco.');
    const errors = (await loggedEvents(page, 'cassa-error')) as { code: string }[];
    assert.deepEqual(
      errors.map((e) => e.code),
      ['invalid_response'],
    );
  });
});
