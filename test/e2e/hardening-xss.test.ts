// Issue 7, item 4, against the real server: CASSA_CATALOG is a catalog whose every free string is
// an XSS payload (generated at test time from demo/catalog.json, ids kept), the buyer registers
// with payloads as company name, street and city (stored by the server, rendered back), and a
// proxy answers problem+json whose type, title, detail and field messages are payloads. Every
// payload shows as text; none runs (`__xss` never called); no element the widget does not render
// itself appears in its shadow roots; no CSP violation — on the partner page, on the server's
// outbox page, and on the strict-CSP page.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Page, Route } from 'playwright-core';
import { xssCatalog } from '../fixtures/xss/catalog.ts';
import { PAYLOADS, WIDGET_TAGS, inspectWidgets } from '../fixtures/xss/payloads.ts';
import {
  WORDS,
  acceptAndConfirm,
  button,
  choose,
  field,
  newVatNumber,
  onStep,
  orderNumber,
  sees,
  widget,
} from './buyer.ts';
import { ROOT, assertClean, screenshot } from './harness.ts';
import { pageTraps, useHardeningE2E, type HardeningTab } from './hardening-support.ts';

const catalogDir = mkdtempSync(join(tmpdir(), 'cassa-xss-catalog-'));
const catalogFile = join(catalogDir, 'catalog.json');
const { catalog, placed } = xssCatalog(
  JSON.parse(readFileSync(join(ROOT, 'demo/catalog.json'), 'utf8')),
);
writeFileSync(catalogFile, JSON.stringify(catalog, null, 2));
after(() => rmSync(catalogDir, { recursive: true, force: true }));

const at = (path: string) => placed.get(`products.0.${path}`)!;
/** What the buyer types at registration: payloads no catalog string holds. */
const HOLDER = { name: 40, street: 26, city: 44 } as const;
/** Payloads in the proxy's problem+json bodies (type, title, detail, field codes and messages). */
const PROBLEM_PAYLOADS = [30, 31, 32, 33, 35, 50, 51, 52, 53, 54, 55, 56];
const shown = new Set<number>();
let inspections = 0;

/** The widget's visible text, shadow roots included (run in the page). */
function widgetText(): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node instanceof HTMLElement && (node.hidden || node.classList.contains('sr'))) return;
    if (node instanceof Element && node.shadowRoot) node.shadowRoot.childNodes.forEach(walk);
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    node.childNodes.forEach(walk);
  };
  document.querySelectorAll('cassa-checkout').forEach(walk);
  return parts.join(' ').replace(/\s+/g, ' ');
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

async function expectShown(page: Page, numbers: number[], where: string): Promise<void> {
  const text = await page.evaluate(widgetText);
  for (const n of numbers) {
    assert.ok(text.includes(squash(PAYLOADS[n]!)), `${where}: payload ${n} not shown as text`);
    shown.add(n);
  }
}

/** Nothing ran, nothing injected, no violation, no non-http link in the widget. */
async function expectInert(tab: HardeningTab, where: string): Promise<void> {
  const { page } = tab;
  await page.waitForTimeout(100); // onerror / onload / autofocus payloads fire by now
  const inspection = await page.evaluate(inspectWidgets, WIDGET_TAGS);
  assert.ok(inspection.shadowRoots > 1, `${where}: no widget found`);
  assert.deepEqual(inspection.foreign, [], `${where}: injected elements`);
  assert.deepEqual(inspection.handlers, [], `${where}: inline handlers`);
  assert.deepEqual(inspection.badLinks, [], `${where}: non-http links`);
  assert.deepEqual(await pageTraps(page), { xss: [], violations: [] }, `${where}: traps`);
  assertClean(tab.problems);
  inspections++;
}

/** problem+json whose every string is a payload, from a proxy in front of the server. */
function payloadProblem(route: Route, status: number, first: number, paths: string[] = []) {
  return route.fulfill({
    status,
    contentType: 'application/problem+json',
    body: JSON.stringify({
      type: `https://cassa.example/problems/${PAYLOADS[first]}`,
      title: PAYLOADS[first + 1],
      status,
      detail: PAYLOADS[first + 2],
      errors: paths.map((path, i) => ({
        path,
        code: PAYLOADS[first + 3 + i],
        message: PAYLOADS[first + 5 + i],
      })),
    }),
  });
}

