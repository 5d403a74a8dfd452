// Issue 7, item 6: who may read and write what. Oversized bodies are 413 and write nothing;
// expired, forged, revoked or misplaced tokens are 401; brute-forced logins are 429 with
// Retry-After, even for the right password; another customer's order, subscription, saved
// card or idempotency key is as good as unknown (404 / 422, never their data).
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { MAX_BODY_BYTES } from '../../server/src/http/app.ts';
import { DEFAULT_LOGIN_LIMITS } from '../../server/src/accounts/login-limit.ts';

const MAX_FAILED_LOGINS = DEFAULT_LOGIN_LIMITS.perUsername;
const LOGIN_WINDOW_MS = DEFAULT_LOGIN_LIMITS.windowSeconds * 1000;
import { PORTAL_SECRET, startServer, submitSandboxForm, type Server } from '../server/harness.ts';
import {
  assertProblem,
  bankTransferOrder,
  DEMO_PASSWORD,
  DEMO_USERS,
  newCardOrder,
  registration,
} from './requests.ts';

let server: Server;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const figures = { oversized: 0, expired: 0, forged: 0, crossCustomer: 0, retryAfter: 0 };
after(() => {
  console.log(
    `hardening: access oversized-bodies=${figures.oversized} expired-token-cases=${figures.expired} forged-tokens=${figures.forged} cross-customer-reads=${figures.crossCustomer} login-429-retry-after-s=${figures.retryAfter}`,
  );
});

async function count(table: string): Promise<number> {
  const { rows } = await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]!.n;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('base64url');

let keys = 0;
const placeOrder = (token: string, body: unknown = bankTransferOrder(), key = `k-${++keys}`) =>
  server.request('POST', '/api/v1/orders', { token, body, headers: { 'Idempotency-Key': key } });

describe('access: request size', () => {
  /** A JSON body of exactly `bytes` bytes: the valid request padded in an ignored field. */
  function bodyOfSize(valid: object, bytes: number): string {
    const empty = JSON.stringify({ ...valid, padding: '' });
    return JSON.stringify({ ...valid, padding: 'x'.repeat(bytes - empty.length) });
  }

  it('a body one byte over 64 KB is 413 on every endpoint that takes one, and writes nothing', async () => {
    const token = await server.login(DEMO_USERS.company);
    const endpoints: [string, object, string | undefined][] = [
      ['/api/v1/orders', bankTransferOrder(), token],
      ['/api/v1/auth/register', registration(), undefined],
      ['/api/v1/auth/login', { username: DEMO_USERS.company, password: DEMO_PASSWORD }, undefined],
      ['/api/v1/quotes', { productId: 'certified-platform', planId: 'base', years: 1 }, undefined],
      ['/api/v1/portal/sessions', { username: DEMO_USERS.member }, PORTAL_SECRET],
    ];
    const before = { customers: await count('customers'), orders: await count('orders') };
    for (const [path, valid, bearer] of endpoints) {
      const reply = await server.request('POST', path, {
        rawBody: bodyOfSize(valid, MAX_BODY_BYTES + 1),
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `big-${path}` },
        ...(bearer ? { token: bearer } : {}),
      });
      assert.equal(reply.status, 413, path);
      assertProblem(reply, path);
      assert.equal(reply.body.type, 'https://cassa.dev/problems/payload-too-large');
      figures.oversized++;
    }
    assert.deepEqual(
      { customers: await count('customers'), orders: await count('orders') },
      before,
      'nothing written',
    );
    // The idempotency key of the refused order was not spent: the same key still works.
    const placed = await placeOrder(token, bankTransferOrder(), 'big-/api/v1/orders');
    assert.equal(placed.status, 201);
  });

  it('a body of exactly 64 KB is read (the limit is not off by one)', async () => {
    const token = await server.login(DEMO_USERS.company);
    const reply = await server.request('POST', '/api/v1/orders', {
      token,
      rawBody: bodyOfSize(bankTransferOrder(), MAX_BODY_BYTES),
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'exactly-64k' },
    });
    assert.equal(reply.status, 201, reply.text);
  });

  it('a streamed body without Content-Length is cut off at 64 KB too', async () => {
    const chunk = new TextEncoder().encode(`{"padding":"${'x'.repeat(16 * 1024)}`);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 1 MB in all, unless the server stops reading first.
        if (sent++ < 64) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await server.app.request('http://localhost/api/v1/auth/register', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    assert.equal(response.status, 413);
    assert.ok(sent < 64, `the server stopped reading after ${sent} chunks of 16 KB`);
    figures.oversized++;
  });
});

