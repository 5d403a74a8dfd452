// Issue 7, item 6: a whole scripted session — registration, logins (right, wrong, rate
// limited), quotes, orders, a card payment on the sandbox page and the return, a PEC purchase,
// a portal session, and errors of every kind — leaves no password, token, email, username,
// name, tax code, VAT number, card number or key in the server's logs (its logger and anything
// written to the console meanwhile).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { attemptOf, PORTAL_SECRET, startServer, type Server } from '../server/harness.ts';
import {
  bankTransferOrder,
  companyHolder,
  DEMO_HOLDERS,
  DEMO_PASSWORD,
  DEMO_USERS,
  newCardOrder,
} from './requests.ts';

let server: Server;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

/** Everything written through console.* while `work` runs (restored afterwards). */
async function capturingConsole(work: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const saved = methods.map((m) => console[m]);
  for (const m of methods) console[m] = (...args: unknown[]) => void lines.push(args.join(' '));
  try {
    await work();
  } finally {
    methods.forEach((m, i) => (console[m] = saved[i]!));
  }
  return lines;
}

describe('logs', () => {
  it('a full session leaves no secret or personal data in any log line', async () => {
    const secrets = new Set<string>([DEMO_PASSWORD, PORTAL_SECRET]);
    const keep = <T extends string | undefined>(value: T): T => {
      if (value) secrets.add(value);
      return value;
    };
    const holder = {
      ...companyHolder(),
      name: keep('Verdi Logistica Segreta S.p.A.'),
      email: keep('fatture@verdi-logistica-segreta.example'),
      address: { ...companyHolder().address, street: keep('Vicolo Nascosto 77') },
    };
    for (const h of Object.values(DEMO_HOLDERS)) {
      [h.name, h.email, h.taxCode, h.vatNumber, h.address.street].forEach(keep);
    }
    Object.values(DEMO_USERS).forEach(keep);
    const statuses = new Set<number>();
    let requests = 0;
    const send = async (...args: Parameters<Server['request']>) => {
      const reply = await server.request(...args);
      statuses.add(reply.status);
      requests++;
      return reply;
    };
    const login = (username: string, password?: string) => {
      requests++;
      return server.login(username, password);
    };

    const consoleLines = await capturingConsole(async () => {
      // Registration, then the new account's login (and a wrong password).
      const password = keep('my-very-private-password-91');
      const registered = await send('POST', '/api/v1/auth/register', {
        body: { password, holder },
      });
      assert.equal(registered.status, 201);
      keep(registered.body.token);
      keep(registered.body.customer.username);
      keep(registered.body.customer.id);
      const token = keep(await login(registered.body.customer.username, password));
      await send('POST', '/api/v1/auth/login', {
        body: { username: registered.body.customer.username, password: keep('wrong-guess-55') },
      });

      // Quotes and orders: bank transfer, price changed, invalid holder, a card payment.
      await send('POST', '/api/v1/quotes', {
        token,
        body: { productId: 'certified-platform', planId: 'base', years: 2, addons: [] },
      });
      const transfer = await send('POST', '/api/v1/orders', {
        token,
        body: { ...bankTransferOrder(), holder },
        headers: { 'Idempotency-Key': keep('idem-key-bank-7781') },
      });
      assert.equal(transfer.status, 201);
      await send('POST', '/api/v1/orders', {
        token,
        body: { ...bankTransferOrder(), expectedTotalCents: 1 },
        headers: { 'Idempotency-Key': keep('idem-key-409-7782') },
      });
      await send('POST', '/api/v1/orders', {
        token,
        body: {
          ...bankTransferOrder(),
          holder: { ...holder, taxCode: keep('RSSMRA80A01H50XZ'), vatNumber: keep('99999999999') },
        },
        headers: { 'Idempotency-Key': keep('idem-key-422-7783') },
      });
      const card = await send('POST', '/api/v1/orders', {
        token,
        body: newCardOrder(),
        headers: { 'Idempotency-Key': keep('idem-key-card-7784') },
      });
      const payPath = new URL(card.body.action.url).pathname;
      const payPage = await send('GET', payPath);
      const form = {
        decision: 'pay',
        holder: keep('Cardholder Segretissimo'),
        number: keep('4242424242424242'),
        expiry: '11/31',
        cvc: keep('987'),
      };
      // Each form shown carries its one-time token (the page shown again with errors, a new one).
      const withErrors = await send('POST', payPath, {
        rawBody: new URLSearchParams({
          ...form,
          number: '4242 4242 4242 424',
          attempt: keep(attemptOf(payPage.text))!,
        }).toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      const paid = await send('POST', payPath, {
        rawBody: new URLSearchParams({
          ...form,
          attempt: keep(attemptOf(withErrors.text))!,
        }).toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(paid.status, 303);
      const resume = keep(
        new URL(paid.headers.get('location')!).searchParams.get('cassa_resume') ?? undefined,
      );
      const resumed = await send('GET', `/api/v1/orders/${card.body.id}`, {
        headers: { 'Cassa-Resume': resume! },
      });
      assert.equal(resumed.body.status, 'paid');
      await send('GET', `/api/v1/orders/${card.body.id}?email=${keep('query@leak.example')}`, {
        token,
      });

      // The member: portal session, mailboxes, a PEC add-on paid from credit topped up by card.
      const portal = await send('POST', '/api/v1/portal/sessions', {
        token: PORTAL_SECRET,
        body: { username: DEMO_USERS.member },
      });
      const member = keep(portal.body.token as string);
      const mailboxes = await send('GET', '/api/v1/me/subscriptions', { token: member });
      const mailbox = mailboxes.body.items[0];
      keep(mailbox.label);
      const selection = {
        productId: 'pec-addons',
        planId: 'member',
        years: 1,
        addons: [{ id: 'extra-space', quantity: 2 }],
        subscriptionId: mailbox.id,
      };
      const quote = await send('POST', '/api/v1/quotes', { token: member, body: selection });
      await send('POST', '/api/v1/orders', {
        token: member,
        body: {
          ...selection,
          expectedTotalCents: quote.body.totalCents,
          topUpCents: quote.body.minimumTopUpCents,
          paymentMethod: { type: 'card' },
          returnUrl: 'http://localhost/return',
          acceptTerms: true,
        },
        headers: { 'Idempotency-Key': keep('idem-key-pec-7785') },
      });

      // Errors: another's order, bad JSON holding personal data, oversized, forged token,
      // an unknown route naming a person, brute force until 429.
      const stranger = keep(await login(DEMO_USERS.professional));
      await send('GET', `/api/v1/orders/${transfer.body.id}`, { token: stranger });
      await send('POST', '/api/v1/quotes', {
        rawBody: `{"email": "${keep('broken-json@leak.example')}"`,
      });
      await send('POST', '/api/v1/auth/register', {
        rawBody: JSON.stringify({ password: 'p'.repeat(70_000) }),
      });
      await send('GET', '/api/v1/me', { token: keep('forged-token-ABCDEFGHIJKLMNOP') });
      await send('GET', `/api/v1/customers/${keep('someone.else@leak.example')}`);
      for (let i = 0; i < 11; i++) {
        await send('POST', '/api/v1/auth/login', {
          body: { username: DEMO_USERS.company, password: keep(`brute-${i}-secret`) },
        });
      }
      await send('POST', '/api/v1/auth/logout', { token });
    });

    // The session reached every outcome it was meant to.
    for (const status of [200, 201, 204, 303, 400, 401, 404, 409, 413, 422, 429]) {
      assert.ok(statuses.has(status), `the session produced a ${status}`);
    }
    const logged = [...server.logs, ...consoleLines];
    // Request lines, and (issue 23) structured security lines for the failed and limited logins:
    // a username only as its digest, with the client address.
    const securityLines = server.logs.filter((line) => line.startsWith('security {'));
    const requestLines = server.logs.filter((line) => !line.startsWith('security {'));
    assert.equal(requestLines.length, requests, 'one line per request');
    for (const line of requestLines) {
      assert.match(line, /^(GET|POST) \S+ \d{3} \d+ms$/, 'method, route pattern, status, time');
    }
    assert.ok(
      securityLines.some((line) => line.includes('"event":"login.failed"')),
      'failed logins leave a security line',
    );
    for (const line of securityLines) {
      const entry = JSON.parse(line.slice('security '.length)) as { user?: string };
      if (entry.user !== undefined) assert.match(entry.user, /^[0-9a-f]{24}$/, 'a username digest');
    }
    const haystack = logged.join('\n').toLowerCase();
    for (const secret of secrets) {
      assert.ok(!haystack.includes(secret.toLowerCase()), `the logs hold ${secret}`);
    }
    // Partial leaks: the card's last four digits and the email domains.
    for (const fragment of ['4242', 'verdi-logistica-segreta', 'leak.example', 'aruba.it']) {
      assert.ok(!haystack.includes(fragment), `the logs hold ${fragment}`);
    }
    console.log(
      `hardening: logs requests=${server.logs.length} secrets-checked=${secrets.size} found=0`,
    );
  });
});
