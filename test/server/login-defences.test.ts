// Issue 23, login probes (each failed before the fix): concurrent wrong passwords for one user
// reach scrypt exactly the limit's number of times, on one instance or two sharing a database;
// a password spray from one address is stopped by a 429; a global limit stops a spray from many
// addresses; X-Forwarded-For counts only behind a configured trusted proxy; security events are
// logged as structured lines without the username or password; weak passwords are refused at
// registration; an old hash is upgraded to today's scrypt parameters at the next login.
// The app runs behind @hono/node-server on a real socket, as deployed.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { DEMO_HOLDERS, DEMO_PASSWORD, DEMO_USERS } from '../../demo/server/seed.ts';
import { hashPassword } from '../../server/src/accounts/credentials.ts';
import { usernameDigest } from '../../server/src/accounts/login-limit.ts';
import { trustedProxies } from '../../server/src/http/client-address.ts';
import type { AppDeps } from '../../server/src/http/context.ts';
import { startServer, type Server } from './harness.ts';

interface Listening {
  server: Server;
  origin: string;
  http: ServerType;
}
const open: Listening[] = [];
afterEach(async () => {
  for (const { http } of open.splice(0)) await new Promise((closed) => http.close(closed));
  for (const { server } of open.splice(0)) await server.close();
});

async function listen(overrides: Partial<AppDeps> = {}, shared?: Server): Promise<Listening> {
  const server = await startServer(overrides, shared?.db);
  const http = await new Promise<ServerType>((listening) => {
    const s = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      listening(s),
    );
  });
  const entry = {
    server,
    http,
    origin: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
  };
  open.push(entry);
  return entry;
}

async function login(
  at: Listening,
  username: string,
  password: string,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${at.origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });
  const body = await response.json();
  return { status: response.status, body, retryAfter: response.headers.get('retry-after') };
}

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;
const securityLines = (server: Server) =>
  server.logs
    .filter((line) => line.startsWith('security '))
    .map((line) => JSON.parse(line.slice('security '.length)));

describe('login limits: no race', () => {
  it('30 wrong passwords sent at once for one user: exactly 10 are tried, 20 get 429', async () => {
    const at = await listen();
    const statuses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        login(at, DEMO_USERS.company, `wrong-guess-${i}`).then((r) => r.status),
      ),
    );
    assert.equal(count(statuses, 401), 10, `401s: ${statuses.join(' ')}`);
    assert.equal(count(statuses, 429), 20);
    // Only the tried ones were failures in the log: the rest were limited before scrypt.
    const events = securityLines(at.server);
    assert.equal(events.filter((e) => e.event === 'login.failed').length, 10);
    assert.equal(events.filter((e) => e.event === 'login.limited').length, 20);
    assert.equal(events.filter((e) => e.event === 'login.locked').length, 1);
    // Even the right password waits now.
    assert.equal((await login(at, DEMO_USERS.company, DEMO_PASSWORD)).status, 429);
  });

  it('two instances on one database share the count: 60 wrong passwords, exactly 10 tried', async () => {
    const first = await listen();
    const second = await listen({}, first.server);
    const statuses = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        login(i % 2 ? first : second, DEMO_USERS.company, `wrong-guess-${i}`).then((r) => r.status),
      ),
    );
    assert.equal(count(statuses, 401), 10, `401s: ${statuses.join(' ')}`);
    assert.equal(count(statuses, 429), 50);
  });

  it('a right password gives its try back: logging in often never locks the owner out', async () => {
    const at = await listen();
    for (let i = 0; i < 9; i++) await login(at, DEMO_USERS.company, `wrong-guess-${i}`);
    for (let i = 0; i < 3; i++) {
      assert.equal((await login(at, DEMO_USERS.company, DEMO_PASSWORD)).status, 200);
    }
  });
});

describe('login limits: spraying', () => {
  it('120 wrong logins over 120 usernames from one address: 429 after 30 tries', async () => {
    const at = await listen();
    const statuses: number[] = [];
    for (let i = 0; i < 120; i++) {
      const username = `${String(1_000_000 + i * 7919).padStart(7, '0')}@aruba.it`;
      statuses.push((await login(at, username, 'Password123!')).status);
    }
    assert.deepEqual(statuses.slice(0, 30), Array(30).fill(401));
    assert.deepEqual(statuses.slice(30), Array(90).fill(429));
    const limited = securityLines(at.server).filter((e) => e.event === 'login.limited');
    assert.ok(limited.every((e) => e.scope === 'address' && e.address === '127.0.0.1'));
    // Another address (through the trusted proxy of the next test) is not this one's business;
    // here, the same address is stopped even for a real account.
    assert.equal((await login(at, DEMO_USERS.professional, DEMO_PASSWORD)).status, 429);
  });

  it('X-Forwarded-For is ignored without a trusted proxy: rotating it does not escape the limit', async () => {
    const at = await listen({ loginLimits: { perAddress: 5 } });
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      const reply = await login(at, `${2_000_000 + i}@aruba.it`, 'Password123!', {
        'X-Forwarded-For': `203.0.113.${i}`,
      });
      statuses.push(reply.status);
    }
    assert.equal(count(statuses, 401), 5);
    assert.equal(count(statuses, 429), 10);
  });

  it('behind a trusted proxy the forwarded address counts, and a forged hop before it does not', async () => {
    const at = await listen({
      trustedProxies: trustedProxies(['127.0.0.0/8']),
      loginLimits: { perAddress: 5 },
    });
    // One client behind the proxy: limited after 5, whatever it puts in front of the chain.
    for (let i = 0; i < 5; i++) {
      const r = await login(at, `${3_000_000 + i}@aruba.it`, 'Password123!', {
        'X-Forwarded-For': `198.51.100.${i}, 203.0.113.7`,
      });
      assert.equal(r.status, 401);
    }
    const limited = await login(at, '3999999@aruba.it', 'Password123!', {
      'X-Forwarded-For': '203.0.113.7',
    });
    assert.equal(limited.status, 429);
    // Another client of the same proxy is not limited.
    const other = await login(at, DEMO_USERS.company, DEMO_PASSWORD, {
      'X-Forwarded-For': '203.0.113.8',
    });
    assert.equal(other.status, 200);
    const failed = securityLines(at.server).filter((e) => e.event === 'login.failed');
    assert.ok(failed.every((e) => e.address === '203.0.113.7'));
  });

  it('a global limit stops a spray from many addresses', async () => {
    const at = await listen({
      trustedProxies: trustedProxies(['127.0.0.1']),
      loginLimits: { global: 6 },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await login(at, `${4_000_000 + i}@aruba.it`, 'Password123!', {
        'X-Forwarded-For': `192.0.2.${i + 1}`,
      });
      statuses.push(r.status);
    }
    assert.deepEqual(statuses.slice(0, 6), Array(6).fill(401));
    assert.deepEqual(statuses.slice(6), Array(6).fill(429));
    const scopes = securityLines(at.server)
      .filter((e) => e.event === 'login.limited')
      .map((e) => e.scope);
    assert.ok(scopes.every((s) => s === 'global'));
  });
});

