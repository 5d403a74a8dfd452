// Issue 16 end to end on the demo: a company buys with its saved card on the partner page; the
// summary and the result say where the invoice goes; the server's invoice validates against the
// official FatturaPA XSD, matches the order to the cent, is downloadable by its owner, and the
// confirmation email links an accessible human-readable copy.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readInvoice } from '../server/invoices/read.ts';
import { validateFatturaPA } from '../server/invoices/xsd.ts';
import { WORDS, acceptAndConfirm, choose, onStep, orderNumber, sees, toSummary } from './buyer.ts';
import { PASSWORD, assertClean, expectAccessible, screenshot, useE2E } from './harness.ts';

describe('partner page: the electronic invoice of a paid order', () => {
  const e2e = useE2E();
  const w = WORDS.it;
  const sentence = 'La fattura elettronica sarà inviata al Codice Destinatario M5UXCR1.';

  it('is announced before confirming, issued to the SDI code, valid, and linked from the email', async () => {
    const { page, problems } = await e2e.open('/partner.html');
    await toSummary(page, w, '1234567@aruba.it');
    await sees(page, sentence);
    await choose(page, 'Visa •••• 4242');
    await acceptAndConfirm(page, w);
    await onStep(page, w.paid);
    const number = await orderNumber(page, w);
    await sees(page, sentence);
    await expectAccessible(page, 'partner (it) paid, with the invoice destination');

    const { url } = e2e.server;
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: '1234567@aruba.it', password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const email = (await e2e.server.outbox()).find(
      (e) => e.kind === 'order_confirmation' && e.body.includes(number),
    );
    assert.ok(email?.orderId, 'the confirmation email');
    const download = await fetch(`${url}/api/v1/orders/${email.orderId}/invoice`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.equal(download.status, 200);
    const xml = await download.text();
    const validation = await validateFatturaPA([xml]);
    assert.ok(validation.ok, validation.errors);
    const invoice = readInvoice(xml);
    assert.equal(invoice.recipientCode, 'M5UXCR1');
    assert.equal(invoice.totalCents, 14640);

    const link = /Copia di cortesia della fattura: (\S+)/.exec(email.body)?.[1];
    assert.ok(link, email.body);
    await page.goto(link);
    await page.getByRole('heading', { name: `Fattura ${invoice.number}`, exact: false }).waitFor();
    await page.getByText('146,40 €').first().waitFor();
    await expectAccessible(page, 'invoice copy');
    await screenshot(page, 'invoice-copy-it-1280');
    assertClean(problems);

    // On a phone: no heading or figure of the detail broken inside a word, nothing past the screen.
    const phone = await e2e.open(link, { width: 320, height: 800 });
    await phone.page.getByRole('columnheader', { name: 'Quantità' }).waitFor();
    const broken = await phone.page.evaluate(() => {
      const found: string[] = [];
      // Every column heading and figure on one line.
      for (const cell of document.querySelectorAll('th, td.num')) {
        const range = document.createRange();
        range.selectNodeContents(cell);
        if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1)
          found.push(cell.textContent!.trim());
      }
      // Every invoice and order number (F-2026-000001, C-2026-000001) whole on its line.
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode())
        for (const match of node.textContent!.matchAll(/[FC]-\d{4}-\d+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1)
            found.push(match[0]);
        }
      return found;
    });
    assert.deepEqual(broken, [], 'broken inside a word at 320 px');
    assert.equal(
      await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      true,
      'the copy is wider than the phone',
    );
    // No table past the copy's own card.
    assert.deepEqual(
      await phone.page.evaluate(() => {
        const card = document.querySelector('.invoice')!.getBoundingClientRect();
        return [...document.querySelectorAll('table')]
          .map((table) => table.getBoundingClientRect())
          .filter((box) => box.right > card.right + 0.5 || box.left < card.left - 0.5)
          .map((box) => Math.round(box.width));
      }),
      [],
      'a table wider than the invoice copy at 320 px',
    );
    await phone.page
      .getByRole('cell', { name: '146,40 €' })
      .or(phone.page.getByText('146,40 €'))
      .first()
      .waitFor();
    await expectAccessible(phone.page, 'invoice copy at 320 px');
    await screenshot(phone.page, 'invoice-copy-it-320');
    assertClean(phone.problems);
  });
});