describe('access: expired and forged tokens', () => {
  const protectedRequests = (token: string, orderId: string) =>
    [
      ['GET', '/api/v1/me', undefined],
      ['GET', '/api/v1/me/payment-methods', undefined],
      ['GET', '/api/v1/me/subscriptions', undefined],
      ['GET', `/api/v1/orders/${orderId}`, undefined],
      ['POST', '/api/v1/orders', bankTransferOrder()],
    ].map(
      ([method, path, body]) =>
        () =>
          server.request(method as string, path as string, {
            headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': `x-${++keys}` },
            ...(body ? { body } : {}),
          }),
    );

  async function assertAllRefused(token: string, orderId: string, context: string) {
    const orders = await count('orders');
    for (const send of protectedRequests(token, orderId)) {
      const reply = await send();
      assert.equal(reply.status, 401, `${context}: ${reply.text}`);
      assertProblem(reply, context);
      assert.equal(reply.headers.get('www-authenticate'), 'Bearer', context);
    }
    assert.equal(await count('orders'), orders, `${context}: no order written`);
  }

  it('a session whose expiry passed in the database is refused everywhere', async () => {
    const token = await server.login(DEMO_USERS.company);
    const placed = await placeOrder(token);
    assert.equal((await server.request('GET', '/api/v1/me', { token })).status, 200);

    // Expired exactly now (valid means expires_at > now), then a second ago.
    for (const expiresAt of [server.clock.now(), new Date(server.clock.now().getTime() - 1000)]) {
      const { rowCount } = await server.db.query(
        'UPDATE sessions SET expires_at = $2 WHERE token_hash = $1',
        [sha256(token), expiresAt],
      );
      assert.equal(rowCount, 1, 'the session row is found by the hash of its token');
      await assertAllRefused(token, placed.body.id, `expired at ${expiresAt.toISOString()}`);
      figures.expired++;
    }
    // Put back in the future: the same token works again (the refusal was the expiry).
    await server.db.query('UPDATE sessions SET expires_at = $2 WHERE token_hash = $1', [
      sha256(token),
      new Date(server.clock.now().getTime() + 60_000),
    ]);
    assert.equal((await server.request('GET', '/api/v1/me', { token })).status, 200);
  });

  it('a session expires 12 hours after login, to the millisecond', async () => {
    const token = await server.login(DEMO_USERS.company);
    server.clock.advance(12 * 3600_000 - 1);
    assert.equal((await server.request('GET', '/api/v1/me', { token })).status, 200);
    server.clock.advance(1);
    assert.equal((await server.request('GET', '/api/v1/me', { token })).status, 401);
    figures.expired++;
  });

  it('a resume token works for its own order until it expires, and for no other', async () => {
    const token = await server.login(DEMO_USERS.company);
    const pending = await placeOrder(token, newCardOrder());
    const other = await placeOrder(token);
    const paid = await submitSandboxForm(server.app, pending.body.id, {
      decision: 'pay',
      holder: 'Mario Rossi',
      number: '4242 4242 4242 4242',
      expiry: '12/30',
      cvc: '123',
    });
    assert.equal(paid.status, 303);
    const resume = new URL(paid.location!).searchParams.get('cassa_resume')!;
    const read = (id: string) =>
      server.request('GET', `/api/v1/orders/${id}`, { headers: { 'Cassa-Resume': resume } });
    assert.equal((await read(pending.body.id)).status, 200);
    assert.equal((await read(other.body.id)).status, 404, 'not another order of the same buyer');
    assert.equal(
      (await server.request('GET', '/api/v1/me', { token: resume })).status,
      401,
      'not a session token',
    );
    await server.db.query('UPDATE orders SET resume_expires_at = $2 WHERE id = $1', [
      pending.body.id,
      server.clock.now(),
    ]);
    assert.equal((await read(pending.body.id)).status, 404, 'expired');
    figures.expired++;
  });

  it('forged, altered, revoked and misplaced tokens are 401 on every protected endpoint', async () => {
    const token = await server.login(DEMO_USERS.company);
    const placed = await placeOrder(token);
    const revoked = await server.login(DEMO_USERS.company);
    assert.equal(
      (await server.request('POST', '/api/v1/auth/logout', { token: revoked })).status,
      204,
    );
    const flip = (t: string, i: number) =>
      t.slice(0, i) + (t[i] === 'A' ? 'B' : 'A') + t.slice(i + 1);
    const forged = [
      randomBytes(32).toString('base64url'),
      flip(token, 0),
      flip(token, token.length - 1),
      `${token}x`,
      token.slice(0, -1),
      token.toUpperCase(),
      sha256(token), // what the database holds: useless to whoever reads it
      revoked,
      PORTAL_SECRET,
      "' OR '1'='1",
      'null',
      'x'.repeat(512),
    ];
    for (const candidate of forged) {
      await assertAllRefused(candidate, placed.body.id, `forged ${candidate.slice(0, 20)}`);
      figures.forged++;
    }
    // Not a bearer token at all: the raw token, another scheme, the token twice.
    for (const header of [token, `Basic ${token}`, `Bearer ${token} ${token}`, `Bearer`]) {
      const reply = await server.request('GET', '/api/v1/me', {
        headers: { Authorization: header },
      });
      assert.equal(reply.status, 401, header.slice(0, 20));
      figures.forged++;
    }
    // And the real one still works: the refusals were about the tokens.
    assert.equal((await server.request('GET', '/api/v1/me', { token })).status, 200);
  });
});

