// Issue 7, items 1–3 against the real server: a double click, Enter held down, two tabs confirming
// the same order, an order whose answer is lost after the server created it, and the
// exactly-once `cassa-order-complete` across reload, back/forward and a second widget. At the end
// the server is stopped and its database read: one order row per purchase, one key per order.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page, Request } from 'playwright-core';
import {
  WORDS,
  button,
  choose,
  chooseNew,
  logIn,
  loggedEvents,
  onStep,
  orderNumber,
  payOnSandboxCard,
  sees,
  widget,
} from './buyer.ts';
import { assertClean, screenshot, until } from './harness.ts';
import { queryStopped, useHardeningE2E } from './hardening-support.ts';

const w = WORDS.it;
const figures: string[] = [];
/** Order numbers the buyer saw, by scenario. */
const purchases = new Map<string, string>();

/** Base plan, no add-ons, holder data as registered: on the summary. */
async function toSummary(page: Page, username: string): Promise<void> {
  await onStep(page, w.plans);
  await choose(page, w.base);
  await button(page, w.continue).click();
  await onStep(page, w.addons);
  await button(page, w.continue).click();
  await logIn(page, w, username);
  await onStep(page, w.holder);
  await button(page, w.continue).click();
  await onStep(page, w.summary);
  await sees(page, '146,40 €');
}

/** Every `POST /api/v1/orders` the page sends. */
function orderRequests(page: Page): Request[] {
  const sent: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/orders') {
      sent.push(request);
    }
  });
  return sent;
}

/** Holds each order request `ms` before it reaches the server. */
async function slowOrders(page: Page, ms: number): Promise<void> {
  await page.route('**/api/v1/orders', async (route) => {
    await new Promise((wait) => setTimeout(wait, ms));
    await route.continue();
  });
}

/** While the order is in flight, the confirm button is disabled and says it is working. */
async function expectBusyConfirm(page: Page): Promise<void> {
  const busy = button(page, 'Elaborazione…');
  await busy.waitFor();
  assert.equal(await busy.isDisabled(), true, 'the confirm button is enabled in flight');
  assert.equal(await busy.getAttribute('aria-busy'), 'true');
}

async function acceptTerms(page: Page): Promise<void> {
  await widget(page).getByRole('checkbox', { name: w.terms }).check();
}

