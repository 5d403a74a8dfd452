// Issue 23, "no trust in Host" probes (each failed before the fix): a request whose Host header
// names another site still works, but every link the server makes — the payment page's
// address, the confirmation email's invoice link, the instructions of a transfer — uses the
// configured public URL (CASSA_PUBLIC_URL), and a returnUrl on the forged host is refused (it
// would have made the genuine payment page an open redirect carrying the resume token).
// Sent over a real socket with node:http, which sends the Host header as given.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { DEMO_PASSWORD, DEMO_USERS } from '../../demo/server/seed.ts';
import { OPERATOR_SECRET, startServer, type Server } from './harness.ts';

const PUBLIC_URL = 'https://shop.example';
const EVIL = 'evil.example';

let server: Server;
let http: ServerType;
let port: number;
beforeEach(async () => {
  server = await startServer({
    publicUrl: PUBLIC_URL,
    allowedOrigins: ['https://partner.example'],
  });
  http = await new Promise<ServerType>((listening) => {
    const s = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      listening(s),
    );
  });
  port = (http.address() as AddressInfo).port;
});
afterEach(async () => {
  await new Promise((closed) => http.close(closed));
  await server.close();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read any field
}

/** A request with `Host: evil.example` (or `host`) to the server's socket. */
function send(
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string>; host?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: { Host: options.host ?? EVIL, ...options.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            body = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const json = (token: string | undefined, body: unknown, extra: Record<string, string> = {}) => ({
  body: JSON.stringify(body),
  headers: {
    'Content-Type': 'application/json',
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
    ...extra,
  },
});

async function login(): Promise<string> {
  const reply = await send(
    'POST',
    '/api/v1/auth/login',
    json(undefined, { username: DEMO_USERS.professional, password: DEMO_PASSWORD }),
  );
  assert.equal(reply.status, 200, 'a forged Host still works');
  return reply.body.token;
}

const order = (extra: Record<string, unknown>) => ({
  productId: 'certified-platform',
  planId: 'base',
  years: 1,
  addons: [],
  expectedTotalCents: 14640,
  acceptTerms: true,
  ...extra,
});

describe('a forged Host header', () => {
  it('cannot make a returnUrl on its own host acceptable (no open redirect)', async () => {
    const token = await login();
    const reply = await send(
      'POST',
      '/api/v1/orders',
      json(token, order({ paymentMethod: { type: 'card' }, returnUrl: `http://${EVIL}/steal` }), {
        'Idempotency-Key': 'evil-return',
      }),
    );
    assert.equal(reply.status, 422);
    assert.deepEqual(
      reply.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]),
      [['returnUrl', 'invalid']],
    );
  });

  it('does not change the payment page address, nor the links of the confirmation email', async () => {
    const token = await login();
    const placed = await send(
      'POST',
      '/api/v1/orders',
      json(
        token,
        order({ paymentMethod: { type: 'card' }, returnUrl: 'https://partner.example/shop' }),
        { 'Idempotency-Key': 'card-1' },
      ),
    );
    assert.equal(placed.status, 201);
    const pageUrl = new URL(placed.body.action.url);
    assert.equal(pageUrl.origin, PUBLIC_URL);

    // The buyer pays on the page, still reached with the forged Host.
    const page = await send('GET', pageUrl.pathname + pageUrl.search);
    assert.equal(page.status, 200);
    const attempt = /name="attempt" value="([^"]+)"/.exec(page.text)?.[1];
    const paid = await send('POST', pageUrl.pathname, {
      body: new URLSearchParams({
        decision: 'pay',
        holder: 'Giulia Bianchi',
        number: '4242 4242 4242 4242',
        expiry: '12/29',
        cvc: '123',
        ...(attempt ? { attempt } : {}),
      }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: PUBLIC_URL },
    });
    assert.equal(paid.status, 303);
    assert.match(String(paid.headers.location), /^https:\/\/partner\.example\/shop\?/);

    const outbox = await send('GET', '/api/dev/outbox');
    const confirmation = outbox.body.find(
      (e: { kind: string; body: string }) => e.kind === 'order_confirmation',
    );
    assert.ok(confirmation, outbox.text);
    assert.ok(confirmation.body.includes(`${PUBLIC_URL}/api/invoices/`), confirmation.body);
    assert.ok(!outbox.text.includes(EVIL), 'no email names the forged host');
  });

  it("does not change the links of an operator's recorded payment", async () => {
    const token = await login();
    const placed = await send(
      'POST',
      '/api/v1/orders',
      json(token, order({ paymentMethod: { type: 'bank_transfer' } }), {
        'Idempotency-Key': 'transfer-1',
      }),
    );
    assert.equal(placed.status, 201);
    const recorded = await send(
      'POST',
      '/api/v1/operator/payments',
      json(OPERATOR_SECRET, { orderNumber: placed.body.number, amountCents: 14640 }),
    );
    assert.equal(recorded.status, 200);
    const outbox = await send('GET', '/api/dev/outbox');
    assert.ok(outbox.text.includes(`${PUBLIC_URL}/api/invoices/`), outbox.text.slice(0, 2000));
    assert.ok(!outbox.text.includes(EVIL));
  });
});
