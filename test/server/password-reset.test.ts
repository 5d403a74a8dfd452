// Issue 25 (12): password reset by email in the reference server: a one-time token with an expiry,
// rate-limited requests, and the same answer whether or not an account exists.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { RESET_TTL_MS } from '../../server/src/accounts/password-reset.ts';
import { startServer, type Server } from './harness.ts';

const COMPANY = '1234567@aruba.it';
let server: Server;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** Submits a page's form as a browser would (urlencoded). */
async function post(path: string, fields: Record<string, string>) {
  const response = await server.app.request(`http://localhost/api${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, html: await response.text(), headers: response.headers };
}

async function resetEmails() {
  const outbox = (await server.request('GET', '/api/dev/outbox')).body as {
    kind: string;
    to: string;
    body: string;
  }[];
  return outbox.filter((e) => e.kind === 'password_reset');
}

const linkIn = (body: string) =>
  /(http:\/\/localhost\/api\/account\/password-reset\/\S+)/.exec(body)![1]!;

describe('password reset by email', () => {
  it('asks for a username or email on a labelled form, under a strict CSP, in both languages', async () => {
    for (const [lang, label] of [
      ['it', 'Username o email dell’account'],
      ['en', 'Account username or email'],
    ]) {
      const page = await server.app.request(`/api/account/password-reset?lang=${lang}`);
      const html = await page.text();
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      assert.ok(html.includes(`<label for="identifier">${label}</label>`), html);
      assert.ok(!/<script/i.test(html));
    }
  });

  it('answers the same for an unknown account and a known one; only the known one gets an email', async () => {
    const unknown = await post('/account/password-reset', {
      identifier: 'nobody@example.it',
      lang: 'it',
    });
    const known = await post('/account/password-reset', { identifier: COMPANY, lang: 'it' });
    assert.equal(unknown.status, 200);
    assert.equal(known.status, 200);
    assert.equal(text(unknown.html), text(known.html));
    assert.match(text(known.html), /Se esiste un account con questi dati/);
    const emails = await resetEmails();
    assert.equal(emails.length, 1);
    assert.match(emails[0]!.body, /1234567@aruba\.it/, 'the email names the username too');
  });

  it('finds the account by its email as well, and the link sets a new password once', async () => {
    const session = await server.login(COMPANY);
    const me = await server.request('GET', '/api/v1/me', { token: session });
    const email = me.body.holder.email as string;
    await post('/account/password-reset', { identifier: email.toUpperCase(), lang: 'en' });
    const [mail] = await resetEmails();
    assert.equal(mail!.to, email);
    const link = new URL(linkIn(mail!.body));
    const form = await server.app.request(link.pathname + link.search);
    assert.equal(form.status, 200);
    assert.match(await form.text(), /Choose a new password/);
    const path = link.pathname.replace(/^\/api/, '');

    const mismatch = await post(path, { password: 'nuova-password', confirm: 'altra', lang: 'en' });
    assert.equal(mismatch.status, 422);
    assert.match(text(mismatch.html), /The two passwords differ/);

    const done = await post(path, {
      password: 'nuova-password',
      confirm: 'nuova-password',
      lang: 'en',
    });
    assert.equal(done.status, 200);
    assert.match(text(done.html), /Password changed/);
    const old = await server.request('POST', '/api/v1/auth/login', {
      body: { username: COMPANY, password: 'cassa-demo' },
    });
    assert.equal(old.status, 401);
    const fresh = await server.request('POST', '/api/v1/auth/login', {
      body: { username: COMPANY, password: 'nuova-password' },
    });
    assert.equal(fresh.status, 200);
    // The old session was closed.
    assert.equal((await server.request('GET', '/api/v1/me', { token: session })).status, 401);

    const again = await post(path, { password: 'terza-password', confirm: 'terza-password' });
    assert.equal(again.status, 404, 'a link works once');
    assert.match(text(again.html), /Link non più valido/);
  });

  it('a link expires after 30 minutes', async () => {
    await post('/account/password-reset', { identifier: COMPANY, lang: 'it' });
    const link = new URL(linkIn((await resetEmails())[0]!.body));
    server.clock.advance(RESET_TTL_MS + 1000);
    const page = await server.app.request(link.pathname);
    assert.equal(page.status, 404);
    const path = link.pathname.replace(/^\/api/, '');
    const late = await post(path, { password: 'nuova-password', confirm: 'nuova-password' });
    assert.equal(late.status, 404);
  });

  it('limits requests for one identifier (known or not) with 429 and Retry-After', async () => {
    for (const identifier of [COMPANY, 'nobody@example.it']) {
      for (let i = 0; i < 3; i++) {
        assert.equal((await post('/account/password-reset', { identifier })).status, 200);
      }
      const limited = await post('/account/password-reset', { identifier });
      assert.equal(limited.status, 429);
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
      assert.match(text(limited.html), /Troppe richieste/);
    }
    assert.equal((await resetEmails()).length, 3, 'no email beyond the limit');
  });

  it('refuses a form posted from another site, and a new password the registration would refuse', async () => {
    const forged = await server.app.request('http://localhost/api/account/password-reset', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: 'https://attacker.example',
      },
      body: new URLSearchParams({ identifier: COMPANY, lang: 'it' }).toString(),
    });
    assert.equal(forged.status, 403);
    assert.match(text(await forged.text()), /inviato da un altro sito/);
    assert.equal((await resetEmails()).length, 0, 'no email for another site’s post');

    await post('/account/password-reset', { identifier: COMPANY, lang: 'en' });
    const path = new URL(linkIn((await resetEmails())[0]!.body)).pathname.replace(/^\/api/, '');
    const short = await post(path, { password: 'breve-1234', confirm: 'breve-1234', lang: 'en' });
    assert.equal(short.status, 422);
    assert.match(text(short.html), /at least 12 characters/);
    const common = await post(path, { password: 'qwerty123456', confirm: 'qwerty123456' });
    assert.equal(common.status, 422);
    assert.match(text(common.html), /tra le più usate/);
  });
});
