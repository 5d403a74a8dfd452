import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  AuthResponseSchema,
  PaymentMethodsSchema,
  SubscriptionsSchema,
} from '../../src/api/schemas.ts';
import { DEMO_HOLDERS } from '../../demo/server/seed.ts';
import { PORTAL_SECRET, startServer, type Server } from './harness.ts';

const COMPANY = '1234567@aruba.it';
const MEMBER = 'mario.rossi@architettitorinopec.it';

let server: Server;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const newHolder = () => ({
  type: 'company',
  name: 'Bianchi Impianti S.r.l.',
  vatNumber: '01234567897',
  taxCode: '01234567897',
  address: {
    street: 'Via Garibaldi 1',
    postalCode: '40121',
    city: 'Bologna',
    province: 'BO',
    country: 'IT',
  },
  email: 'ufficio@bianchiimpianti.example',
  eInvoice: { sdiCode: 'ABC1234' },
});

describe('POST /v1/auth/login', () => {
  it('opens a session for the right password: token and customer with holder data', async () => {
    const reply = await server.request('POST', '/api/v1/auth/login', {
      body: { username: COMPANY, password: 'cassa-demo' },
    });
    assert.equal(reply.status, 200);
    const auth = AuthResponseSchema.parse(reply.body);
    assert.match(auth.token, /^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url');
    assert.equal(auth.customer.username, COMPANY);
    assert.equal(auth.customer.holder.name, 'Rossi Costruzioni S.r.l.');
  });

  it('stores only a hash of the token, with a 12-hour expiry', async () => {
    const token = await server.login(COMPANY);
    const { rows } = await server.db.query<{
      token_hash: string;
      expires_at: Date;
      created_at: Date;
    }>('SELECT token_hash, expires_at, created_at FROM sessions');
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0]?.token_hash, token);
    assert.ok(!rows.some((r) => JSON.stringify(r).includes(token)));
    const hours =
      (new Date(rows[0]!.expires_at).getTime() - new Date(rows[0]!.created_at).getTime()) /
      3_600_000;
    assert.equal(hours, 12);
  });

  it('accepts the username in any case', async () => {
    const token = await server.login(MEMBER.toUpperCase());
    assert.ok(token);
  });

  it('refuses a wrong password or an unknown username with 401', async () => {
    for (const body of [
      { username: COMPANY, password: 'wrong-password' },
      { username: 'nobody@aruba.it', password: 'cassa-demo' },
    ]) {
      const reply = await server.request('POST', '/api/v1/auth/login', { body });
      assert.equal(reply.status, 401);
      assert.equal(reply.body.type, 'https://cassa.dev/problems/unauthorized');
      assert.equal(reply.body.token, undefined);
    }
  });

  it('after 10 failed logins in 15 minutes answers 429 with Retry-After, even to the right password', async () => {
    for (let i = 0; i < 10; i++) {
      const reply = await server.request('POST', '/api/v1/auth/login', {
        body: { username: COMPANY, password: `guess-${i}` },
      });
      assert.equal(reply.status, 401, `attempt ${i + 1}`);
    }
    const blocked = await server.request('POST', '/api/v1/auth/login', {
      body: { username: COMPANY, password: 'cassa-demo' },
    });
    assert.equal(blocked.status, 429);
    assert.equal(blocked.body.type, 'https://cassa.dev/problems/rate-limited');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    // The window started with the first failure, moments ago, and lasts 15 minutes.
    assert.ok(retryAfter > 10 * 60 && retryAfter <= 15 * 60, `Retry-After ${retryAfter}`);
    // Another username is not affected.
    assert.ok(await server.login(MEMBER));
  });

  it('once the window has passed, the right password works again', async () => {
    // A short window and a low limit, so the test waits seconds, not 15 minutes.
    const short = await startServer(
      { loginLimits: { windowSeconds: 15, perUsername: 2 } },
      server.db,
    );
    for (let i = 0; i < 2; i++) {
      await short.request('POST', '/api/v1/auth/login', {
        body: { username: COMPANY, password: `guess-${i}` },
      });
    }
    const blocked = await short.request('POST', '/api/v1/auth/login', {
      body: { username: COMPANY, password: 'cassa-demo' },
    });
    assert.equal(blocked.status, 429);
    const retryAfter = Number(blocked.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 15, `Retry-After ${retryAfter}`);
    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 500));
    assert.ok(await short.login(COMPANY));
  });

  it('keeps the failure count in the database, shared by every instance', async () => {
    const other = await startServer({}, server.db);
    for (let i = 0; i < 10; i++) {
      const instance = i % 2 ? server : other;
      await instance.request('POST', '/api/v1/auth/login', {
        body: { username: COMPANY, password: 'nope-nope' },
      });
    }
    const reply = await server.request('POST', '/api/v1/auth/login', {
      body: { username: COMPANY, password: 'cassa-demo' },
    });
    assert.equal(reply.status, 429);
  });

  it('answers 400 for a body that is not JSON and 422 for missing fields', async () => {
    const notJson = await server.request('POST', '/api/v1/auth/login', {
      rawBody: 'username=a&password=b',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(notJson.status, 400);
    assert.equal(notJson.body.type, 'https://cassa.dev/problems/invalid-json');
    const missing = await server.request('POST', '/api/v1/auth/login', {
      body: { username: COMPANY },
    });
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.body.errors, [
      { path: 'password', code: 'required', message: 'This field is required.' },
    ]);
  });
});