describe('security log', () => {
  it('failed and limited logins name the username by its digest and the address, never the password', async () => {
    const at = await listen();
    for (let i = 0; i < 11; i++) await login(at, DEMO_USERS.company, `secret-guess-${i}`);
    const events = securityLines(at.server);
    const user = usernameDigest(DEMO_USERS.company);
    assert.deepEqual(events[0], { event: 'login.failed', user, address: '127.0.0.1' });
    assert.deepEqual(events[10], {
      event: 'login.locked',
      user,
      address: '127.0.0.1',
      windowSeconds: 900,
    });
    assert.equal(events[11].event, 'login.limited');
    assert.equal(events[11].scope, 'username');
    const all = at.server.logs.join('\n');
    assert.ok(!all.includes(DEMO_USERS.company), 'no username');
    assert.ok(!all.includes('secret-guess'), 'no password');
  });

  it('operator actions and refused operator calls are logged, without the secret', async () => {
    const at = await listen();
    const run = (token: string) =>
      fetch(`${at.origin}/api/v1/operator/renewals/run`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
      });
    assert.equal((await run('not-the-secret')).status, 401);
    assert.equal((await run('test-operator-secret')).status, 200);
    const events = securityLines(at.server);
    assert.deepEqual(events, [
      {
        event: 'operator.denied',
        action: 'POST /api/v1/operator/renewals/run',
        address: '127.0.0.1',
      },
      {
        event: 'operator.action',
        action: 'POST /api/v1/operator/renewals/run',
        address: '127.0.0.1',
      },
    ]);
    assert.ok(!at.server.logs.join('\n').includes('test-operator-secret'));
  });
});

describe('passwords', () => {
  const holder = { ...DEMO_HOLDERS.professional, email: 'nuovo@example.com' };
  const register = (at: Listening, password: string) =>
    fetch(`${at.origin}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en' },
      body: JSON.stringify({ password, holder }),
    }).then(async (r) => ({ status: r.status, body: await r.json() }));

  it('refuses passwords under 12 characters, common ones and one character repeated', async () => {
    const at = await listen();
    for (const [password, code] of [
      ['password', 'password.short'],
      ['12345678', 'password.short'],
      ['        ', 'password.short'],
      ['cassa-demo1', 'password.short'],
      ['qwerty123456', 'password.common'],
      ['Password1234', 'password.common'],
      ['123456789012', 'password.common'],
      ['            ', 'password.common'],
      ['aaaaaaaaaaaaaaaa', 'password.common'],
    ] as const) {
      const reply = await register(at, password);
      assert.equal(reply.status, 422, password);
      assert.deepEqual(
        reply.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]),
        [['password', code]],
        password,
      );
    }
    assert.equal((await register(at, 'verde-acqua-marina-7')).status, 201);
  });

  it('a hash made with older scrypt parameters is upgraded at the next login', async () => {
    const at = await listen();
    const old = await hashPassword(DEMO_PASSWORD, { N: 2 ** 14, r: 8, p: 1 });
    await at.server.db.query('UPDATE customers SET password_hash = $1 WHERE username = $2', [
      old,
      DEMO_USERS.company,
    ]);
    assert.equal((await login(at, DEMO_USERS.company, DEMO_PASSWORD)).status, 200);
    const { rows } = await at.server.db.query<{ password_hash: string }>(
      'SELECT password_hash FROM customers WHERE username = $1',
      [DEMO_USERS.company],
    );
    assert.match(rows[0]!.password_hash, /^scrypt\$131072\$8\$1\$/);
    assert.notEqual(rows[0]!.password_hash, old);
    // The new hash still opens the account, and the old one is gone for good.
    assert.equal((await login(at, DEMO_USERS.company, DEMO_PASSWORD)).status, 200);
    assert.equal((await login(at, DEMO_USERS.company, 'not-the-password')).status, 401);
  });
});