describe('access: brute-force login', () => {
  const attempt = (app: Server, username: string, password: string) =>
    app.request('POST', '/api/v1/auth/login', { body: { username, password } });

  it(`after ${MAX_FAILED_LOGINS} failures in 15 minutes: 429 with Retry-After, even for the right password, on every instance`, async () => {
    const username = DEMO_USERS.company;
    for (let i = 1; i <= MAX_FAILED_LOGINS; i++) {
      const reply = await attempt(server, username, `guess-${i}`);
      assert.equal(reply.status, 401, `attempt ${i}`);
    }
    const right = await attempt(server, username, DEMO_PASSWORD);
    assert.equal(right.status, 429, 'the right password waits too');
    assertProblem(right, 'right password');
    assert.equal(right.body.type, 'https://cassa.dev/problems/rate-limited');
    assert.equal(right.body.token, undefined);
    const retryAfter = Number(right.headers.get('retry-after'));
    assert.ok(
      Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= LOGIN_WINDOW_MS / 1000,
      `Retry-After ${right.headers.get('retry-after')}`,
    );
    // The window opened with the first failure, moments ago (real time: the limiter's clock).
    assert.ok(retryAfter > LOGIN_WINDOW_MS / 1000 - 120, `Retry-After ${retryAfter}`);
    figures.retryAfter = retryAfter;

    assert.equal((await attempt(server, username.toUpperCase(), DEMO_PASSWORD)).status, 429);
    const otherInstance = await startServer({ clock: server.clock }, server.db);
    assert.equal(
      (await attempt(otherInstance, username, DEMO_PASSWORD)).status,
      429,
      'the count lives in the database',
    );
    assert.equal((await attempt(server, DEMO_USERS.professional, DEMO_PASSWORD)).status, 200);
    assert.equal(await countSessionsOf(username), 0, 'no session opened while limited');
    // That the limit lifts after Retry-After: test/server/auth.test.ts (a 2-second window).
  });

  async function countSessionsOf(username: string): Promise<number> {
    const { rows } = await server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM sessions s JOIN customers c ON c.id = s.customer_id
        WHERE c.username = $1`,
      [username],
    );
    return rows[0]!.n;
  }
});

describe("access: another customer's data", () => {
  it("another customer's order is 404, the same answer as an order that does not exist", async () => {
    const owner = await server.login(DEMO_USERS.company);
    const stranger = await server.login(DEMO_USERS.professional);
    const orders = [await placeOrder(owner), await placeOrder(owner, newCardOrder())];
    const unknown = await server.request(
      'GET',
      '/api/v1/orders/00000000-0000-4000-8000-000000000000',
      { token: stranger },
    );
    assert.equal(unknown.status, 404);
    for (const placed of orders) {
      assert.equal(placed.status, 201);
      const mine = await server.request('GET', `/api/v1/orders/${placed.body.id}`, {
        token: owner,
      });
      assert.equal(mine.status, 200);
      const theirs = await server.request('GET', `/api/v1/orders/${placed.body.id}`, {
        token: stranger,
      });
      assert.equal(theirs.status, 404);
      assert.equal(theirs.text, unknown.text, 'nothing tells that the order exists');
      assert.ok(!theirs.text.includes(placed.body.number));
      figures.crossCustomer++;
    }
  });

  it("another customer's mailbox cannot be quoted, bought for or listed", async () => {
    const member = await server.login(DEMO_USERS.member);
    const company = await server.login(DEMO_USERS.company);
    const mailboxes = await server.request('GET', '/api/v1/me/subscriptions', { token: member });
    const mailbox = mailboxes.body.items[0].id as string;
    const selection = {
      productId: 'pec-addons',
      planId: 'member',
      years: 1,
      addons: [{ id: 'extra-space', quantity: 1 }],
      subscriptionId: mailbox,
    };
    const quote = await server.request('POST', '/api/v1/quotes', {
      token: company,
      body: selection,
    });
    assert.equal(quote.status, 404);
    const order = await placeOrder(company, {
      ...selection,
      expectedTotalCents: 0,
      paymentMethod: { type: 'credit' },
      acceptTerms: true,
    });
    assert.equal(order.status, 404);
    const listed = await server.request('GET', '/api/v1/me/subscriptions', { token: company });
    assert.deepEqual(listed.body.items, []);
    assert.equal(await count('subscription_addons'), 0);
    figures.crossCustomer += 3;
  });

  it("another customer's saved card cannot pay, and their Idempotency-Key replays nothing", async () => {
    const owner = await server.login(DEMO_USERS.company);
    const stranger = await server.login(DEMO_USERS.professional);
    const methods = await server.request('GET', '/api/v1/me/payment-methods', { token: owner });
    const card = methods.body.items.find((m: { type: string }) => m.type === 'card');
    const paid = await placeOrder(stranger, {
      ...bankTransferOrder(),
      paymentMethod: { type: 'card', savedId: card.id },
    });
    assert.equal(paid.status, 422);
    assert.deepEqual(
      paid.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]),
      [['paymentMethod.savedId', 'payment.saved.unknown']],
    );
    assert.deepEqual(
      (await server.request('GET', '/api/v1/me/payment-methods', { token: stranger })).body.items,
      [],
    );

    const first = await placeOrder(owner, bankTransferOrder(), 'shared-key');
    const second = await placeOrder(stranger, bankTransferOrder(), 'shared-key');
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.equal(second.headers.get('idempotent-replayed'), null);
    assert.notEqual(second.body.id, first.body.id, "not the other customer's order");
    figures.crossCustomer += 2;
  });
});
