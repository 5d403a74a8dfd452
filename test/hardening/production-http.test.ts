// The API as a production process answers it (demo: false, CASSA_PUBLIC_URL and
// CASSA_ALLOWED_ORIGINS set), probed as an attacker would over HTTP: what a request says about
// its own host opens no door.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DEFAULT_REGISTRATION_LIMIT } from '../../server/src/accounts/registration-limit.ts';
import { startServer, type Reply, type Server } from '../server/harness.ts';
import { certifiedQuote, registration } from './requests.ts';

const PUBLIC_URL = 'https://pay.shop.example';
const LISTED = 'https://shop.example';

let server: Server;
beforeEach(async () => {
  server = await startServer({
    demo: false,
    publicUrl: PUBLIC_URL,
    allowedOrigins: [LISTED],
    registrationLimit: DEFAULT_REGISTRATION_LIMIT,
  });
});
afterEach(() => server.close());

/** A request as it arrives: `url` carries the Host the client claims. */
async function send(
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Reply> {
  const response = await server.app.request(url, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: undefined, text };
}

describe('CORS in production: the configured origins only, whatever Host says', () => {
  it('a forged Host does not make its own origin an allowed one', async () => {
    for (const host of ['evil.example', 'localhost:4710', '127.0.0.1:8080']) {
      const origin = `http://${host}`;
      const preflight = await send('OPTIONS', `${origin}/api/v1/orders`, {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
      });
      assert.equal(preflight.status, 204, host);
      assert.equal(preflight.headers.get('access-control-allow-origin'), null, `${host} preflight`);
      assert.equal(preflight.headers.get('access-control-allow-methods'), null, host);

      const read = await send(
        'POST',
        `${origin}/api/v1/quotes`,
        { Origin: origin },
        certifiedQuote(),
      );
      assert.equal(read.status, 403, `${host}: a foreign page's write is refused`);
      assert.equal(read.headers.get('access-control-allow-origin'), null, `${host} answer`);
    }
  });

  it('the public URL and the listed origin are answered, on any Host', async () => {
    for (const origin of [PUBLIC_URL, LISTED]) {
      const preflight = await send('OPTIONS', 'http://evil.example/api/v1/orders', {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
      });
      assert.equal(preflight.headers.get('access-control-allow-origin'), origin);
      const quote = await send(
        'POST',
        'http://internal:8080/api/v1/quotes',
        { Origin: origin },
        certifiedQuote(),
      );
      assert.equal(quote.status, 200, origin);
      assert.equal(quote.headers.get('access-control-allow-origin'), origin);
    }
  });
});

describe('registration in production: new accounts per client address are limited', () => {
  const count = async (sql: string) =>
    (await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`)).rows[0]!.n;

  it('past the limit: 429 with Retry-After, no account made, no email sent', async () => {
    const { perAddress } = DEFAULT_REGISTRATION_LIMIT;
    const customers = await count('customers');
    const emails = await count(`outbox WHERE kind = 'registration'`);
    // A buyer correcting a field spends nothing.
    const invalid = await server.request('POST', '/api/v1/auth/register', {
      body: { ...registration(), password: 'short' },
    });
    assert.equal(invalid.status, 422);
    for (let i = 0; i < perAddress; i++) {
      const body = registration();
      body.holder.email = `buyer-${i}@example.com`;
      const made = await server.request('POST', '/api/v1/auth/register', { body });
      assert.equal(made.status, 201, `registration ${i + 1}: ${made.text}`);
    }
    const body = registration();
    body.holder.email = 'victim@example.com';
    const refused = await server.request('POST', '/api/v1/auth/register', { body });
    assert.equal(refused.status, 429, refused.text);
    assert.equal(refused.body.type, 'https://cassa.dev/problems/rate-limited');
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= DEFAULT_REGISTRATION_LIMIT.windowSeconds);
    assert.equal(await count('customers'), customers + perAddress);
    assert.equal(await count(`outbox WHERE kind = 'registration'`), emails + perAddress);
    assert.equal(await count(`outbox WHERE to_address = 'victim@example.com'`), 0);
    assert.ok(
      server.logs.some((line) => line.includes('"event":"registration.limited"')),
      'a security line says so',
    );
    assert.ok(!server.logs.some((line) => line.includes('victim@example.com')));
  });
});

describe('field errors: a message names its limit, never a placeholder', () => {
  it('a password or a holder name too long: "… 200 characters at most", not "{max}"', async () => {
    const password = await server.request('POST', '/api/v1/auth/register', {
      body: { ...registration(), password: 'a'.repeat(60_000) },
    });
    const name = registration();
    name.holder.name = 'A'.repeat(5000);
    const holder = await server.request('POST', '/api/v1/auth/register', { body: name });
    for (const [reply, path] of [
      [password, 'password'],
      [holder, 'holder.name'],
    ] as const) {
      assert.equal(reply.status, 422, reply.text);
      const error = reply.body.errors.find((e: { path: string }) => e.path === path);
      assert.equal(error?.code, 'too_long', reply.text);
      assert.doesNotMatch(error.message, /[{}]/, `${path}: ${error.message}`);
      assert.match(error.message, /^This text is too long: \d+ characters at most\.$/, path);
    }
  });
});

describe('security headers in production behind https', () => {
  it('every kind of answer says HTTPS only (Strict-Transport-Security); the demo does not', async () => {
    const answers: [string, Reply][] = [
      ['quote', await send('POST', `${PUBLIC_URL}/api/v1/quotes`, {}, certifiedQuote())],
      ['problem', await send('GET', `${PUBLIC_URL}/api/v1/orders/unknown`, {})],
      ['unknown route', await send('GET', `${PUBLIC_URL}/nothing-here`, {})],
      [
        'preflight',
        await send('OPTIONS', `${PUBLIC_URL}/api/v1/orders`, {
          Origin: LISTED,
          'Access-Control-Request-Method': 'POST',
        }),
      ],
      ['reset page', await send('GET', `${PUBLIC_URL}/api/account/password-reset`, {})],
      ['stylesheet', await send('GET', `${PUBLIC_URL}/api/assets/pages.css`, {})],
    ];
    for (const [what, reply] of answers) {
      assert.equal(
        reply.headers.get('strict-transport-security'),
        'max-age=31536000',
        `${what} (${reply.status})`,
      );
    }
    const demo = await startServer({}, server.db);
    try {
      const quote = await demo.request('POST', '/api/v1/quotes', { body: certifiedQuote() });
      assert.equal(quote.status, 200);
      assert.equal(quote.headers.get('strict-transport-security'), null, 'the demo on http');
    } finally {
      await demo.close();
    }
  });
});