describe('hardening e2e: one order however the buyer insists', () => {
  const e2e = useHardeningE2E();

  it('a double click on "Conferma": one request, progress shown, one order', async () => {
    const { page, problems } = await e2e.open('/partner.html');
    const sent = orderRequests(page);
    await toSummary(page, '1234567@aruba.it');
    await choose(page, 'Visa •••• 4242');
    await acceptTerms(page);
    await slowOrders(page, 1200);
    await button(page, w.confirm).dblclick();
    await expectBusyConfirm(page);
    await onStep(page, w.paid);
    purchases.set('double click', await orderNumber(page, w));
    assert.equal(sent.length, 1, 'order requests');
    assert.equal((await loggedEvents(page, 'cassa-order-complete')).length, 1);
    figures.push(`double click requests=${sent.length}`);
    assertClean(problems);
  });

  it('Enter held down on the focused "Conferma" (repeated keydown): one request, one order', async () => {
    const { page, problems } = await e2e.open('/partner.html');
    const sent = orderRequests(page);
    await toSummary(page, '7654321@aruba.it');
    await button(page, w.otherMethods).click();
    await choose(page, w.bank);
    await acceptTerms(page);
    await slowOrders(page, 1200);
    await button(page, w.confirm).focus();
    for (let i = 0; i < 10; i++) await page.keyboard.down('Enter');
    await page.keyboard.up('Enter');
    await expectBusyConfirm(page);
    await onStep(page, w.awaiting);
    purchases.set('enter held', await orderNumber(page, w));
    assert.equal(sent.length, 1, 'order requests');
    figures.push(`Enter held requests=${sent.length}`);
    assertClean(problems);
  });

  it('two tabs of one browser confirm the same order together: one order, both tabs show it', async () => {
    const context = await e2e.context();
    const tabs = [
      await e2e.open('/partner.html', context),
      await e2e.open('/partner.html', context),
    ];
    const sent = tabs.map(({ page }) => orderRequests(page));
    for (const { page } of tabs) {
      await toSummary(page, '1234567@aruba.it');
      await choose(page, 'Visa •••• 4242');
      await acceptTerms(page);
      await slowOrders(page, 800);
    }
    await Promise.all(tabs.map(({ page }) => button(page, w.confirm).click()));
    const numbers: string[] = [];
    for (const { page } of tabs) {
      await onStep(page, w.paid);
      numbers.push(await orderNumber(page, w));
    }
    assert.equal(numbers[1], numbers[0], 'the two tabs show different orders');
    const keys = sent.flat().map((r) => r.headers()['idempotency-key']);
    assert.equal(keys.length, 2);
    assert.equal(new Set(keys).size, 1, 'the tabs sent different Idempotency-Keys');
    purchases.set('two tabs', numbers[0]!);
    await screenshot(tabs[1]!.page, 'hardening-two-tabs-second-1280');
    figures.push(`two tabs requests=${keys.length} orders shown=${new Set(numbers).size}`);
    for (const { problems } of tabs) assertClean(problems);
  });

  it('the answer of a created order is lost (connection reset): the same key again, the same order', async () => {
    const { page, problems } = await e2e.open('/partner.html');
    const sent = orderRequests(page);
    await toSummary(page, '1234567@aruba.it');
    await button(page, w.otherMethods).click();
    await choose(page, w.postal);
    await acceptTerms(page);
    let lost = 0;
    await page.route('**/api/v1/orders', async (route) => {
      if (lost++ > 0) return route.continue();
      const created = await route.fetch(); // the server creates the order …
      assert.equal(created.status(), 201);
      await route.abort('connectionreset'); // … and its answer never arrives
    });
    await button(page, w.confirm).click();
    await onStep(page, w.awaiting);
    const number = await orderNumber(page, w);
    purchases.set('lost answer', number);
    const keys = sent.map((r) => r.headers()['idempotency-key']);
    assert.equal(keys.length, 2, 'order requests');
    assert.equal(new Set(keys).size, 1);
    assert.equal((await loggedEvents(page, 'cassa-order-complete')).length, 1);
    const emails = (await e2e.server.outbox()).filter((e) => e.body.includes(number));
    assert.equal(new Set(emails.map((e) => e.orderId)).size, 1);
    figures.push(`lost answer requests=${keys.length} keys=${new Set(keys).size}`);
    assertClean(problems);
  });

  it('cassa-order-complete exactly once: return from the sandbox, reload, back/forward, the return URL again, a second widget', async () => {
    const { page, problems } = await e2e.open('/partner.html');
    const returns: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && frame.url().includes('cassa_order=')) {
        returns.push(frame.url());
      }
    });
    const completions = async () => (await loggedEvents(page, 'cassa-order-complete')).length;
    await toSummary(page, '7654321@aruba.it');
    await chooseNew(page, w, 'card');
    await acceptTerms(page);
    await button(page, w.confirm).click();
    await payOnSandboxCard(page, '4242 4242 4242 4242');
    await page.waitForURL(/\/partner\.html/);
    await onStep(page, w.paid);
    purchases.set('new card', await orderNumber(page, w));
    await until(async () => (await completions()) === 1, 'the first completion');
    assert.equal(returns.length, 1);
    const counts: Record<string, number> = { return: await completions() };

    const settle = async (what: string) => {
      await onStep(page, what === 'replay' ? w.paid : w.plans);
      await page.waitForTimeout(400);
      counts[what] = await completions();
    };
    await page.reload();
    await settle('reload');
    await page.goBack(); // the sandbox page
    await page.waitForURL(/\/api\/sandbox\//);
    await page.goForward();
    await page.waitForURL(/\/partner\.html$/);
    await settle('back/forward');
    await page.goto(returns[0]!); // the return URL with its parameters, once more
    await settle('replay');
    await page.evaluate(() => {
      const second = document.createElement('cassa-checkout');
      second.setAttribute('backend', '/api');
      second.setAttribute('product', 'certified-platform');
      second.id = 'second';
      document.querySelector('#acquisto')?.append(second);
    });
    await page.locator('#second').getByRole('heading', { level: 2 }).first().waitFor();
    await page.waitForTimeout(400);
    counts['second widget'] = await completions();
    assert.deepEqual(counts, {
      return: 1,
      reload: 1,
      'back/forward': 1,
      replay: 1,
      'second widget': 1,
    });
    figures.push(
      `exactly-once events=${Object.entries(counts)
        .map(([k, v]) => `${k}:${v}`)
        .join(' ')}`,
    );
    assertClean(problems);
  });

  it('the database holds one order per purchase, each with one Idempotency-Key', async () => {
    assert.equal(purchases.size, 5, 'an earlier scenario did not finish');
    const outbox = await e2e.server.outbox();
    await e2e.stopServer();
    const orders = await queryStopped<{ number: string; keys: number }>(
      e2e.dataDir,
      `SELECT o.number, (SELECT count(*)::int FROM idempotency_keys k WHERE k.order_id = o.id) AS keys
         FROM orders o ORDER BY o.number`,
    );
    assert.deepEqual(
      orders.map((o) => o.number),
      [...purchases.values()].sort(),
      'order rows other than the purchases made',
    );
    assert.deepEqual(
      orders.map((o) => o.keys),
      orders.map(() => 1),
    );
    const confirmations = new Set(outbox.filter((e) => e.orderId).map((e) => e.orderId));
    assert.equal(confirmations.size, orders.length, 'orders announced by email');
    figures.push(`database orders=${orders.length} for ${purchases.size} purchases`);
    console.log(`hardening: e2e orders ${figures.join('; ')}`);
  });
});
