// Issue 20: nothing of the demo in production. A database runs the demo first (its accounts,
// a member session from /ordine.html, a pending sandbox payment), then production processes
// start on it — the server alone (server/src/main.ts) and the demo's own entry with
// NODE_ENV=production — and every demo door is tried: all 404 (or 401 for the accounts). The
// sandbox provider in production: refused at start, unless CASSA_ALLOW_TEST_PROVIDER=yes says so
// (with a warning), and then only its pages come back.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { DEMO_SELLER } from '../../demo/server/seller.ts';
import { DEFAULT_REGISTRATION_LIMIT } from '../../server/src/accounts/registration-limit.ts';
import { createPostgresDatabase, DATABASE_URL, databaseUrl } from '../server/harness.ts';
import {
  bankTransferOrder,
  DEMO_PASSWORD,
  DEMO_USERS,
  newCardOrder,
  registration,
} from './requests.ts';
import {
  call,
  loginTo,
  SERVER_MAIN,
  startServerProcess,
  type ServerProcess,
} from './server-process.ts';

const DEMO_MAIN = new URL('../../demo/server/main.ts', import.meta.url).pathname;
const CATALOG = new URL('../../demo/catalog.json', import.meta.url).pathname;
const PORTAL = 'production-test-portal-secret';
const OPERATOR = 'production-test-operator-secret';
const work = mkdtempSync(join(tmpdir(), 'cassa-production-'));
const sellerFile = join(work, 'seller.json');
writeFileSync(sellerFile, JSON.stringify(DEMO_SELLER));

let store: Record<string, string>;
/** What the demo left behind: sessions, a pending sandbox payment. */
const left = { apiToken: '', ordineToken: '', pendingOrderId: '' };

const production = (extra: Record<string, string> = {}) => ({
  ...store,
  NODE_ENV: 'production',
  CASSA_CATALOG: CATALOG,
  CASSA_SELLER: sellerFile,
  CASSA_PAYMENT_PROVIDER: 'none',
  CASSA_PUBLIC_URL: 'https://shop.example',
  CASSA_PORTAL_SECRET: PORTAL,
  CASSA_OPERATOR_SECRET: OPERATOR,
  CASSA_SCHEDULER: 'off',
  ...extra,
});

before(async () => {
  store = DATABASE_URL
    ? { DATABASE_URL: databaseUrl(await createPostgresDatabase()) }
    : { CASSA_DATA_DIR: join(work, 'data') };
  const demo = await startServerProcess({
    ...store,
    CASSA_PORTAL_SECRET: PORTAL,
    CASSA_SCHEDULER: 'off',
  });
  try {
    left.apiToken = await loginTo(demo.origin, DEMO_USERS.company, DEMO_PASSWORD);
    const ordine = await fetch(`${demo.origin}/ordine.html`);
    assert.equal(ordine.status, 200);
    left.ordineToken = /session-token="([^"]+)"/.exec(await ordine.text())?.[1] ?? '';
    assert.ok(left.ordineToken, 'the demo mints a member session in /ordine.html');
    const pending = await call(demo.origin, 'POST', '/api/v1/orders', {
      token: left.apiToken,
      headers: { 'Idempotency-Key': 'production-test-card' },
      body: newCardOrder(`${demo.origin}/partner.html`),
    });
    assert.equal(pending.status, 201);
    left.pendingOrderId = pending.body.id;
    assert.equal(
      (await call(demo.origin, 'GET', '/api/v1/me', { token: left.ordineToken })).status,
      200,
    );
  } finally {
    await demo.stop();
  }
});
after(() => rmSync(work, { recursive: true, force: true }));

