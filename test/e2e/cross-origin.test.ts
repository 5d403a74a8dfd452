// A partner site on its own origin: its page loads dist/cassa.js from Cassa's server (another
// origin, as from a CDN), which loads its modules from its own folder there (CORS), and a buyer
// completes a purchase against that server's API.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  WORDS,
  acceptAndConfirm,
  button,
  choose,
  onStep,
  orderNumber,
  sees,
  toSummary,
} from './buyer.ts';
import { ensureBuild, launchBrowser, startServer, WAIT_MS, type DemoServer } from './harness.ts';

const w = WORDS.it;

describe('cross-origin: the widget from another origin', () => {
  let host: Server;
  let hostOrigin = '';
  let cassa: DemoServer;
  let browser: Browser;

  before(async () => {
    ensureBuild();
    host = createServer((request, response) => {
      const cassaOrigin = cassa.url.replace('localhost', '127.0.0.1');
      response.writeHead(request.url === '/' ? 200 : 404, { 'content-type': 'text/html' });
      response.end(
        request.url === '/'
          ? `<!doctype html><html lang="it"><head><meta charset="utf-8"><title>Partner</title>
<script src="${cassaOrigin}/cassa.js" defer></script></head>
<body><main><h1>Partner</h1><cassa-checkout backend="${cassaOrigin}/api" product="certified-platform"></cassa-checkout></main></body></html>`
          : '',
      );
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    cassa = await startServer({ CASSA_ALLOWED_ORIGINS: hostOrigin });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await cassa?.stop();
    await new Promise((resolve) => host?.close(resolve));
  });

  it('loads its modules from its own origin and a buyer pays by bank transfer', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    const scripts: string[] = [];
    page.on('response', (response) => {
      if (/\/cassa(-[\w.-]+)?\.js$/.test(response.url())) {
        scripts.push(response.url());
        assert.equal(response.headers()['access-control-allow-origin'], '*');
      }
    });
    await page.goto(hostOrigin);
    await toSummary(page, w, '7654321@aruba.it');
    await button(page, w.otherMethods).click();
    await choose(page, w.bank);
    await acceptAndConfirm(page, w);
    await onStep(page, w.awaiting);
    await sees(page, `Ordine ${await orderNumber(page, w)}`);
    const cassaOrigin = new URL(cassa.url.replace('localhost', '127.0.0.1')).origin;
    assert.ok(scripts.length > 5, `modules loaded: ${scripts.join(', ')}`);
    assert.ok(
      scripts.every((url) => new URL(url).origin === cassaOrigin),
      scripts.join(', '),
    );
    assert.deepEqual(errors, []);
    await context.close();
  });
});
