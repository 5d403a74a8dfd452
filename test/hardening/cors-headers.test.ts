// Issue 7, item 6: CORS answers only the listed origins (no lookalike, no `*` on the API), a
// foreign page cannot write, and every kind of answer — API JSON, problems, preflights, demo
// pages, sandbox payment pages — carries the security headers.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { MAX_BODY_BYTES } from '../../server/src/http/app.ts';
import { attemptOf, startServer, type Reply, type Server } from '../server/harness.ts';
import { bankTransferOrder, DEMO_PASSWORD, DEMO_USERS, newCardOrder } from './requests.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const LISTED = ['https://partner.example', 'https://shop.example'];

/** Origins that are not listed, some of them one character away from a listed one. */
const FOREIGN = [
  'https://evil.example',
  'https://partner.example.evil.example',
  'https://evilpartner.example',
  'https://shop.example.',
  'http://partner.example',
  'https://partner.example:8443',
  'https://PARTNER.EXAMPLE',
  'https://partner.example/',
  'null',
  '*',
  'file://',
];

let server: Server;
beforeEach(async () => {
  server = await startServer({
    allowedOrigins: LISTED,
    staticFiles: { distDir: resolve(ROOT, 'dist'), pagesDir: resolve(ROOT, 'demo', 'pages') },
  });
});
afterEach(() => server.close());

const figures = { origins: 0, responses: 0 };
after(() => {
  console.log(
    `hardening: cors origins-refused=${figures.origins} listed=${LISTED.length}; security-headers responses-checked=${figures.responses}`,
  );
});

const preflight = (origin: string, path = '/api/v1/orders') =>
  server.request('OPTIONS', path, {
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type,authorization,idempotency-key',
    },
  });

async function count(table: string): Promise<number> {
  const { rows } = await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]!.n;
}

