// Issue 7, item 6, on the process as deployed (`node demo/server/main.ts`): CORS follows
// CASSA_ALLOWED_ORIGINS (spaces and a trailing slash tolerated, nothing else let in), the
// security headers are on its API and pages, and its own output (stdout, stderr) holds no
// password, token, username or email after a login and an order.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MAX_BODY_BYTES } from '../../server/src/http/app.ts';
import { createPostgresDatabase, DATABASE_URL, databaseUrl } from '../server/harness.ts';
import { bankTransferOrder, DEMO_HOLDERS, DEMO_PASSWORD, DEMO_USERS } from './requests.ts';
import { call, loginTo, startServerProcess, type ServerProcess } from './server-process.ts';

const work = mkdtempSync(join(tmpdir(), 'cassa-demo-process-'));
let server: ServerProcess;
before(async () => {
  const store: Record<string, string> = DATABASE_URL
    ? { DATABASE_URL: databaseUrl(await createPostgresDatabase()) }
    : { CASSA_DATA_DIR: join(work, 'data') };
  server = await startServerProcess({
    ...store,
    CASSA_ALLOWED_ORIGINS: ' https://partner.example , https://shop.example/ ',
  });
});
after(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

const preflight = (origin: string) =>
  fetch(`${server.origin}/api/v1/orders`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type,authorization,idempotency-key',
    },
  });

describe('the demo process', () => {
  it('CORS answers exactly the origins of CASSA_ALLOWED_ORIGINS', async () => {
    for (const origin of ['https://partner.example', 'https://shop.example']) {
      const reply = await preflight(origin);
      assert.equal(reply.status, 204);
      assert.equal(reply.headers.get('access-control-allow-origin'), origin);
    }
    const refused = [
      'https://evil.example',
      'https://shop.example/',
      'https://partner.example.evil.example',
    ];
    for (const origin of refused) {
      const reply = await preflight(origin);
      assert.equal(reply.headers.get('access-control-allow-origin'), null, origin);
      const write = await call(server.origin, 'POST', '/api/v1/auth/login', {
        body: { username: DEMO_USERS.company, password: DEMO_PASSWORD },
        headers: { Origin: origin },
      });
      assert.equal(write.status, 403, origin);
    }
    console.log(`hardening: demo-process cors listed=2 refused=${refused.length}`);
  });

  it('security headers on the API, a problem, and the pages', async () => {
    for (const path of [
      '/api/v1/products/certified-platform',
      '/api/v1/me',
      '/',
      '/partner.html',
    ]) {
      const reply = await fetch(`${server.origin}${path}`);
      assert.equal(reply.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(reply.headers.get('x-frame-options'), 'DENY', path);
      assert.equal(reply.headers.get('referrer-policy'), 'no-referrer', path);
      assert.ok(reply.headers.get('content-security-policy'), path);
    }
  });

  it('413 for a body over 64 KB, whether its length is declared or it streams in', async () => {
    const token = await loginTo(server.origin, DEMO_USERS.company, DEMO_PASSWORD);
    const oversized = JSON.stringify({
      ...bankTransferOrder(),
      padding: 'x'.repeat(MAX_BODY_BYTES),
    });
    const headers = {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': 'demo-process-413',
    };
    const declared = await fetch(`${server.origin}/api/v1/orders`, {
      method: 'POST',
      headers,
      body: oversized,
    });
    assert.equal(declared.status, 413);
    const bytes = new TextEncoder().encode(oversized);
    const streamed = await fetch(`${server.origin}/api/v1/orders`, {
      method: 'POST',
      headers,
      body: new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < bytes.length; at += 8192)
            controller.enqueue(bytes.slice(at, at + 8192));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    assert.equal(streamed.status, 413);
    assert.equal(streamed.headers.get('content-type'), 'application/problem+json');
    const me = await call(server.origin, 'GET', '/api/v1/me', { token });
    assert.equal(me.status, 200, 'the server goes on');
    console.log('hardening: demo-process oversized-bodies=2 (declared, streamed)');
  });

  it('its output holds no password, token, username or personal data', async () => {
    const token = await loginTo(server.origin, DEMO_USERS.company, DEMO_PASSWORD);
    await call(server.origin, 'POST', '/api/v1/auth/login', {
      body: { username: DEMO_USERS.professional, password: 'not-the-password-42' },
    });
    const order = await call(server.origin, 'POST', '/api/v1/orders', {
      token,
      body: bankTransferOrder(),
      headers: { 'Idempotency-Key': 'demo-process-key-991' },
    });
    assert.equal(order.status, 201);
    const output = (server.stdout() + server.stderr()).toLowerCase();
    assert.match(output, /post \/api\/v1\/orders 201/, 'the requests are logged');
    const secrets = [
      DEMO_PASSWORD,
      'not-the-password-42',
      token,
      'demo-process-key-991',
      ...Object.values(DEMO_USERS),
      ...Object.values(DEMO_HOLDERS).flatMap((h) => [h.email, h.taxCode, h.name]),
    ];
    for (const secret of secrets) {
      assert.ok(!output.includes(secret.toLowerCase()), `the output holds ${secret}`);
    }
    console.log(`hardening: demo-process output-secrets-checked=${secrets.length} found=0`);
  });
});
