import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import type { Database } from '../../server/src/db/database.ts';
import { DEMO_HOLDERS } from '../../demo/server/seed.ts';
import { STRICT_CSP } from '../../server/src/http/security.ts';
import { PORTAL_SECRET, startServer, type Server } from './harness.ts';

let server: Server;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

describe('HTTP errors are problem+json', () => {
  it('413 for a body over 64 KB', async () => {
    const reply = await server.request('POST', '/api/v1/quotes', {
      rawBody: JSON.stringify({ productId: 'x'.repeat(70 * 1024) }),
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(reply.status, 413);
    assert.equal(reply.headers.get('content-type'), 'application/problem+json');
    assert.equal(reply.body.type, 'https://cassa.dev/problems/payload-too-large');
  });

  it('400 for a body that is not JSON', async () => {
    const reply = await server.request('POST', '/api/v1/quotes', {
      rawBody: 'not json',
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(reply.status, 400);
    assert.deepEqual(Object.keys(reply.body).sort(), ['detail', 'status', 'title', 'type']);
  });

  it('404 for an unknown route, under /api and outside it', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/nothing-here'],
      ['DELETE', '/api/v1/orders'],
      ['GET', '/nothing-here'],
    ] as const) {
      const reply = await server.request(method, path);
      assert.equal(reply.status, 404, path);
      assert.equal(reply.body.type, 'https://cassa.dev/problems/not-found', path);
    }
  });

  it('500 server-error for an unexpected exception: no stack, no message, no personal data', async () => {
    const broken: Database = {
      ...server.db,
      query: async () => {
        throw new Error('boom for mario.rossi@architettitorinopec.it RSSMRA75C12L219Z');
      },
    };
    const crashing = await startServer({ db: broken }, server.db);
    const reply = await crashing.request('POST', '/api/v1/auth/login', {
      body: { username: 'mario.rossi@architettitorinopec.it', password: 'cassa-demo' },
    });
    assert.equal(reply.status, 500);
    assert.equal(reply.headers.get('content-type'), 'application/problem+json');
    assert.equal(reply.body.type, 'https://cassa.dev/problems/server-error');
    assert.ok(!reply.text.includes('boom') && !reply.text.includes('at '), reply.text);
    const logged = crashing.logs.join('\n');
    assert.ok(logged.includes('ERROR POST /api/v1/auth/login failed: Error'), logged);
    assert.ok(!logged.includes('mario.rossi') && !logged.includes('RSSMRA'), logged);
  });
});

describe('database unavailable', () => {
  it('503 service-unavailable with Retry-After when the database is unreachable or drops the connection', async () => {
    const failures: [string, Error][] = [
      [
        'terminated by the server',
        Object.assign(new Error('terminating connection'), { code: '57P01' }),
      ],
      ['no connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
      ['dropped mid-query', new Error('Connection terminated unexpectedly')],
      ['SQLSTATE class 08', Object.assign(new Error('connection failure'), { code: '08006' })],
    ];
    for (const [label, failure] of failures) {
      const down: Database = {
        ...server.db,
        query: async () => {
          throw failure;
        },
      };
      const crashing = await startServer({ db: down }, server.db);
      const reply = await crashing.request('POST', '/api/v1/auth/login', {
        body: { username: 'mario.rossi@architettitorinopec.it', password: 'cassa-demo' },
      });
      assert.equal(reply.status, 503, label);
      assert.equal(reply.headers.get('retry-after'), '1', label);
      assert.equal(reply.body.type, 'https://cassa.dev/problems/service-unavailable', label);
      assert.ok(
        !reply.text.includes('ECONNREFUSED') && !reply.text.includes('terminat'),
        reply.text,
      );
    }
  });

  it('an error that is not about the connection stays a 500', async () => {
    const broken: Database = {
      ...server.db,
      query: async () => {
        throw Object.assign(new Error('duplicate key'), { code: '23505' });
      },
    };
    const crashing = await startServer({ db: broken }, server.db);
    const reply = await crashing.request('POST', '/api/v1/auth/login', {
      body: { username: 'mario.rossi@architettitorinopec.it', password: 'cassa-demo' },
    });
    assert.equal(reply.status, 500);
    assert.equal(reply.headers.get('retry-after'), null);
  });
});

describe('security headers', () => {
  it('every response carries nosniff, no-referrer and DENY framing, and a CSP', async () => {
    const token = await server.login('1234567@aruba.it');
    const replies = [
      await server.request('GET', '/api/v1/products/certified-platform'),
      await server.request('GET', '/api/v1/me', { token }),
      await server.request('GET', '/api/v1/nothing'),
      await server.request('GET', '/outbox'),
      await server.request('GET', '/api/sandbox/sandbox.css'),
    ];
    for (const reply of replies) {
      assert.equal(reply.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(reply.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(reply.headers.get('x-frame-options'), 'DENY');
      assert.match(
        reply.headers.get('content-security-policy') ?? '',
        /frame-ancestors 'none'|default-src 'none'/,
      );
    }
    assert.equal(
      replies[1]!.headers.get('cache-control'),
      'no-store',
      'personal data is not cached',
    );
  });
});

describe('CORS', () => {
  it('answers a preflight from an allowed origin with the headers the widget sends', async () => {
    const reply = await server.request('OPTIONS', '/api/v1/orders', {
      headers: {
        Origin: 'https://partner.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,authorization,idempotency-key',
      },
    });
    assert.equal(reply.status, 204);
    assert.equal(reply.headers.get('access-control-allow-origin'), 'https://partner.example');
    const allowed = (reply.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of ['content-type', 'authorization', 'idempotency-key', 'cassa-resume']) {
      assert.ok(allowed.includes(header), header);
    }
  });

  it('gives a foreign origin no CORS headers, and refuses its writes with 403', async () => {
    const preflight = await server.request('OPTIONS', '/api/v1/quotes', {
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
    const read = await server.request('GET', '/api/v1/products/certified-platform', {
      headers: { Origin: 'https://evil.example' },
    });
    assert.equal(read.headers.get('access-control-allow-origin'), null);
    const write = await server.request('POST', '/api/v1/auth/login', {
      headers: { Origin: 'https://evil.example' },
      body: { username: '1234567@aruba.it', password: 'cassa-demo' },
    });
    assert.equal(write.status, 403);
    assert.equal(write.body.type, 'https://cassa.dev/problems/forbidden');
  });

  it('same origin is always fine', async () => {
    const reply = await server.request('POST', '/api/v1/auth/login', {
      headers: { Origin: 'http://localhost' },
      body: { username: '1234567@aruba.it', password: 'cassa-demo' },
    });
    assert.equal(reply.status, 200);
  });
});

describe('logs', () => {
  it('one line per request, with the route pattern; no password, token, email, username or tax code', async () => {
    const login = await server.request('POST', '/api/v1/auth/login', {
      body: { username: 'mario.rossi@architettitorinopec.it', password: 'cassa-demo' },
    });
    await server.request('POST', '/api/v1/auth/login', {
      body: { username: '1234567@aruba.it', password: 'wrong-secret-pw' },
    });
    const registered = await server.request('POST', '/api/v1/auth/register', {
      body: { password: 'another-secret', holder: DEMO_HOLDERS.professional },
    });
    const portal = await server.request('POST', '/api/v1/portal/sessions', {
      token: PORTAL_SECRET,
      body: { username: 'mario.rossi@architettitorinopec.it' },
    });
    const company = await server.login('1234567@aruba.it');
    const order = await server.request('POST', '/api/v1/orders', {
      token: company,
      headers: { 'Idempotency-Key': 'log-key-123' },
      body: {
        productId: 'certified-platform',
        planId: 'base',
        years: 1,
        addons: [],
        expectedTotalCents: 14640,
        paymentMethod: { type: 'bank_transfer' },
        holder: DEMO_HOLDERS.company,
        acceptTerms: true,
      },
    });
    await server.request('GET', `/api/v1/orders/${order.body.id}?secret=query-value`, {
      token: company,
    });
    await server.request('GET', '/api/v1/users/someone@example.com');

    const secrets = [
      'cassa-demo',
      'wrong-secret-pw',
      'another-secret',
      login.body.token,
      registered.body.token,
      registered.body.customer.username,
      portal.body.token,
      company,
      PORTAL_SECRET,
      'log-key-123',
      'query-value',
      'someone@example.com',
      'mario.rossi',
      '1234567@aruba.it',
      'aruba.it',
      ...Object.values(DEMO_HOLDERS).flatMap((h) => [
        h.email,
        h.taxCode,
        h.vatNumber ?? h.taxCode,
        h.name,
      ]),
    ];
    const logged = server.logs.join('\n');
    for (const secret of secrets) assert.ok(!logged.includes(secret), `the logs hold ${secret}`);
    // Request lines, and the failed login's structured security line (issue 23: the username
    // only as its digest).
    const security = server.logs.filter((l) => l.startsWith('security {'));
    const requests = server.logs.filter((l) => !l.startsWith('security {'));
    assert.equal(security.length, 1, security.join('\n'));
    assert.match(security[0]!, /^security \{"event":"login\.failed","user":"[0-9a-f]{24}",/);
    for (const line of requests) assert.match(line, /^(GET|POST) \S+ \d{3} \d+ms$/);
    assert.ok(server.logs.some((l) => l.startsWith('POST /api/v1/auth/login 200 ')));
    assert.ok(server.logs.some((l) => l.startsWith('POST /api/v1/auth/login 401 ')));
    assert.ok(server.logs.some((l) => l.startsWith('GET /api/v1/orders/:id 200 ')));
    assert.ok(server.logs.some((l) => l.startsWith('GET (unmatched) 404 ')));
    assert.equal(requests.length, 8, 'one line per request');
  });
});

describe('demo-only routes', () => {
  it('GET /api/dev/outbox lists the emails newest first; /outbox shows them escaped', async () => {
    const holder = { ...DEMO_HOLDERS.professional, name: '<b>Giulia</b>' };
    await server.request('POST', '/api/v1/auth/register', {
      body: { password: 'first-secret', holder },
    });
    await server.request('POST', '/api/v1/auth/register', {
      body: { password: 'second-secret', holder: { ...holder, email: 'second@example.com' } },
    });
    const list = await server.request('GET', '/api/dev/outbox');
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.map((e: { to: string }) => e.to),
      ['second@example.com', DEMO_HOLDERS.professional.email],
    );
    const page = await server.request('GET', '/outbox');
    assert.equal(page.status, 200);
    assert.ok(page.text.includes('second@example.com'));
    assert.ok(page.text.includes(list.body[0].subject));
    assert.ok(!/<script|style=/i.test(page.text));
  });

  it('do not exist in production', async () => {
    const production = await startServer({ demo: false }, server.db);
    assert.equal((await production.request('GET', '/api/dev/outbox')).status, 404);
    assert.equal((await production.request('GET', '/outbox')).status, 404);
  });
});

describe('static files and demo pages', () => {
  const root = mkdtempSync(join(tmpdir(), 'cassa-static-'));
  const pagesDir = join(root, 'pages');
  const distDir = join(root, 'dist');
  mkdirSync(pagesDir);
  mkdirSync(distDir);
  writeFileSync(
    join(pagesDir, 'index.html'),
    '<!doctype html><title>Cassa demo</title><a href="/partner.html">Partner</a>',
  );
  writeFileSync(join(pagesDir, 'partner.html'), '<!doctype html><title>Partner</title>');
  writeFileSync(
    join(pagesDir, 'ordine.html'),
    '<!doctype html><cassa-checkout backend="/api" product="pec-addons" session-token="__CASSA_SESSION_TOKEN__"></cassa-checkout>',
  );
  writeFileSync(join(pagesDir, 'strict-csp.html'), '<!doctype html><title>Strict</title>');
  writeFileSync(join(pagesDir, 'demo.css'), 'body { margin: 0 }');
  writeFileSync(join(pagesDir, 'demo.js'), 'console.log(1)');
  writeFileSync(join(distDir, 'cassa.js'), 'window.Cassa = {};');
  writeFileSync(join(distDir, 'cassa.js.map'), '{"version":3}');
  writeFileSync(join(distDir, 'cassa.mjs'), 'export {};');
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
  after(() => rmSync(root, { recursive: true, force: true }));

  const withPages = () => startServer({ staticFiles: { pagesDir, distDir } }, server.db);

  it('serves / as index.html and the pages and assets with their content types', async () => {
    const app = await withPages();
    const expectations: [string, RegExp, string][] = [
      ['/', /^text\/html/, 'Cassa demo'],
      ['/partner.html', /^text\/html/, 'Partner'],
      ['/demo.css', /^text\/css/, 'margin'],
      ['/demo.js', /^text\/javascript/, 'console'],
      ['/cassa.js', /^text\/javascript/, 'window.Cassa'],
      ['/cassa.js.map', /^application\/json/, 'version'],
      ['/dist/cassa.mjs', /^text\/javascript/, 'export'],
    ];
    for (const [path, type, text] of expectations) {
      const reply = await app.request('GET', path);
      assert.equal(reply.status, 200, path);
      assert.match(reply.headers.get('content-type') ?? '', type, path);
      assert.ok(reply.text.includes(text), path);
      assert.equal(reply.headers.get('x-content-type-options'), 'nosniff');
    }
    await app.request('GET', '/no-such-page-for-someone@example.com');
    assert.ok(app.logs.some((l) => l.startsWith('GET /partner.html 200 ')));
    assert.ok(app.logs.at(-1)!.startsWith('GET (unmatched) 404 '), 'an unknown path is not logged');
  });

  it('/ordine.html arrives logged in: a fresh session token of the portal member, in the attribute', async () => {
    const app = await withPages();
    const reply = await app.request('GET', '/ordine.html');
    assert.equal(reply.headers.get('cache-control'), 'no-store');
    const token = /session-token="([^"]+)"/.exec(reply.text)?.[1];
    assert.ok(token && token !== '__CASSA_SESSION_TOKEN__');
    const me = await app.request('GET', '/api/v1/me', { token });
    assert.equal(me.body.username, 'mario.rossi@architettitorinopec.it');
    const again = /session-token="([^"]+)"/.exec(
      (await app.request('GET', '/ordine.html')).text,
    )?.[1];
    assert.notEqual(again, token, 'a new session per page view');
  });

  it('/strict-csp.html carries the strict policy with Trusted Types', async () => {
    const app = await withPages();
    const reply = await app.request('GET', '/strict-csp.html');
    assert.equal(reply.headers.get('content-security-policy'), STRICT_CSP);
    assert.ok(STRICT_CSP.includes("require-trusted-types-for 'script'; trusted-types lit-html"));
  });

  it('never serves a file outside its folders', async () => {
    const app = await withPages();
    for (const path of [
      '/..%2fsecret.txt',
      '/dist/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/dist/../secret.txt',
    ]) {
      const reply = await app.request('GET', path);
      assert.equal(reply.status, 404, path);
      assert.ok(!reply.text.includes('do not serve'), path);
    }
  });

  it('answers 404 problem+json for /cassa.js when the widget is not built', async () => {
    const app = await startServer(
      { staticFiles: { pagesDir, distDir: join(root, 'missing') } },
      server.db,
    );
    const reply = await app.request('GET', '/cassa.js');
    assert.equal(reply.status, 404);
    assert.equal(reply.body.type, 'https://cassa.dev/problems/not-found');
  });
});
