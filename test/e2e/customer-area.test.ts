// The customer area (issue 24) in Chromium on the real demo server: a Certified Platform buyer
// buys by card, comes back to /area-clienti.html, changes the renewal card, turns auto-renew off
// and sees no renewal on the moved clock, downloads a valid invoice; another customer is refused;
// a member of the Ordine tops the credit up in the portal, sees the warning vanish and the add-on
// renew. Screenshots of the area at 375 and 1280 px, in Italian and English.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { validateFatturaPA } from '../server/invoices/xsd.ts';
import {
  WORDS,
  acceptAndConfirm,
  approveOnSandboxPaypal,
  button,
  choose,
  chooseNew,
  onStep,
  orderNumber,
  payOnSandboxCard,
  sees,
  widget,
  toSummary,
} from './buyer.ts';
import { assertClean, expectAccessible, screenshot, until, useE2E } from './harness.ts';

const OPERATOR = 'e2e-operator-secret';
process.env.CASSA_OPERATOR_SECRET = OPERATOR;

const COMPANY = '1234567@aruba.it';
const MARIO = 'mario.rossi@architettitorinopec.it';
const w = WORDS.it;

const area = (page: Page): Locator => page.locator('cassa-account').first();
async function areaSees(page: Page, text: string | RegExp) {
  try {
    await area(page).getByText(text).first().waitFor();
  } catch (error) {
    const seen = (await area(page).evaluate((el) => el.shadowRoot?.textContent ?? '')).replace(
      /\s+/g,
      ' ',
    );
    throw new Error(`never saw ${String(text)} in the customer area: ${seen.slice(0, 1500)}`, {
      cause: error,
    });
  }
}

