// The app as deployed: behind @hono/node-server on a real socket, where the security and CORS
// headers go on Node's response before the route runs and a declared Content-Length decides
// the 413 (in-process `app.request` tests take the other path of both). Every kind of answer
// must look the same here: the route's own CSP and Cache-Control win over the defaults, no
// header is doubled, and an oversized body is refused whether it is declared or streamed.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { MAX_BODY_BYTES } from '../../server/src/http/app.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../../demo/server/seed.ts';
import { API_CSP, HOST_PAGE_CSP, pageCsp } from '../../server/src/http/security.ts';
import { startServer, type Server } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const PARTNER = 'https://partner.example';

let server: Server;
let http: ServerType;
let origin: string;

beforeEach(async () => {
  server = await startServer({
    allowedOrigins: [PARTNER],
    staticFiles: { distDir: resolve(ROOT, 'dist'), pagesDir: resolve(ROOT, 'demo', 'pages') },
  });
  await new Promise<void>((listening) => {
    http = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' }, () => listening());
  });
  origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise((closed) => http.close(closed));
  await server.close();
});

interface Answer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read any field
}

async function send(
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: BodyInit; token?: string } = {},
): Promise<Answer> {
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: {
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    ...(init.body !== undefined ? { body: init.body } : {}),
    ...(init.body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // a page or an empty answer
  }
  return { status: response.status, headers: response.headers, body };
}

async function login(username: string = DEMO_USERS.company): Promise<string> {
  const reply = await send('POST', '/api/v1/auth/login', {
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  assert.equal(reply.status, 200);
  return reply.body.token as string;
}

const order = (padding = '') => ({
  productId: 'certified-platform',
  planId: 'base',
  years: 1,
  addons: [],
  expectedTotalCents: 14640,
  paymentMethod: { type: 'bank_transfer' },
  acceptTerms: true,
  ...(padding ? { padding } : {}),
});

/** `value` as JSON of exactly `bytes` bytes, padded in a field the server ignores. */
function jsonOfSize(value: object, bytes: number): string {
  const empty = JSON.stringify({ ...value, padding: '' });
  return JSON.stringify({ ...value, padding: 'x'.repeat(bytes - empty.length) });
}

/** A body sent in 16 KB chunks without Content-Length (chunked transfer encoding). */
function streamed(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(sent, (sent += 16 * 1024)));
    },
  });
}

async function count(table: string): Promise<number> {
  const { rows } = await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]!.n;
}

function assertSecurityHeaders(
  reply: Answer,
  csp: string,
  context: string,
  referrer = 'no-referrer',
) {
  assert.equal(reply.headers.get('x-content-type-options'), 'nosniff', context);
  assert.equal(reply.headers.get('referrer-policy'), referrer, context);
  assert.equal(reply.headers.get('x-frame-options'), 'DENY', context);
  // Exactly the one policy: a default and the route's own would be joined with ", ".
  assert.equal(reply.headers.get('content-security-policy'), csp, context);
}

describe('behind @hono/node-server: security headers', () => {
  it('every API answer has them once, no-store unless the route allows caching', async () => {
    const token = await login();
    const replies: [string, Answer][] = [
      ['product', await send('GET', '/api/v1/products/certified-platform')],
      ['me', await send('GET', '/api/v1/me', { token })],
      [
        'quote',
        await send('POST', '/api/v1/quotes', {
          body: JSON.stringify({ productId: 'certified-platform', planId: 'base', years: 1 }),
        }),
      ],
      ['400', await send('POST', '/api/v1/quotes', { body: '{' })],
      ['401', await send('GET', '/api/v1/me')],
      ['404', await send('GET', '/api/v1/nothing')],
      ['413', await send('POST', '/api/v1/quotes', { body: 'x'.repeat(MAX_BODY_BYTES + 1) })],
      ['422', await send('POST', '/api/v1/quotes', { body: '{}' })],
      ['preflight', await send('OPTIONS', '/api/v1/orders', { headers: { Origin: PARTNER } })],
    ];
    assert.deepEqual(
      replies.map(([, r]) => r.status),
      [200, 200, 200, 400, 401, 404, 413, 422, 204],
    );
    for (const [name, reply] of replies) {
      assertSecurityHeaders(reply, API_CSP, name);
      assert.equal(reply.headers.get('vary'), 'Origin', name);
      const caching = name === 'product' ? 'public, max-age=60' : 'no-store';
      assert.equal(reply.headers.get('cache-control'), caching, name);
    }
    assert.equal(replies[6]![1].body.type, 'https://cassa.dev/problems/payload-too-large');
  });

  it('pages keep their own policy: the demo pages, the sandbox payment page, the outbox', async () => {
    const token = await login();
    const placed = await send('POST', '/api/v1/orders', {
      token,
      body: JSON.stringify({
        ...order(),
        paymentMethod: { type: 'card' },
        returnUrl: `${PARTNER}/back`,
      }),
      headers: { 'Idempotency-Key': 'node-http-card' },
    });
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    const payPage = new URL(placed.body.action.url).pathname;
    // The payment page sends its own origin with its posts (issue 23: the Origin check), so its
    // referrer policy is same-origin; every other page sends none.
    const pages: [string, string, string, string?][] = [
      ['/', HOST_PAGE_CSP, 'no-cache'],
      ['/partner.html', HOST_PAGE_CSP, 'no-cache'],
      [payPage, pageCsp([PARTNER]), 'no-store', 'same-origin'],
      ['/outbox', pageCsp(), 'no-store'],
    ];
    for (const [path, csp, caching, referrer] of pages) {
      const page = await send('GET', path);
      assert.equal(page.status, 200, path);
      assert.match(page.headers.get('content-type') ?? '', /^text\/html/, path);
      assertSecurityHeaders(page, csp, path, referrer);
      assert.equal(page.headers.get('cache-control'), caching, path);
    }
  });
});

