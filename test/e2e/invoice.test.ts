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
  });
});