async function operator(base: string, path: string, body?: unknown) {
  const response = await fetch(`${base}/api/v1/operator${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return response.json();
}

/** Moves the demo clock `days` forward; the renewals then due run. */
async function moveClock(base: string, days: number) {
  return (await operator(base, '/clock', { days })) as {
    today: string;
    report: { renewed: number; addonsRenewed: number; addonsDeactivated: number };
  };
}

async function login(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'cassa-demo' }),
  });
  return ((await response.json()) as { token: string }).token;
}

/** Logs in through the area's own form. */
async function areaLogIn(page: Page, username: string) {
  await area(page).getByLabel(w.username).fill(username);
  await area(page).getByLabel(w.password).fill('cassa-demo');
  await area(page).getByRole('button', { name: w.login, exact: true }).click();
}

async function shoot(page: Page, name: string) {
  for (const locale of ['it', 'en'] as const) {
    await area(page).evaluate((el, l) => el.setAttribute('locale', l), locale);
    await areaSees(page, locale === 'it' ? 'Area clienti' : 'Customer area');
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await expectAccessible(page, `${name} (${locale}, ${width} px)`, 'cassa-account');
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.equal(overflow, 0, `${name} scrolls sideways at ${width} px`);
      await screenshot(page, `account-${name}-${locale}-${width}`);
    }
  }
  await area(page).evaluate((el) => el.setAttribute('locale', 'it'));
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('customer area: a Certified Platform buyer', () => {
  const e2e = useE2E();

  it('buys by card, changes the renewal card, turns auto-renew off: no renewal on the moved clock; the invoice downloads valid; another customer is refused', async () => {
    // Bought on the partner's page with the saved card.
    const { page, problems } = await e2e.open('/partner.html');
    await toSummary(page, w, COMPANY);
    await choose(page, 'Visa •••• 4242');
    await acceptAndConfirm(page, w);
    await onStep(page, w.paid);
    const number = await orderNumber(page, w);
    const confirmation = (await e2e.server.outbox()).find((e) => e.subject.includes(number));
    assert.match(
      confirmation?.body ?? '',
      /La tua area clienti: http:\/\/localhost:\d+\/area-clienti\.html/,
    );

    // The customer area, linked from the partner's menu: log in, see the service.
    await page.getByRole('link', { name: 'Area clienti' }).first().click();
    await page.waitForURL(/area-clienti\.html/);
    await areaLogIn(page, COMPANY);
    await areaSees(page, `Certified Platform · ${number}`);
    await areaSees(page, 'Metodo di rinnovo Visa •••• 4242');
    await areaSees(page, /Prossimo addebito 146,40\s€ il/);
    await shoot(page, 'certified-platform');

    // The renewal card: PayPal instead.
    await area(page)
      .getByRole('group', { name: 'Metodo di rinnovo' })
      .getByRole('radio', { name: 'PayPal rossi.costruzioni@example.com', exact: true })
      .check();
    await areaSees(page, 'Metodo di rinnovo PayPal rossi.costruzioni@example.com');
    await page.getByText('Metodo di rinnovo cambiato').waitFor();

    // Auto-renew off: the area says what happens at expiry.
    // (Its label covers the box, as every choice of the widget does: the buyer clicks the label.)
    const autoRenew = area(page).getByRole('checkbox', { name: 'Rinnovo automatico' });
    await area(page).locator('label.choice', { hasText: 'Rinnovo automatico' }).click();
    await until(async () => !(await autoRenew.isChecked()), 'auto-renew to be off');
    await areaSees(page, /il servizio termina e non viene addebitato nulla/);
    await areaSees(page, 'Prossimo addebito Nessuno');
    await shoot(page, 'auto-renew-off');

    // The invoice: downloaded with the session, valid FatturaPA.
    const download = page.waitForEvent('download');
    await area(page)
      .getByRole('button', { name: /Scarica l’XML della fattura/ })
      .first()
      .click();
    const file = await (await download).path();
    const xml = readFileSync(file, 'utf8');
    assert.match(xml, /FatturaElettronica/);
    const validation = await validateFatturaPA([xml]);
    assert.equal(validation.ok, true, validation.errors);

    // Another customer's subscription: 404.
    const subscriptions = await page.evaluate(
      async ([token]) =>
        (
          await fetch('/api/v1/me/subscriptions', {
            headers: { authorization: `Bearer ${token}` },
          })
        ).json(),
      [await login(e2e.server.url, COMPANY)],
    );
    const service = (subscriptions as { items: { id: string; label: string }[] }).items.find(
      (s) => s.label === number,
    )!;
    const other = await login(e2e.server.url, '7654321@aruba.it');
    const refused = await fetch(`${e2e.server.url}/api/v1/subscriptions/${service.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${other}`, 'content-type': 'application/json' },
      body: JSON.stringify({ autoRenew: true }),
    });
    assert.equal(refused.status, 404);

    // A year on the moved clock: past the charge date and the expiry, nothing renews.
    const moved = await moveClock(e2e.server.url, 366);
    assert.equal(moved.report.renewed, 0);
    const renewalEmails = (await e2e.server.outbox()).filter((e) => /rinnov/i.test(e.subject));
    assert.deepEqual(renewalEmails, []);
    assertClean(problems);
  });
});

describe('customer area: buy more on the service, add a payment method', () => {
  const e2e = useE2E();

  it('adds 2 users to the active service through the checkout (months left, expiry unchanged), then adds a PayPal account on the provider’s page', async () => {
    // The service, bought by saved card four months ago.
    const token = await login(e2e.server.url, COMPANY);
    const methods = (await (
      await fetch(`${e2e.server.url}/api/v1/me/payment-methods`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { items: { id: string; type: string }[] };
    const bought = await fetch(`${e2e.server.url}/api/v1/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': 'e2e-buy-more',
      },
      body: JSON.stringify({
        productId: 'certified-platform',
        planId: 'base',
        years: 1,
        addons: [],
        expectedTotalCents: 14640,
        acceptTerms: true,
        paymentMethod: { type: 'card', savedId: methods.items.find((m) => m.type === 'card')!.id },
      }),
    });
    assert.equal(bought.status, 201, await bought.clone().text());
    const { number } = (await bought.json()) as { number: string };
    await moveClock(e2e.server.url, 122);

    const { page, problems } = await e2e.open('/area-clienti.html');
    await areaLogIn(page, COMPANY);
    await areaSees(page, `Certified Platform · ${number}`);
    const serviceNow = async () => {
      const fresh = await login(e2e.server.url, COMPANY);
      const list = (await (
        await fetch(`${e2e.server.url}/api/v1/me/subscriptions`, {
          headers: { authorization: `Bearer ${fresh}` },
        })
      ).json()) as { items: { label: string; expiresOn: string; addons: { id: string }[] }[] };
      return list.items.find((item) => item.label === number)!;
    };
    const expiresOn = (await serviceNow()).expiresOn;

    // "Add users or storage": the checkout in the overlay, on the service, straight to add-ons.
    await area(page).getByRole('button', { name: 'Aggiungi utenti o spazio' }).first().click();
    const dialog = page.locator('cassa-overlay cassa-checkout');
    await dialog.getByRole('heading', { level: 2, name: w.addons, exact: true }).waitFor({
      timeout: 20_000,
    });
    const users = dialog.locator('input#q-extra-users');
    await users.fill('2');
    await users.press('Tab');
    await dialog.getByRole('button', { name: w.continue, exact: true }).click();
    await dialog.getByRole('heading', { level: 2, name: w.summary, exact: true }).waitFor();
    await dialog.getByText(/Importo per i mesi fino alla scadenza del servizio/).waitFor();
    // One term of the grown service at the renewal: (120 + 2 × 12) € + 22% VAT.
    await dialog.getByText(/Rinnovo: 175,68\s€ IVA inclusa/).waitFor();
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await expectAccessible(page, `buy more summary (${width} px)`, 'cassa-overlay');
      await screenshot(page, `account-buy-more-summary-it-${width}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await dialog
      .locator('label')
      .filter({ has: page.getByRole('radio', { name: 'Visa •••• 4242', exact: true }) })
      .first()
      .click();
    await dialog.getByRole('checkbox', { name: w.terms }).check();
    await dialog.getByRole('button', { name: w.confirm, exact: true }).click();
    await dialog.getByRole('heading', { level: 2, name: w.paid, exact: true }).waitFor();

    // Closed: the area reloads with 2 more users, the same expiry, the grown service's renewal.
    await page.locator('cassa-overlay').getByRole('button', { name: 'Chiudi' }).click();
    await areaSees(page, `Certified Platform · ${number}`);
    await areaSees(page, 'Utenti aggiuntivi × 2');
    assert.equal((await serviceNow()).expiresOn, expiresOn);
    await areaSees(page, /Prossimo addebito 175,68\s€ il/);
    const emails = await e2e.server.outbox();
    assert.ok(
      emails.some((e) => /C-\d{4}-\d+/.test(e.subject) && !e.subject.includes(number)),
      'the addition has its own confirmation',
    );
    await shoot(page, 'bought-more');

    // A new PayPal account, entered on the provider's page: back in the area, listed.
    await area(page).getByRole('button', { name: 'Aggiungi PayPal' }).click();
    await approveOnSandboxPaypal(page);
    await page.waitForURL(/area-clienti\.html\?cassa_method=saved/);
    // Back in the area still logged in (the return URL's one-time resume token), which the page's
    // address no longer shows.
    await area(page)
      .getByRole('button', { name: 'Rimuovi PayPal giulia.ferri@example.com' })
      .waitFor();
    await areaSees(page, 'Nuovo metodo di pagamento salvato.');
    assert.equal(new URL(page.url()).search, '?cassa_method=saved');
    await shoot(page, 'method-added');

    // A PayPal account with a long address: the renewal-method choice and the "move the renewals
    // to" choice show it whole on a phone (radios whose labels wrap between its pieces).
    const long = 'amministrazione.rossi.costruzioni@studio-rossi-associati.example.com';
    await area(page).getByRole('button', { name: 'Aggiungi PayPal' }).click();
    await page.waitForURL(/\/api\/sandbox\//);
    await page.getByLabel(w.paypalEmail).fill(long);
    await page.getByRole('button', { name: w.approvePaypal }).click();
    await page.waitForURL(/area-clienti\.html\?cassa_method=saved/);
    await area(page)
      .getByRole('group', { name: 'Metodo di rinnovo' })
      .getByRole('radio', { name: `PayPal ${long}`, exact: true })
      .waitFor();
    await shoot(page, 'long-paypal');
    assertClean(problems);
  });
});

describe('customer area under the strict CSP with Trusted Types', () => {
  const e2e = useE2E();

  it('renders, changes a subscription and downloads nothing forbidden: zero violations', async () => {
    const { page, problems } = await e2e.open('/strict-csp.html');
    await onStep(page, w.plans);
    const token = await login(e2e.server.url, MARIO);
    // Added by the page's own code later: the drop-in loads the area's file when it appears.
    await page.evaluate((sessionToken) => {
      const element = document.createElement('cassa-account');
      element.setAttribute('backend', '/api');
      element.setAttribute('session-token', sessionToken);
      document.querySelector('main')!.append(element);
    }, token);
    await areaSees(page, 'studio.rossi@architettitorinopec.it');
    await area(page).getByLabel('Importo della ricarica (€)').fill('1');
    await area(page).getByRole('button', { name: 'Ricarica con carta' }).click();
    await page.waitForURL(/\/api\/sandbox\//);
    assert.deepEqual(problems.cspViolations, []);
    assertClean(problems);
  });
});

describe('customer area: a member of the Ordine', () => {
  const e2e = useE2E();

  it('tops the credit up by card, sees the warning vanish, and the add-on renews at the expiry', async () => {
    // An add-on bought in the portal: the minimum top-up leaves less than the renewal.
    const { page, problems } = await e2e.open('/ordine.html');
    await onStep(page, w.mailbox);
    await choose(page, MARIO);
    await button(page, w.continue).click();
    await onStep(page, w.addons);
    const space = widget(page).locator('input#q-extra-space');
    await space.fill('3');
    await space.press('Tab');
    await widget(page).getByRole('checkbox', { name: w.conservation }).check();
    await button(page, w.continue).click();
    await onStep(page, w.summary);
    await chooseNew(page, w, 'card');
    await acceptAndConfirm(page, w);
    await payOnSandboxCard(page, '4242 4242 4242 4242');
    await page.waitForURL(/\/ordine\.html/);
    await onStep(page, w.paid);
    await sees(page, 'Ricarica del credito: 15,86 €');

    // The portal's customer area: 15,86 − 10,58 = 5,28 € left, 15,86 € due at the expiry.
    await page.reload();
    await areaSees(page, 'Saldo: 5,28 €');
    await areaSees(page, /ricarica almeno 10,58\s€/);
    await shoot(page, 'member-warning');

    // Top up 10,58 € by card on the sandbox page; back in the portal, the warning is gone.
    await area(page).getByLabel('Importo della ricarica (€)').fill('10,58');
    await area(page).getByRole('button', { name: 'Ricarica con carta' }).click();
    await payOnSandboxCard(page, '4242 4242 4242 4242');
    await page.waitForURL(/\/ordine\.html/);
    await areaSees(
      page,
      /Ricarica riuscita: 10,58\s€ aggiunti al credito\. Nuovo saldo: 15,86\s€\./,
    );
    // The return is the area's (marked so): the portal's checkout stays on its first step, with
    // no "order confirmed" of its own, and the area's notice has the focus.
    await onStep(page, w.mailbox);
    assert.equal(await widget(page).getByRole('heading', { name: w.paid }).count(), 0);
    assert.match(
      await area(page).evaluate((el) => el.shadowRoot?.activeElement?.textContent ?? ''),
      /Ricarica riuscita/,
    );
    assert.equal(new URL(page.url()).search, '');
    await areaSees(page, 'Saldo: 15,86 €');
    await areaSees(page, 'Il credito copre i prossimi rinnovi.');
    assert.equal(
      await area(page)
        .getByText(/ricarica almeno/)
        .count(),
      0,
    );
    await shoot(page, 'member-covered');

    // The mailbox expires in 8 months: the add-ons renew from the credit.
    let renewed = 0;
    for (let month = 0; month < 9 && renewed === 0; month++) {
      renewed += (await moveClock(e2e.server.url, 31)).report.addonsRenewed;
    }
    assert.equal(renewed, 1);
    const areaText = async () =>
      (await area(page).evaluate((el) => el.shadowRoot?.textContent ?? '')).replace(/\s+/g, ' ');
    await page.reload();
    await until(
      async () => (await areaText()).includes('Saldo: 0,00 €'),
      'the credit to be 0,00 € after the renewal',
    );

    // A year later the credit is empty: the add-ons are deactivated at the expiry.
    let deactivated = 0;
    for (let month = 0; month < 13 && deactivated === 0; month++) {
      deactivated += (await moveClock(e2e.server.url, 31)).report.addonsDeactivated;
    }
    assert.ok(deactivated >= 1, 'the add-ons were not deactivated');
    await page.reload();
    await areaSees(page, /disattivato il/);

    // Bought again through the checkout opened on that mailbox, paid by a top-up with a new card.
    await area(page)
      .getByRole('button', { name: 'Riattiva i servizi disattivati' })
      .first()
      .click();
    const dialog = page.locator('cassa-overlay cassa-checkout');
    // The checkout opens on the mailbox (preselected), or already on its add-ons.
    const first = dialog.getByRole('heading', { level: 2 }).first();
    await until(
      async () =>
        ([w.mailbox, w.addons] as string[]).includes((await first.textContent())?.trim() ?? ''),
      'the checkout on the mailbox',
      20_000,
    );
    if ((await first.textContent())?.trim() === w.mailbox) {
      await dialog.getByRole('button', { name: w.continue, exact: true }).click();
    }
    await dialog.getByRole('heading', { level: 2, name: w.addons, exact: true }).waitFor();
    const again = dialog.locator('input#q-extra-space');
    await again.fill('3');
    await again.press('Tab');
    await dialog.getByRole('button', { name: w.continue, exact: true }).click();
    await dialog.getByRole('heading', { level: 2, name: w.summary, exact: true }).waitFor();
    await dialog
      .locator('label')
      .filter({ has: page.getByRole('radio', { name: w.newCard, exact: true }) })
      .first()
      .click();
    await dialog.getByRole('checkbox', { name: w.terms }).check();
    await dialog.getByRole('button', { name: w.confirm, exact: true }).click();
    await payOnSandboxCard(page, '4242 4242 4242 4242');
    await page.waitForURL(/\/ordine\.html/);
    await page.reload();
    await until(
      async () => /Spazio extra archivio e inbox × 3: attivo fino al/.test(await areaText()),
      'the extra space to be active again',
    );
    await shoot(page, 'member-bought-again');
    assertClean(problems);
  });
});

describe('customer area: a top-up from the area’s own page', () => {
  const e2e = useE2E();

  it('a refused card is said with the focus on it and the amount kept; paid, the amount and the new balance', async () => {
    const { page, problems } = await e2e.open('/area-clienti.html');
    await areaLogIn(page, MARIO);
    await areaSees(page, 'Importo della ricarica (€)');
    const balance = async () => {
      const token = await login(e2e.server.url, MARIO);
      const response = await fetch(`${e2e.server.url}/api/v1/me/subscriptions`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return ((await response.json()) as { creditCents: number }).creditCents;
    };
    const before = await balance();
    const euro = (cents: number) =>
      new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' }).format(cents / 100);
    const field = area(page).getByLabel('Importo della ricarica (€)');

    // Refused by the bank on the card page: back in the area, said first, ready to try again.
    await field.fill('20');
    await area(page).getByRole('button', { name: 'Ricarica con carta' }).click();
    await payOnSandboxCard(page, '4000 0000 0000 0002');
    await page.waitForURL(/area-clienti\.html/);
    await areaSees(page, /La ricarica di 20,00\s€ non è riuscita: la carta è stata rifiutata/);
    await until(
      async () =>
        (await area(page).evaluate((el) => el.shadowRoot?.activeElement?.getAttribute('part'))) ===
        'notice',
      'the focus on the outcome',
    );
    assert.equal(await field.inputValue(), '20,00');
    assert.equal(new URL(page.url()).search, '');
    assert.equal(await balance(), before);
    await shoot(page, 'top-up-refused');

    // Again with a card that pays: the amount added and the server's new balance.
    await area(page).getByRole('button', { name: 'Ricarica con carta' }).click();
    await payOnSandboxCard(page, '4242 4242 4242 4242');
    await page.waitForURL(/area-clienti\.html/);
    const after = before + 2000;
    assert.equal(await balance(), after);
    const shown = euro(after).replace(/\s/g, '\\s');
    await areaSees(
      page,
      new RegExp(`Ricarica riuscita: 20,00\\s€ aggiunti al credito\\. Nuovo saldo: ${shown}\\.`),
    );
    await areaSees(page, `Saldo: ${euro(after)}`);
    await shoot(page, 'top-up-paid');
    assertClean(problems);
  });
});
