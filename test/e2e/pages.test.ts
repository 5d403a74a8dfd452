// The demo's own pages around the widget: every link of the index answers, and the pages a
// visitor reads first pass axe on a phone and on a desktop.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertClean, expectAccessible, screenshot, useE2E } from './harness.ts';

describe('demo pages', () => {
  const e2e = useE2E();

  it('the index links the four pages, the outbox and the OpenAPI contract, and every link answers', async () => {
    const { page, problems } = await e2e.open('/');
    await page.getByRole('heading', { level: 1, name: 'Cassa demo' }).waitFor();
    const links = await page
      .locator('main a')
      .evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).getAttribute('href')));
    for (const path of [
      '/partner.html',
      '/ordine.html',
      '/product.html',
      '/strict-csp.html',
      '/outbox',
      '/api/v1/openapi.json',
    ]) {
      assert.ok(links.includes(path), `the index does not link ${path}`);
    }
    for (const href of links) {
      const response = await fetch(new URL(href!, e2e.server.url));
      assert.equal(response.status, 200, `${href} answered ${response.status}`);
    }
    assert.match((await page.locator('main').textContent()) ?? '', /4242 4242 4242 4242/);
    assert.match((await page.locator('main').textContent()) ?? '', /cassa-demo/);
    assertClean(problems);
  });

  for (const width of [375, 1280]) {
    it(`index and general conditions pass axe at ${width} px`, async () => {
      const { page, problems } = await e2e.open('/', { width });
      await expectAccessible(page, `index (${width} px)`);
      await screenshot(page, `index-${width}`);
      await page.goto('/condizioni-generali.html');
      await page
        .getByRole('heading', { level: 1, name: 'Condizioni generali di contratto' })
        .waitFor();
      await expectAccessible(page, `general conditions (${width} px)`);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.equal(overflow, 0, 'the page scrolls sideways');
      assertClean(problems);
    });
  }
});