/** Every door of the demo, as [method, path]. */
function demoDoors(): [string, string][] {
  const pay = `/api/sandbox/pay/${left.pendingOrderId}`;
  return [
    ['GET', '/'],
    ['GET', '/index.html'],
    ['GET', '/partner.html'],
    ['GET', '/ordine.html'],
    ['GET', '/strict-csp.html'],
    ['GET', '/cassa.js'],
    ['GET', '/outbox'],
    ['POST', '/outbox/payment-received'],
    ['POST', '/outbox/refuse-charges'],
    ['POST', '/outbox/clock'],
    ['GET', '/webhooks'],
    ['POST', '/webhooks/receiver'],
    ['GET', '/api/dev/outbox'],
    ['GET', '/api/dev/sdi'],
    ['GET', '/api/dev/webhooks'],
    ['GET', pay],
    ['POST', pay],
    ['GET', '/api/sandbox/sandbox.css'],
  ];
}

async function probe(server: ServerProcess) {
  const open: string[] = [];
  for (const [method, path] of demoDoors()) {
    const reply = await fetch(`${server.origin}${path}`, {
      method,
      ...(method === 'POST'
        ? {
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: 'decision=pay&holder=A&number=4242424242424242&expiry=12%2F29&cvc=123',
          }
        : {}),
      redirect: 'manual',
    });
    if (reply.status !== 404) open.push(`${method} ${path} ${reply.status}`);
  }
  assert.deepEqual(open, [], 'every demo door answers 404');
  const clock = await call(server.origin, 'POST', '/api/v1/operator/clock', {
    token: OPERATOR,
    body: { days: 1 },
  });
  assert.equal(clock.status, 404, 'no movable clock');

  // The demo's accounts: no login, no portal session, and the sessions the demo gave are over.
  for (const username of Object.values(DEMO_USERS)) {
    const login = await call(server.origin, 'POST', '/api/v1/auth/login', {
      body: { username, password: DEMO_PASSWORD },
    });
    assert.equal(login.status, 401, `login of the demo account ${username}`);
  }
  const portal = await call(server.origin, 'POST', '/api/v1/portal/sessions', {
    token: PORTAL,
    body: { username: DEMO_USERS.member },
  });
  assert.equal(portal.status, 404, 'no portal session for a demo account');
  for (const [name, token] of Object.entries({ api: left.apiToken, ordine: left.ordineToken })) {
    const me = await call(server.origin, 'GET', '/api/v1/me', { token });
    assert.equal(me.status, 401, `the demo's ${name} session`);
  }
}