describe('hardening e2e: a backend full of XSS payloads', () => {
  const e2e = useHardeningE2E(() => ({ CASSA_CATALOG: catalogFile }));
  const w = WORDS.it;

  it('partner page: catalog, registration data and error bodies are all text; a whole purchase; the outbox page inert', async () => {
    const tab = await e2e.open('/partner.html');
    const { page } = tab;
    const proxied = { quote: 0, order: 0 };
    await page.route('**/api/v1/quotes', (route) =>
      proxied.quote++ === 1 ? payloadProblem(route, 500, 30) : route.continue(),
    );
    await page.route('**/api/v1/orders', (route) =>
      proxied.order++ === 0
        ? payloadProblem(route, 422, 50, ['holder.name', 'holder.address.city'])
        : route.continue(),
    );

    await onStep(page, w.plans);
    await expectInert(tab, 'plans');
    const planTexts = ['plans.0.name.it', 'plans.1.name.it', 'plans.0.includes.0.id'];
    for (let i = 0; i < 4; i++) planTexts.push(`plans.1.includes.${i}.id`);
    await expectShown(page, planTexts.map(at), 'plans');
    await button(page, w.continue).click();

    await onStep(page, w.addons);
    await widget(page).locator('input#q-extra-users').fill('1');
    await widget(page).locator('input#q-extra-users').blur();
    await sees(page, 'Si è verificato un errore del server. Riprova.');
    await expectInert(tab, 'quote error');
    await button(page, 'Riprova').click();
    await widget(page).getByRole('alert').filter({ hasText: 'errore del server' }).waitFor({
      state: 'detached',
    });
    await expectShown(
      page,
      [0, 1, 2].map((i) => at(`addons.${i}.name.it`)),
      'add-ons',
    );
    await page.getByRole('button', { name: 'English' }).click();
    await onStep(page, WORDS.en.addons);
    await expectShown(
      page,
      [0, 1, 2].map((i) => at(`addons.${i}.name.en`)),
      'add-ons (en)',
    );
    await expectInert(tab, 'add-ons (en)');
    await page.getByRole('button', { name: 'Italiano' }).click();
    await onStep(page, w.addons);
    await button(page, w.continue).click();

    await onStep(page, w.account);
    await button(page, w.register).click();
    const vat = newVatNumber();
    await field(page, w.company).fill(PAYLOADS[HOLDER.name]!);
    await field(page, w.vatNumber).fill(vat);
    await field(page, w.taxCode).fill(vat);
    await field(page, w.street).fill(PAYLOADS[HOLDER.street]!);
    await field(page, w.postalCode).fill('10125');
    await field(page, w.city).fill(PAYLOADS[HOLDER.city]!);
    await field(page, w.province).fill('TO');
    await field(page, 'Email').fill('xss@ferriarredamenti.example');
    await field(page, w.sdiCode).fill('M5UXCR1');
    await widget(page).getByLabel(w.password, { exact: true }).fill('una-password-sicura');
    await button(page, w.registerSubmit).click();

    // What the server stored comes back into the form, as values.
    await onStep(page, w.holder);
    await expectInert(tab, 'holder');
    assert.equal(await field(page, w.company).inputValue(), PAYLOADS[HOLDER.name]!.trim());
    assert.equal(await field(page, w.street).inputValue(), PAYLOADS[HOLDER.street]!.trim());
    assert.equal(await field(page, w.city).inputValue(), PAYLOADS[HOLDER.city]!.trim());
    for (const n of Object.values(HOLDER)) shown.add(n);
    await button(page, w.continue).click();

    await onStep(page, w.summary);
    await button(page, w.otherMethods).click();
    await choose(page, w.bank);
    await expectInert(tab, 'summary');
    await expectShown(page, [at('plans.1.name.it'), at('addons.0.name.it')], 'summary');
    // termsUrl is a javascript: URL: named, never a link.
    assert.equal(await widget(page).locator('cassa-order-summary a').count(), 0);
    await acceptAndConfirm(page, w);
    await onStep(page, w.holder);
    await sees(page, 'Valore non valido.');
    await expectInert(tab, 'order field errors');
    await button(page, w.continue).click();
    await onStep(page, w.summary);
    await button(page, w.confirm).click();
    await onStep(page, w.awaiting);
    const number = await orderNumber(page, w);
    await expectInert(tab, 'awaiting payment');
    await expectShown(page, [at('plans.1.name.it'), at('addons.0.name.it')], 'result');
    const text = await page.evaluate(widgetText);
    for (const n of PROBLEM_PAYLOADS) {
      assert.ok(!text.includes(squash(PAYLOADS[n]!)), `problem payload ${n} shown`);
    }
    assert.ok(proxied.quote >= 3, 'the payload quote error was not served');
    assert.equal(proxied.order, 2);
    await screenshot(page, 'hardening-xss-awaiting-1280');

    // The server's own outbox page, which shows this order's emails: nothing runs there either.
    await page.goto('/outbox');
    await page.getByText(number).first().waitFor();
    assert.equal(await page.locator('main img, main svg, main script, main iframe').count(), 0);
    assert.deepEqual(await pageTraps(page), { xss: [], violations: [] }, 'outbox traps');
    assertClean(tab.problems);
  });

  it('strict-CSP page with the same catalog: payloads as text, zero violations in both languages', async () => {
    const tab = await e2e.open('/strict-csp.html');
    const { page } = tab;
    await onStep(page, w.plans);
    await expectInert(tab, 'strict plans');
    await expectShown(page, [at('plans.1.name.it')], 'strict plans');
    await page.getByRole('button', { name: 'English' }).click();
    await onStep(page, WORDS.en.plans);
    await expectShown(page, [at('plans.0.name.en'), at('plans.1.name.en')], 'strict plans (en)');
    await button(page, WORDS.en.continue).click();
    await onStep(page, WORDS.en.addons);
    await expectInert(tab, 'strict add-ons (en)');
    assert.equal(await page.locator('#csp-violations').textContent(), '0');
    console.log(
      `hardening: e2e xss catalog strings=${placed.size} holder fields=3 problem fields=${PROBLEM_PAYLOADS.length} distinct payloads=${new Set([...placed.values(), ...Object.values(HOLDER), ...PROBLEM_PAYLOADS]).size} shown as text=${shown.size} executed=0 injected=0 violations=0 inspections=${inspections}`,
    );
  });
});