describe('POST /v1/auth/register', () => {
  it('creates the account with a server-assigned username and emails it', async () => {
    const reply = await server.request('POST', '/api/v1/auth/register', {
      body: { password: 'a-long-secret', holder: newHolder() },
    });
    assert.equal(reply.status, 201);
    const auth = AuthResponseSchema.parse(reply.body);
    assert.match(auth.customer.username, /^\d{7}@aruba\.it$/);
    assert.equal(auth.customer.holder.name, 'Bianchi Impianti S.r.l.');
    // The token works at once.
    const me = await server.request('GET', '/api/v1/me', { token: auth.token });
    assert.equal(me.body.username, auth.customer.username);
    // And the new username can log in with the chosen password.
    assert.ok(await server.login(auth.customer.username, 'a-long-secret'));

    const outbox = await server.request('GET', '/api/dev/outbox');
    const email = outbox.body.find((e: { kind: string }) => e.kind === 'registration');
    assert.equal(email.to, 'ufficio@bianchiimpianti.example');
    assert.ok(email.body.includes(auth.customer.username));
  });

  it("writes the registration email in the request's locale, over Accept-Language", async () => {
    const subjects: Record<string, string> = {};
    for (const [locale, acceptLanguage] of [
      ['en', 'it-IT,it;q=0.9'],
      ['it', 'en-US,en;q=0.9'],
    ] as const) {
      const holder = { ...newHolder(), email: `${locale}@bianchiimpianti.example` };
      const reply = await server.request('POST', '/api/v1/auth/register', {
        body: { password: 'a-long-secret', holder, locale },
        headers: { 'Accept-Language': acceptLanguage },
      });
      assert.equal(reply.status, 201);
      const outbox = await server.request('GET', '/api/dev/outbox');
      subjects[locale] = outbox.body.find(
        (e: { kind: string; to: string }) => e.kind === 'registration' && e.to === holder.email,
      ).subject;
    }
    assert.match(subjects.en!, /Your Cassa account/);
    assert.match(subjects.it!, /Il tuo account Cassa/);
  });

  it('stores the password as a salted scrypt hash at N=2^17, r=8, p=1 (OWASP)', async () => {
    const reply = await server.request('POST', '/api/v1/auth/register', {
      body: { password: 'a-long-secret', holder: newHolder() },
    });
    const { rows } = await server.db.query<{ password_hash: string }>(
      'SELECT password_hash FROM customers WHERE username = $1',
      [reply.body.customer.username],
    );
    assert.match(rows[0]!.password_hash, /^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    assert.ok(!rows[0]!.password_hash.includes('a-long-secret'));
  });

  it('refuses a short password and invalid holder data with 422 field errors', async () => {
    const holder = {
      ...newHolder(),
      vatNumber: '01234567890',
      address: { ...newHolder().address, postalCode: '4012' },
    };
    const reply = await server.request('POST', '/api/v1/auth/register', {
      body: { password: 'short', holder },
    });
    assert.equal(reply.status, 422);
    assert.deepEqual(
      reply.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]),
      [
        ['password', 'password.short'],
        ['holder.vatNumber', 'piva.checksum'],
        ['holder.address.postalCode', 'cap.format'],
      ],
    );
    const { rows } = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM customers',
    );
    assert.equal(rows[0]!.n, 4, 'no account created');
  });

  it('lets a private individual register', async () => {
    const reply = await server.request('POST', '/api/v1/auth/register', {
      body: {
        password: 'a-long-secret',
        holder: { ...DEMO_HOLDERS.private, email: 'anna@example.com' },
      },
    });
    assert.equal(reply.status, 201);
    assert.equal(reply.body.customer.holder.type, 'private');
  });
});