/** What production still does: a new customer registers and orders by bank transfer. */
async function sells(server: ServerProcess) {
  const registered = await call(server.origin, 'POST', '/api/v1/auth/register', {
    body: registration(),
  });
  assert.equal(registered.status, 201);
  const token = registered.body.token as string;
  const card = await call(server.origin, 'POST', '/api/v1/orders', {
    token,
    headers: { 'Idempotency-Key': `card-${server.port}` },
    body: newCardOrder('https://shop.example/return'),
  });
  assert.equal(card.status, 422, 'no provider takes cards: the order is refused');
  assert.deepEqual(
    card.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`),
    ['paymentMethod.type payment.method'],
  );
  const transfer = await call(server.origin, 'POST', '/api/v1/orders', {
    token,
    headers: { 'Idempotency-Key': `transfer-${server.port}` },
    body: bankTransferOrder(),
  });
  assert.equal(transfer.status, 201);
  assert.equal(transfer.body.status, 'awaiting_payment');
  // The payee is the seller's configuration.
  assert.equal(transfer.body.instructions.account, DEMO_SELLER.iban);
  assert.equal(transfer.body.instructions.beneficiary, DEMO_SELLER.name);
}

/**
 * New accounts per client address are limited by default in production (sells() made the
 * first): the ones after the limit get 429 with Retry-After.
 */
async function limitsRegistrations(server: ServerProcess) {
  const statuses: number[] = [];
  for (let i = 1; i <= DEFAULT_REGISTRATION_LIMIT.perAddress; i++) {
    const reply = await call(server.origin, 'POST', '/api/v1/auth/register', {
      body: registration(),
    });
    statuses.push(reply.status);
    if (reply.status === 429) assert.ok(Number(reply.headers.get('retry-after')) > 0);
  }
  assert.deepEqual(statuses, [
    ...Array<number>(DEFAULT_REGISTRATION_LIMIT.perAddress - 1).fill(201),
    429,
  ]);
  await server.output(/"event":"registration\.limited"/);
}

describe('production on a database that ran the demo', () => {
  it('the server alone: every demo page, the sandbox, the dev API and the demo accounts are gone', async () => {
    const server = await startServerProcess(production(), {
      main: SERVER_MAIN,
      banner: 'Cassa server',
    });
    try {
      assert.match(server.stdout(), /demo accounts barred: 4/);
      await probe(server);
      await sells(server);
      await limitsRegistrations(server);
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });

  it("the demo's entry with NODE_ENV=production: the same", async () => {
    const server = await startServerProcess(production());
    try {
      await probe(server);
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });
});

/** Runs an entry until it exits (it must not start): its exit code and stderr lines. */
function runToExit(main: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; lines: string[] }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: { PATH: process.env.PATH ?? '', PORT: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.stdout.resume();
    // An entry that starts after all (it should not) is ended: its code is then null.
    const started = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(started);
      resolve({ code, lines: stderr.trim().split('\n') });
    });
  });
}

describe('the sandbox provider in production', () => {
  it('refuses to start: one line naming CASSA_PAYMENT_PROVIDER and the way out', async () => {
    const { code, lines } = await runToExit(
      DEMO_MAIN,
      production({ CASSA_PAYMENT_PROVIDER: 'sandbox' }),
    );
    assert.equal(code, 1);
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(
      lines[0]!,
      /^Cassa: CASSA_PAYMENT_PROVIDER: sandbox is a test provider .*CASSA_ALLOW_TEST_PROVIDER=yes/,
    );
  });

  it('starts with CASSA_ALLOW_TEST_PROVIDER=yes, warns, and serves the sandbox pages only', async () => {
    const server = await startServerProcess(
      production({ CASSA_PAYMENT_PROVIDER: 'sandbox', CASSA_ALLOW_TEST_PROVIDER: 'yes' }),
    );
    try {
      assert.match(
        server.stderr(),
        /WARNING: the test payment provider sandbox runs with NODE_ENV=production/,
      );
      const page = await fetch(`${server.origin}/api/sandbox/pay/${left.pendingOrderId}`);
      assert.equal(page.status, 200, 'the chosen provider has its pages');
      for (const path of ['/outbox', '/webhooks', '/api/dev/outbox', '/ordine.html', '/']) {
        assert.equal((await fetch(`${server.origin}${path}`)).status, 404, path);
      }
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });
});

describe('configuration checked at start', () => {
  it('production with nothing set: one line per missing variable, exit 1', async () => {
    const { code, lines } = await runToExit(SERVER_MAIN, {
      NODE_ENV: 'production',
      CASSA_DATA_DIR: join(work, 'unused'),
    });
    assert.equal(code, 1);
    assert.deepEqual(
      lines.map((l) => /^Cassa: (\w+): required with NODE_ENV=production/.exec(l)?.[1]),
      ['CASSA_CATALOG', 'CASSA_SELLER', 'CASSA_PUBLIC_URL', 'CASSA_PAYMENT_PROVIDER'],
      lines.join('\n'),
    );
  });

  it('invalid values: one line each, naming the variable, never echoing a secret', async () => {
    const { code, lines } = await runToExit(
      SERVER_MAIN,
      production({
        PORT: 'eighty',
        CASSA_WEBHOOK_URL: 'ftp://hooks.example',
        CASSA_WEBHOOK_SECRET: 'not-a-whsec-value',
        CASSA_SCHEDULER: 'sometimes',
        CASSA_ALLOWED_ORIGINS: 'https://shop.example, shop.example/path',
        CASSA_PAYMENT_PROVIDER: 'stripe',
        CASSA_PUBLIC_URL: 'shop.example',
        CASSA_TRUSTED_PROXIES: '10.0.0.0/8, proxy.internal',
        CASSA_REGISTRATION_LIMIT_PER_ADDRESS: '0',
      }),
    );
    assert.equal(code, 1);
    const named = lines.map((l) => /^Cassa: (\w+): /.exec(l)?.[1]);
    assert.deepEqual(
      named.sort(),
      [
        'CASSA_ALLOWED_ORIGINS',
        'CASSA_PAYMENT_PROVIDER',
        'CASSA_PUBLIC_URL',
        'CASSA_REGISTRATION_LIMIT_PER_ADDRESS',
        'CASSA_SCHEDULER',
        'CASSA_TRUSTED_PROXIES',
        'CASSA_WEBHOOK_SECRET',
        'CASSA_WEBHOOK_URL',
        'PORT',
      ],
      lines.join('\n'),
    );
    assert.ok(!lines.join('\n').includes('not-a-whsec-value'), 'the secret is not echoed');
    assert.match(
      lines.join('\n'),
      /CASSA_PAYMENT_PROVIDER: unknown provider "stripe" \(one of: none\)/,
    );
  });

  it('the test clocks are refused: CASSA_NOW and CASSA_TODAY, one line each', async () => {
    const { code, lines } = await runToExit(
      SERVER_MAIN,
      production({ CASSA_NOW: '2030-01-01T00:00:00Z', CASSA_TODAY: '2030-01-01' }),
    );
    assert.equal(code, 1);
    assert.deepEqual(
      lines,
      [
        'Cassa: CASSA_NOW: for demo mode and tests only, not with NODE_ENV=production',
        'Cassa: CASSA_TODAY: for demo mode and tests only, not with NODE_ENV=production',
      ],
      lines.join('\n'),
    );
  });

  it('a customer area address that is not a link: one line at start, not a 500 on every order', async () => {
    for (const accountUrl of [
      'http://[area',
      '//evil.example/area',
      'javascript:alert(1)',
      'area-clienti',
    ]) {
      const { code, lines } = await runToExit(
        SERVER_MAIN,
        production({ CASSA_ACCOUNT_URL: accountUrl }),
      );
      assert.equal(code, 1, accountUrl);
      assert.equal(lines.length, 1, lines.join('\n'));
      assert.match(
        lines[0]!,
        /^Cassa: CASSA_ACCOUNT_URL: must be an http\(s\) URL or a path on this server/,
      );
    }
  });

  it('a password in a connection string or URL is never echoed', async () => {
    const { code, lines } = await runToExit(
      SERVER_MAIN,
      production({
        DATABASE_URL: 'postgress://cassa:db-password-9f3@db.internal:5432/cassa',
        CASSA_WEBHOOK_URL: 'ftp://hooks:hook-password-4e1@hooks.example/cassa',
        CASSA_ALLOWED_ORIGINS: 'https://shop:origin-password-7a2@shop.example/',
      }),
    );
    assert.equal(code, 1);
    const text = lines.join('\n');
    assert.deepEqual(
      lines.map((l) => /^Cassa: (\w+): /.exec(l)?.[1]).sort(),
      ['CASSA_ALLOWED_ORIGINS', 'CASSA_WEBHOOK_URL', 'DATABASE_URL'],
      text,
    );
    for (const password of ['db-password-9f3', 'hook-password-4e1', 'origin-password-7a2'])
      assert.ok(!text.includes(password), `${password} in: ${text}`);
    assert.match(text, /CASSA_WEBHOOK_URL: must be an http\(s\) URL, got "ftp:\/\/hooks:…@hooks/);
  });

  it('a seller file that cannot take what the catalog sells: one line', async () => {
    const { iban: _iban, ...noIban } = DEMO_SELLER;
    const file = join(work, 'seller-no-iban.json');
    writeFileSync(file, JSON.stringify(noIban));
    const { code, lines } = await runToExit(SERVER_MAIN, production({ CASSA_SELLER: file }));
    assert.equal(code, 1);
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(lines[0]!, /iban is required \(the catalog sells by bank transfer\)/);
  });
});