describe('behind @hono/node-server: CORS', () => {
  it('an allowed origin gets its origin echoed and the exposed headers; no Origin gets none', async () => {
    const read = await send('GET', '/api/v1/products/certified-platform', {
      headers: { Origin: PARTNER },
    });
    assert.equal(read.headers.get('access-control-allow-origin'), PARTNER);
    assert.match(read.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
    const plain = await send('GET', '/api/v1/products/certified-platform');
    assert.equal(plain.headers.get('access-control-allow-origin'), null);
    assert.equal(plain.headers.get('vary'), 'Origin', 'a cache keeps the two apart');

    const preflight = await send('OPTIONS', '/api/v1/orders', {
      headers: {
        Origin: PARTNER,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,authorization,idempotency-key',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), PARTNER);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
  });

  it('a foreign origin gets no CORS header anywhere, and its writes are 403 and change nothing', async () => {
    const evil = 'https://partner.example.evil.example';
    const sessions = await count('sessions');
    const preflight = await send('OPTIONS', '/api/v1/auth/login', { headers: { Origin: evil } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
    assert.equal(preflight.headers.get('access-control-allow-methods'), null);
    const read = await send('GET', '/api/v1/products/certified-platform', {
      headers: { Origin: evil },
    });
    assert.equal(read.status, 200);
    assert.equal(read.headers.get('access-control-allow-origin'), null);
    const write = await send('POST', '/api/v1/auth/login', {
      headers: { Origin: evil },
      body: JSON.stringify({ username: DEMO_USERS.company, password: DEMO_PASSWORD }),
    });
    assert.equal(write.status, 403);
    assert.equal(write.body.type, 'https://cassa.dev/problems/forbidden');
    assert.equal(write.body.token, undefined);
    assert.equal(write.headers.get('access-control-allow-origin'), null);
    assert.equal(await count('sessions'), sessions);
  });
});

describe('behind @hono/node-server: body limit', () => {
  it('a declared Content-Length one byte over 64 KB is 413 on every body endpoint and writes nothing', async () => {
    const token = await login();
    const before = { customers: await count('customers'), orders: await count('orders') };
    for (const path of [
      '/api/v1/orders',
      '/api/v1/auth/register',
      '/api/v1/auth/login',
      '/api/v1/quotes',
    ]) {
      const reply = await send('POST', path, {
        token,
        body: jsonOfSize(order(), MAX_BODY_BYTES + 1),
        headers: { 'Idempotency-Key': `big-${path}` },
      });
      assert.equal(reply.status, 413, path);
      assert.equal(reply.body.type, 'https://cassa.dev/problems/payload-too-large', path);
    }
    assert.deepEqual(
      { customers: await count('customers'), orders: await count('orders') },
      before,
    );
  });

  it('a declared body of exactly 64 KB is read', async () => {
    const token = await login();
    const reply = await send('POST', '/api/v1/orders', {
      token,
      body: jsonOfSize(order(), MAX_BODY_BYTES),
      headers: { 'Idempotency-Key': 'exactly-64k' },
    });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
  });

  it('a chunked body without Content-Length is counted: under the limit read, over it 413', async () => {
    const small = streamed(
      JSON.stringify({ productId: 'certified-platform', planId: 'base', years: 1 }),
    );
    const quote = await send('POST', '/api/v1/quotes', {
      body: small,
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(quote.status, 200, JSON.stringify(quote.body));
    assert.equal(quote.body.totalCents, 14640);

    const customers = await count('customers');
    const big = streamed(`{"padding":"${'x'.repeat(1024 * 1024)}"}`);
    const reply = await send('POST', '/api/v1/auth/register', { body: big });
    assert.equal(reply.status, 413);
    assert.equal(reply.body.type, 'https://cassa.dev/problems/payload-too-large');
    assert.equal(await count('customers'), customers);
  });
});

describe('behind @hono/node-server: request log', () => {
  it('one line per request with method, route pattern, status and time, and nothing else', async () => {
    server.logs.length = 0;
    const token = await login();
    await send('GET', `/api/v1/orders/00000000-0000-0000-0000-000000000000?email=a@b.example`, {
      token,
    });
    await send('POST', '/api/v1/quotes', { body: 'x'.repeat(MAX_BODY_BYTES + 1) });
    await send('OPTIONS', '/api/v1/quotes', { headers: { Origin: PARTNER } });
    assert.equal(server.logs.length, 4, server.logs.join('\n'));
    assert.match(server.logs[0]!, /^POST \/api\/v1\/auth\/login 200 \d+ms$/);
    assert.match(server.logs[1]!, /^GET \/api\/v1\/orders\/:id 404 \d+ms$/);
    assert.match(server.logs[2]!, /^POST \S+ 413 \d+ms$/);
    assert.match(server.logs[3]!, /^OPTIONS \S+ 204 \d+ms$/);
    const logged = server.logs.join('\n');
    assert.ok(!/email|b\.example|0000-0000|aruba/.test(logged), logged);
  });
});