describe('CORS: only the listed origins', () => {
  it('a listed origin gets its preflight and its answers, echoed (never *), varying by Origin', async () => {
    const token = await server.login(DEMO_USERS.company);
    for (const origin of LISTED) {
      const pre = await preflight(origin);
      assert.equal(pre.status, 204);
      assert.equal(pre.headers.get('access-control-allow-origin'), origin);
      assert.match(pre.headers.get('access-control-allow-methods') ?? '', /POST/);
      assert.match(pre.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/i);
      assert.match(pre.headers.get('vary') ?? '', /Origin/);

      const order = await server.request('POST', '/api/v1/orders', {
        token,
        body: bankTransferOrder(),
        headers: { Origin: origin, 'Idempotency-Key': `cors-${origin}` },
      });
      assert.equal(order.status, 201);
      assert.equal(order.headers.get('access-control-allow-origin'), origin);
      assert.match(order.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
    }
  });

  it('any other origin: no Access-Control-Allow-Origin on preflights or reads, and writes refused with 403', async () => {
    const sessions = await count('sessions');
    const orders = await count('orders');
    const token = await server.login(DEMO_USERS.company);
    for (const origin of FOREIGN) {
      for (const path of ['/api/v1/orders', '/api/v1/auth/login', '/api/v1/me']) {
        const pre = await preflight(origin, path);
        assert.equal(pre.headers.get('access-control-allow-origin'), null, `${origin} ${path}`);
        assert.equal(pre.headers.get('access-control-allow-credentials'), null);
      }
      const read = await server.request('GET', '/api/v1/me', {
        token,
        headers: { Origin: origin },
      });
      assert.equal(read.headers.get('access-control-allow-origin'), null, origin);

      const login = await server.request('POST', '/api/v1/auth/login', {
        headers: { Origin: origin },
        body: { username: DEMO_USERS.company, password: DEMO_PASSWORD },
      });
      assert.equal(login.status, 403, origin);
      assert.equal(login.body.type, 'https://cassa.dev/problems/forbidden');
      assert.equal(login.body.token, undefined);
      const order = await server.request('POST', '/api/v1/orders', {
        token,
        body: bankTransferOrder(),
        headers: { Origin: origin, 'Idempotency-Key': `foreign-${origin}` },
      });
      assert.equal(order.status, 403, origin);
      assert.equal(order.headers.get('access-control-allow-origin'), null);
      figures.origins++;
    }
    assert.equal(await count('sessions'), sessions + 1, 'only the test’s own login');
    assert.equal(await count('orders'), orders, 'no order from a foreign page');
  });
});

describe('security headers on every kind of answer', () => {
  function assertCommon(reply: Reply, context: string, referrerPolicy = 'no-referrer') {
    assert.equal(reply.headers.get('x-content-type-options'), 'nosniff', context);
    assert.equal(reply.headers.get('referrer-policy'), referrerPolicy, context);
    assert.equal(reply.headers.get('x-frame-options'), 'DENY', context);
    assert.ok(reply.headers.get('content-security-policy'), `${context}: a CSP`);
    assert.equal(reply.headers.get('x-powered-by'), null, context);
    figures.responses++;
  }

  it('API answers: JSON, created, empty, preflight and every error status', async () => {
    const token = await server.login(DEMO_USERS.company);
    for (let i = 0; i < 11; i++) {
      await server.request('POST', '/api/v1/auth/login', {
        body: { username: DEMO_USERS.professional, password: 'wrong-password' },
      });
    }
    const replies: [string, Reply][] = [
      ['product', await server.request('GET', '/api/v1/products/certified-platform')],
      ['me', await server.request('GET', '/api/v1/me', { token })],
      ['openapi', await server.request('GET', '/api/v1/openapi.json')],
      [
        'order 201',
        await server.request('POST', '/api/v1/orders', {
          token,
          body: bankTransferOrder(),
          headers: { 'Idempotency-Key': 'headers-order' },
        }),
      ],
      ['preflight', await preflight(LISTED[0]!)],
      ['400', await server.request('POST', '/api/v1/quotes', { rawBody: '{' })],
      ['401', await server.request('GET', '/api/v1/me')],
      [
        '403',
        await server.request('POST', '/api/v1/quotes', {
          headers: { Origin: 'https://evil.example' },
          body: {},
        }),
      ],
      ['404', await server.request('GET', '/api/v1/nothing')],
      [
        '413',
        await server.request('POST', '/api/v1/quotes', { rawBody: 'x'.repeat(MAX_BODY_BYTES + 1) }),
      ],
      ['422', await server.request('POST', '/api/v1/quotes', { body: {} })],
      [
        '429',
        await server.request('POST', '/api/v1/auth/login', {
          body: { username: DEMO_USERS.professional, password: DEMO_PASSWORD },
        }),
      ],
      ['logout 204', await server.request('POST', '/api/v1/auth/logout', { token })],
    ];
    const statuses = replies.map(([, r]) => r.status);
    assert.deepEqual(statuses, [200, 200, 200, 201, 204, 400, 401, 403, 404, 413, 422, 429, 204]);
    for (const [name, reply] of replies) {
      assertCommon(reply, name);
      assert.equal(
        reply.headers.get('content-security-policy'),
        "default-src 'none'; frame-ancestors 'none'",
        name,
      );
    }
    // Personal data and tokens are never cached by a browser or a proxy.
    for (const [name, reply] of replies.filter(([n]) => n !== 'product')) {
      assert.equal(reply.headers.get('cache-control'), 'no-store', name);
    }
  });

  it('sandbox payment pages: no script at all, no inline style, forms only to itself and the shop', async () => {
    const token = await server.login(DEMO_USERS.company);
    const pages: [string, Reply][] = [];
    for (const type of ['card', 'paypal']) {
      const order = await server.request('POST', '/api/v1/orders', {
        token,
        body: { ...newCardOrder('https://shop.example/checkout'), paymentMethod: { type } },
        headers: { 'Idempotency-Key': `page-${type}` },
      });
      assert.equal(order.status, 201, order.text);
      const path = new URL(order.body.action.url).pathname;
      const page = await server.request('GET', path);
      pages.push([`${type} page`, page]);
      pages.push([
        `${type} form errors`,
        await server.request('POST', path, {
          rawBody: `decision=pay&number=1234&attempt=${attemptOf(page.text)}`,
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        }),
      ]);
    }
    pages.push(['outbox', await server.request('GET', '/outbox')]);
    for (const [name, page] of pages) {
      // The payment pages ask for their real Origin on their own form posts (issue 23).
      assertCommon(page, name, name === 'outbox' ? 'no-referrer' : 'same-origin');
      assert.match(page.headers.get('content-type') ?? '', /^text\/html/, name);
      const csp = page.headers.get('content-security-policy')!;
      assert.match(csp, /default-src 'none'/, name);
      assert.match(csp, /frame-ancestors 'none'/, name);
      assert.doesNotMatch(csp, /script-src|unsafe-inline|unsafe-eval/, name);
      assert.equal(page.headers.get('cache-control'), 'no-store', name);
      assert.doesNotMatch(page.text, /<script|\sstyle=|\son[a-z]+=/i, name);
    }
    assert.match(
      pages[0]![1].headers.get('content-security-policy')!,
      /form-action 'self' https:\/\/shop\.example(;|$)/,
    );
    assert.deepEqual(
      pages.map(([, p]) => p.status),
      [200, 422, 200, 422, 200],
    );
  });

  it('demo pages and the widget script', async () => {
    const paths = ['/', '/partner.html', '/ordine.html', '/product.html', '/strict-csp.html'];
    for (const path of paths) {
      const page = await server.request('GET', path);
      assert.equal(page.status, 200, path);
      assertCommon(page, path);
      const csp = page.headers.get('content-security-policy')!;
      if (path === '/strict-csp.html') {
        assert.match(csp, /require-trusted-types-for 'script'/);
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      } else {
        assert.match(csp, /frame-ancestors 'none'/, path);
        assert.match(csp, /object-src 'none'/, path);
      }
    }
    const script = await server.request('GET', '/cassa.js');
    if (script.status === 200) {
      assertCommon(script, '/cassa.js');
      assert.match(script.headers.get('content-type') ?? '', /^text\/javascript/);
    } else {
      console.log('hardening: dist/cassa.js not built; its headers were not checked');
    }
  });
});