describe('sessions', () => {
  it('logout deletes the session: the token stops working', async () => {
    const token = await server.login(COMPANY);
    assert.equal((await server.request('POST', '/api/v1/auth/logout', { token })).status, 204);
    assert.equal((await server.request('GET', '/api/v1/me', { token })).status, 401);
    const { rows } = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sessions',
    );
    assert.equal(rows[0]!.n, 0);
  });

  it('a token expires after 12 hours', async () => {
    const token = await server.login(COMPANY);
    server.clock.advance(12 * 3600 * 1000 - 1000);
    assert.equal((await server.request('GET', '/api/v1/me', { token })).status, 200);
    server.clock.advance(2000);
    const reply = await server.request('GET', '/api/v1/me', { token });
    assert.equal(reply.status, 401);
    assert.equal(reply.headers.get('www-authenticate'), 'Bearer');
  });

  it('a missing or forged token gets 401 on every /me route', async () => {
    for (const path of ['/api/v1/me', '/api/v1/me/payment-methods', '/api/v1/me/subscriptions']) {
      assert.equal((await server.request('GET', path)).status, 401, path);
      const forged = await server.request('GET', path, { token: 'A'.repeat(43) });
      assert.equal(forged.status, 401, path);
    }
  });
});

describe('GET /v1/me…', () => {
  it('me: the caller and their holder data', async () => {
    const token = await server.login(MEMBER);
    const reply = await server.request('GET', '/api/v1/me', { token });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.username, MEMBER);
    assert.equal(reply.body.holder.type, 'professional');
    assert.deepEqual(reply.body.holder.eInvoice, { pec: MEMBER });
    assert.equal(reply.body.password_hash, undefined);
  });

  it("payment methods: the company's saved card and PayPal account, never a card number", async () => {
    const token = await server.login(COMPANY);
    const reply = await server.request('GET', '/api/v1/me/payment-methods', { token });
    const methods = PaymentMethodsSchema.parse(reply.body);
    assert.deepEqual(
      methods.items.map((m) => [m.type, m.label]),
      [
        ['card', 'Visa •••• 4242'],
        ['paypal', 'PayPal rossi.costruzioni@example.com'],
      ],
    );
    const professional = await server.login('7654321@aruba.it');
    const none = await server.request('GET', '/api/v1/me/payment-methods', { token: professional });
    assert.deepEqual(none.body, { items: [] });
  });

  it("subscriptions: the member's two PEC mailboxes, expiring in 8 and 2 months, credit 0", async () => {
    const token = await server.login(MEMBER);
    const reply = await server.request('GET', '/api/v1/me/subscriptions', { token });
    const subscriptions = SubscriptionsSchema.parse(reply.body);
    assert.equal(subscriptions.creditCents, 0);
    assert.deepEqual(
      subscriptions.items.map((s) => [s.productId, s.label, s.expiresOn]),
      [
        ['pec-addons', 'mario.rossi@architettitorinopec.it', '2026-09-15'],
        ['pec-addons', 'studio.rossi@architettitorinopec.it', '2026-03-15'],
      ],
    );
    const company = await server.login(COMPANY);
    const none = await server.request('GET', '/api/v1/me/subscriptions', { token: company });
    assert.deepEqual(none.body, { creditCents: 0, items: [] });
  });
});

describe('POST /v1/portal/sessions', () => {
  it('mints a member session for a portal user when the portal secret is right', async () => {
    const reply = await server.request('POST', '/api/v1/portal/sessions', {
      token: PORTAL_SECRET,
      body: { username: MEMBER },
    });
    assert.equal(reply.status, 201);
    const me = await server.request('GET', '/api/v1/me', { token: reply.body.token });
    assert.equal(me.body.username, MEMBER);
  });

  it('refuses a wrong or missing secret with 401, and an unknown username with 404', async () => {
    const wrong = await server.request('POST', '/api/v1/portal/sessions', {
      token: 'nope',
      body: { username: MEMBER },
    });
    assert.equal(wrong.status, 401);
    const missing = await server.request('POST', '/api/v1/portal/sessions', {
      body: { username: MEMBER },
    });
    assert.equal(missing.status, 401);
    const memberToken = await server.login(MEMBER);
    const withSession = await server.request('POST', '/api/v1/portal/sessions', {
      token: memberToken,
      body: { username: COMPANY },
    });
    assert.equal(withSession.status, 401, "a member's own session is not the portal secret");
    const unknown = await server.request('POST', '/api/v1/portal/sessions', {
      token: PORTAL_SECRET,
      body: { username: 'nobody@example.com' },
    });
    assert.equal(unknown.status, 404);
  });
});
