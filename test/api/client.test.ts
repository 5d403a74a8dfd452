import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '../../src/api/client.ts';
import type { ApiError, ApiResult, CassaClient } from '../../src/api/types.ts';
import {
  answer,
  sendJson,
  sendProblem,
  startFakeBackend,
  type FakeBackend,
} from './fake-backend.ts';
import {
  certifiedPlatform,
  customer,
  holder,
  order,
  orderRequest,
  quote,
  quoteRequest,
} from './fixtures.ts';

let backend: FakeBackend;
let client: CassaClient;

beforeEach(async () => {
  backend = await startFakeBackend();
  client = createClient(backend.url, { retryDelayMs: () => 10 });
});
afterEach(() => backend.close());

function valueOf<T>(result: ApiResult<T>): T {
  if (!result.ok) assert.fail(`expected a value, got error ${JSON.stringify(result.error)}`);
  return result.value;
}

function errorOf(result: ApiResult<unknown>): ApiError {
  if (result.ok) assert.fail(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

const requestsTo = (method: string, path: string) =>
  backend.requests.filter((r) => r.method === method && r.path === path);

describe('API client: happy paths', () => {
  it('reads a product from GET /v1/products/{id}', async () => {
    backend.route('GET /v1/products/certified-platform', answer(200, certifiedPlatform));
    const product = valueOf(await client.getProduct('certified-platform'));
    assert.equal(product.id, 'certified-platform');
    assert.deepEqual(
      product.addons.map((a) => a.id),
      ['extra-users', 'external-users', 'storage'],
    );
    assert.equal(backend.requests.length, 1);
  });

  it('escapes the product id in the path', async () => {
    await client.getProduct('a/b?c');
    assert.equal(backend.requests[0]?.path, '/v1/products/a%2Fb%3Fc');
  });

  it('posts the selection to /v1/quotes as JSON and returns the parsed quote', async () => {
    backend.route('POST /v1/quotes', answer(200, quote));
    const result = valueOf(await client.quote(quoteRequest));
    assert.equal(result.totalCents, 17568);
    assert.equal(result.lines[1]?.id, 'extra-users');
    const [request] = requestsTo('POST', '/v1/quotes');
    assert.deepEqual(JSON.parse(request!.body), quoteRequest);
    assert.match(String(request!.headers['content-type']), /^application\/json/);
  });

  it('logs in, keeps the token and sends it as a bearer on the following calls', async () => {
    backend.route('POST /v1/auth/login', answer(200, { token: 'tok-123', customer }));
    backend.route('GET /v1/me', answer(200, customer));
    backend.route('GET /v1/me/payment-methods', answer(200, { items: [] }));
    assert.equal(client.token, null);
    const auth = valueOf(
      await client.login({ username: '1234567@aruba.it', password: 'cassa-demo' }),
    );
    assert.equal(auth.customer.username, '1234567@aruba.it');
    assert.equal(client.token, 'tok-123');
    assert.equal(requestsTo('POST', '/v1/auth/login')[0]?.headers.authorization, undefined);
    assert.deepEqual(JSON.parse(requestsTo('POST', '/v1/auth/login')[0]!.body), {
      username: '1234567@aruba.it',
      password: 'cassa-demo',
    });

    valueOf(await client.me());
    valueOf(await client.paymentMethods());
    assert.equal(requestsTo('GET', '/v1/me')[0]?.headers.authorization, 'Bearer tok-123');
    assert.equal(
      requestsTo('GET', '/v1/me/payment-methods')[0]?.headers.authorization,
      'Bearer tok-123',
    );
  });

  it('sends a host-provided session token set on the client', async () => {
    backend.route('POST /v1/quotes', answer(200, quote));
    client.token = 'portal-session';
    await client.quote(quoteRequest);
    assert.equal(backend.requests[0]?.headers.authorization, 'Bearer portal-session');
  });

  it('registers a new customer and keeps the token', async () => {
    backend.route('POST /v1/auth/register', answer(201, { token: 'tok-new', customer }));
    const auth = valueOf(await client.register({ password: 'a-long-password', holder }));
    assert.equal(auth.customer.holder.name, 'Rossi Costruzioni S.r.l.');
    assert.equal(client.token, 'tok-new');
    assert.deepEqual(JSON.parse(backend.requests[0]!.body).holder, holder);
  });

  it('logs out with POST /v1/auth/logout and forgets the token', async () => {
    backend.route('POST /v1/auth/logout', (_req, res) => {
      res.writeHead(204).end();
    });
    client.token = 'tok-123';
    const result = await client.logout();
    assert.deepEqual(result, { ok: true, value: null });
    assert.equal(backend.requests[0]?.headers.authorization, 'Bearer tok-123');
    assert.equal(client.token, null);
  });

  it('reads the customer, saved payment methods and subscriptions', async () => {
    backend.route('GET /v1/me', answer(200, customer));
    backend.route(
      'GET /v1/me/payment-methods',
      answer(200, { items: [{ id: 'pm_1', type: 'card', label: 'Visa •••• 4242' }] }),
    );
    backend.route(
      'GET /v1/me/subscriptions',
      answer(200, {
        creditCents: 1000,
        items: [
          {
            id: 'sub_1',
            productId: 'pec-addons',
            label: 'mario.rossi@architettitorinopec.it',
            expiresOn: '2027-07-23',
          },
        ],
      }),
    );
    client.token = 't';
    assert.deepEqual(valueOf(await client.me()).holder.eInvoice, { sdiCode: 'M5UXCR1' });
    assert.equal(valueOf(await client.paymentMethods()).items[0]?.label, 'Visa •••• 4242');
    const subscriptions = valueOf(await client.subscriptions());
    assert.equal(subscriptions.creditCents, 1000);
    assert.equal(subscriptions.items[0]?.expiresOn, '2027-07-23');
  });

  it('creates an order with its Idempotency-Key and returns the parsed order', async () => {
    backend.route('POST /v1/orders', answer(201, order));
    client.token = 't';
    const created = valueOf(await client.createOrder(orderRequest, 'key-1'));
    assert.equal(created.number, 'C-2026-000123');
    assert.equal(created.instructions?.reference, 'Ordine C-2026-000123');
    const [request] = requestsTo('POST', '/v1/orders');
    assert.equal(request?.headers['idempotency-key'], 'key-1');
    assert.deepEqual(JSON.parse(request!.body), orderRequest);
  });

  it('reads an order after the payment page with the Cassa-Resume header', async () => {
    backend.route('GET /v1/orders/ord_1', answer(200, { ...order, status: 'paid' }));
    const read = valueOf(await client.getOrder('ord_1', { resumeToken: 'resume-abc' }));
    assert.equal(read.status, 'paid');
    assert.equal(backend.requests[0]?.headers['cassa-resume'], 'resume-abc');
    assert.equal(backend.requests[0]?.headers.authorization, undefined);
  });

  it('reads an order without Cassa-Resume when no resume token is given', async () => {
    backend.route('GET /v1/orders/ord_1', answer(200, order));
    client.token = 't';
    valueOf(await client.getOrder('ord_1'));
    assert.equal(backend.requests[0]?.headers['cassa-resume'], undefined);
    assert.equal(backend.requests[0]?.headers.authorization, 'Bearer t');
  });
});

describe('API client: retries', () => {
  it('re-sends POST /v1/orders with the same Idempotency-Key after a 503', async () => {
    backend.route('POST /v1/orders', (_req, res, attempt) =>
      attempt === 1 ? sendProblem(res, 503, 'server-error') : sendJson(res, 201, order),
    );
    const created = valueOf(await client.createOrder(orderRequest, 'key-503'));
    assert.equal(created.id, 'ord_1');
    const sent = requestsTo('POST', '/v1/orders');
    assert.equal(sent.length, 2);
    assert.deepEqual(
      sent.map((r) => r.headers['idempotency-key']),
      ['key-503', 'key-503'],
    );
    assert.equal(sent[1]?.body, sent[0]?.body);
  });

  it('re-sends POST /v1/orders with the same key after a dropped connection', async () => {
    backend.route('POST /v1/orders', (_req, res, attempt) => {
      if (attempt === 1) res.socket?.destroy();
      else sendJson(res, 201, order);
    });
    const created = valueOf(await client.createOrder(orderRequest, 'key-drop'));
    assert.equal(created.number, 'C-2026-000123');
    const sent = requestsTo('POST', '/v1/orders');
    assert.equal(sent.length, 2);
    assert.deepEqual(
      sent.map((r) => r.headers['idempotency-key']),
      ['key-drop', 'key-drop'],
    );
    assert.deepEqual(JSON.parse(sent[1]!.body), orderRequest);
  });

  it('waits and re-sends an order while the first request with the key is in progress', async () => {
    backend.route('POST /v1/orders', (_req, res, attempt) =>
      attempt === 1
        ? sendProblem(res, 409, 'request-in-progress', {}, { 'retry-after': '0' })
        : sendJson(res, 201, order),
    );
    valueOf(await client.createOrder(orderRequest, 'key-409'));
    assert.equal(requestsTo('POST', '/v1/orders').length, 2);
  });

  it('gives up after two retries and reports a retryable server error', async () => {
    backend.route('POST /v1/orders', (_req, res) => sendProblem(res, 503, 'server-error'));
    const error = errorOf(await client.createOrder(orderRequest, 'key-down'));
    assert.equal(error.code, 'server');
    assert.equal(error.retryable, true);
    assert.equal(requestsTo('POST', '/v1/orders').length, 3);
  });

  it('does not retry a price change on order creation', async () => {
    backend.route('POST /v1/orders', (_req, res) =>
      sendProblem(res, 409, 'price-changed', { quote }),
    );
    const error = errorOf(await client.createOrder(orderRequest, 'key-price'));
    assert.equal(error.code, 'price_changed');
    assert.equal(requestsTo('POST', '/v1/orders').length, 1);
  });

  it('retries a GET after a 500 and returns the later answer', async () => {
    backend.route('GET /v1/me/subscriptions', (_req, res, attempt) =>
      attempt < 3
        ? sendProblem(res, 500, 'server-error')
        : sendJson(res, 200, { creditCents: 0, items: [] }),
    );
    valueOf(await client.subscriptions());
    assert.equal(backend.requests.length, 3);
  });

  it('honours Retry-After between retries of a GET', async () => {
    const seen: number[] = [];
    backend.route('GET /v1/me', (_req, res, attempt) => {
      seen.push(Date.now());
      if (attempt === 1) sendProblem(res, 503, 'server-error', {}, { 'retry-after': '1' });
      else sendJson(res, 200, customer);
    });
    valueOf(await client.me());
    assert.equal(seen.length, 2);
    assert.ok(seen[1]! - seen[0]! >= 900, `waited ${seen[1]! - seen[0]!} ms`);
  });

  it('reads a Retry-After date between retries the same way as the error does', async () => {
    const seen: number[] = [];
    backend.route('GET /v1/me', (_req, res, attempt) => {
      seen.push(Date.now());
      // HTTP dates have whole seconds: two seconds ahead waits more than one.
      const when = new Date(Date.now() + 2000).toUTCString();
      if (attempt === 1) sendProblem(res, 503, 'server-error', {}, { 'retry-after': when });
      else sendJson(res, 200, customer);
    });
    valueOf(await client.me());
    assert.equal(seen.length, 2);
    const waited = seen[1]! - seen[0]!;
    // At most the two seconds (plus whatever a loaded machine adds), never the error's minute.
    assert.ok(waited >= 900 && waited < 15_000, `waited ${waited} ms`);
  });

  it('never retries a quote, even after a 503', async () => {
    backend.route('POST /v1/quotes', (_req, res) => sendProblem(res, 503, 'server-error'));
    const error = errorOf(await client.quote(quoteRequest));
    assert.equal(error.code, 'server');
    assert.equal(error.retryable, true);
    assert.equal(requestsTo('POST', '/v1/quotes').length, 1);
  });

  it('never retries a quote after a dropped connection', async () => {
    backend.route('POST /v1/quotes', (_req, res) => void res.socket?.destroy());
    assert.equal(errorOf(await client.quote(quoteRequest)).code, 'network');
    assert.equal(requestsTo('POST', '/v1/quotes').length, 1);
  });

  it('never retries login or register', async () => {
    backend.route('POST /v1/auth/login', (_req, res) => sendProblem(res, 502, 'server-error'));
    backend.route('POST /v1/auth/register', (_req, res) => void res.socket?.destroy());
    assert.equal(errorOf(await client.login({ username: 'u', password: 'p' })).code, 'server');
    assert.equal(errorOf(await client.register({ password: 'p', holder })).code, 'network');
    assert.equal(backend.requests.length, 2);
  });
});

describe('API client: untrusted responses', () => {
  it('reports invalid_response for a body that is not JSON', async () => {
    backend.route('GET /v1/products/certified-platform', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id": "certified-platform", ');
    });
    const error = errorOf(await client.getProduct('certified-platform'));
    assert.equal(error.code, 'invalid_response');
    assert.equal(error.status, 200);
  });

  it('reports invalid_response for JSON of the wrong shape', async () => {
    backend.route('POST /v1/quotes', answer(200, { ...quote, totalCents: '175.68' }));
    assert.equal(errorOf(await client.quote(quoteRequest)).code, 'invalid_response');
  });

  it('reports invalid_response for negative money in an order', async () => {
    backend.route('POST /v1/orders', answer(201, { ...order, totalCents: -1 }));
    assert.equal(errorOf(await client.createOrder(orderRequest, 'k')).code, 'invalid_response');
  });

  it('reports invalid_response for an empty body where a value is expected', async () => {
    backend.route('GET /v1/me', (_req, res) => void res.writeHead(200).end());
    assert.equal(errorOf(await client.me()).code, 'invalid_response');
  });

  it('reports a 502 with an HTML body as a retryable server error', async () => {
    backend.route('POST /v1/quotes', (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    });
    const error = errorOf(await client.quote(quoteRequest));
    assert.deepEqual(
      { code: error.code, status: error.status, retryable: error.retryable },
      { code: 'server', status: 502, retryable: true },
    );
    assert.deepEqual(error.fieldErrors, []);
  });

  it('reports a 500 problem as a server error and keeps its detail', async () => {
    backend.route('POST /v1/quotes', (_req, res) =>
      sendProblem(res, 500, 'server-error', { detail: 'database unavailable' }),
    );
    const error = errorOf(await client.quote(quoteRequest));
    assert.equal(error.code, 'server');
    assert.equal(error.detail, 'database unavailable');
    assert.equal(error.retryable, true);
  });
});

describe('API client: network failures', () => {
  it('times out on a server that never answers', async () => {
    backend.route('POST /v1/quotes', () => undefined);
    const slow = createClient(backend.url, { timeoutMs: 200, retryDelayMs: () => 10 });
    const started = Date.now();
    const error = errorOf(await slow.quote(quoteRequest));
    assert.equal(error.code, 'timeout');
    assert.equal(error.retryable, true);
    // Its own 200 ms, not the default 10 s (the bound leaves room for a loaded machine).
    assert.ok(Date.now() - started < 8000, `${Date.now() - started} ms`);
    assert.equal(backend.requests.length, 1);
  });

  it('times out when the headers come but the body stalls (the timeout covers the whole answer)', async () => {
    for (const status of [200, 422]) {
      backend.route('POST /v1/quotes', (_req, res) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.write('{"taxableCents":');
      });
      const slow = createClient(backend.url, { timeoutMs: 200, retryDelayMs: () => 10 });
      const started = Date.now();
      const error = errorOf(await slow.quote(quoteRequest));
      assert.equal(error.code, 'timeout', String(status));
      assert.equal(error.retryable, true);
      assert.ok(Date.now() - started < 8000, `${Date.now() - started} ms`);
    }
  });

  it('retries a GET that times out, then reports the timeout', async () => {
    backend.route('GET /v1/me', () => undefined);
    const slow = createClient(backend.url, { timeoutMs: 200, retryDelayMs: () => 10 });
    assert.equal(errorOf(await slow.me()).code, 'timeout');
    assert.equal(backend.requests.length, 3);
  });

  it('reports a refused connection as a retryable network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const offline = createClient(`http://127.0.0.1:${port}/api`, { retryDelayMs: () => 10 });
    const error = errorOf(await offline.getProduct('certified-platform'));
    assert.equal(error.code, 'network');
    assert.equal(error.retryable, true);
    assert.equal(error.status, undefined);
  });
});

describe('API client: problem responses', () => {
  it('maps 401 to unauthorized', async () => {
    backend.route('GET /v1/me', (_req, res) => sendProblem(res, 401, 'unauthorized'));
    const error = errorOf(await client.me());
    assert.deepEqual(
      { code: error.code, status: error.status, retryable: error.retryable },
      { code: 'unauthorized', status: 401, retryable: false },
    );
  });

  it('maps 403 ineligible-customer to ineligible_customer', async () => {
    backend.route('POST /v1/orders', (_req, res) =>
      sendProblem(res, 403, 'ineligible-customer', { detail: 'private individual' }),
    );
    const error = errorOf(await client.createOrder(orderRequest, 'k'));
    assert.equal(error.code, 'ineligible_customer');
    assert.equal(error.retryable, false);
    assert.equal(requestsTo('POST', '/v1/orders').length, 1);
  });

  it('maps any other 403 to forbidden', async () => {
    backend.route('GET /v1/me', (_req, res) => sendProblem(res, 403, 'forbidden'));
    assert.equal(errorOf(await client.me()).code, 'forbidden');
  });

  it('maps 404 to not_found without retrying', async () => {
    const error = errorOf(await client.getProduct('no-such-product'));
    assert.equal(error.code, 'not_found');
    assert.equal(error.status, 404);
    assert.equal(backend.requests.length, 1);
  });

  it('maps 409 price-changed to price_changed and carries the fresh quote', async () => {
    const fresh = { ...quote, vatCents: 3300, totalCents: 17700 };
    backend.route('POST /v1/orders', (_req, res) =>
      sendProblem(res, 409, 'price-changed', { quote: fresh }),
    );
    const error = errorOf(await client.createOrder(orderRequest, 'k'));
    assert.equal(error.code, 'price_changed');
    assert.equal(error.quote?.totalCents, 17700);
    assert.deepEqual(error.quote, fresh);
  });

  it('maps 422 to invalid_selection and carries the field errors', async () => {
    const errors = [
      { path: 'addons.0.quantity', code: 'selection.addon.max', message: 'at most 14' },
      { path: 'holder.vatNumber', code: 'piva.checksum', message: 'bad check digit' },
    ];
    backend.route('POST /v1/quotes', (_req, res) =>
      sendProblem(res, 422, 'invalid-selection', { errors }),
    );
    const error = errorOf(await client.quote(quoteRequest));
    assert.equal(error.code, 'invalid_selection');
    assert.deepEqual(error.fieldErrors, errors);
    assert.equal(error.retryable, false);
  });

  it('maps 400 and 413 to invalid_selection', async () => {
    backend.route('POST /v1/quotes', (_req, res) => sendProblem(res, 400, 'invalid-json'));
    backend.route('POST /v1/orders', (_req, res) => sendProblem(res, 413, 'payload-too-large'));
    assert.equal(errorOf(await client.quote(quoteRequest)).code, 'invalid_selection');
    assert.equal(errorOf(await client.createOrder(orderRequest, 'k')).code, 'invalid_selection');
    assert.equal(requestsTo('POST', '/v1/orders').length, 1);
  });

  it('maps 429 to rate_limited with the Retry-After seconds, without retrying a login', async () => {
    backend.route('POST /v1/auth/login', (_req, res) =>
      sendProblem(res, 429, 'rate-limited', {}, { 'retry-after': '900' }),
    );
    const error = errorOf(await client.login({ username: '1234567@aruba.it', password: 'x' }));
    assert.equal(error.code, 'rate_limited');
    assert.equal(error.retryAfterSeconds, 900);
    assert.equal(backend.requests.length, 1);
    assert.equal(client.token, null);
  });

  it('reads a Retry-After given as an HTTP date', async () => {
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    backend.route('POST /v1/auth/login', (_req, res) =>
      sendProblem(res, 429, 'rate-limited', {}, { 'retry-after': inAMinute }),
    );
    const error = errorOf(await client.login({ username: 'u', password: 'p' }));
    // A minute from when the header was written, less the time the answer took on its way.
    assert.ok(
      error.retryAfterSeconds! >= 30 && error.retryAfterSeconds! <= 60,
      String(error.retryAfterSeconds),
    );
  });

  it('gives no Retry-After seconds for a value that is neither seconds nor a date, 0 for a past date', async () => {
    const values = ['1.5', 'soon', '-3', new Date(Date.now() - 60_000).toUTCString()];
    backend.route('POST /v1/auth/login', (_req, res, attempt) =>
      sendProblem(res, 429, 'rate-limited', {}, { 'retry-after': values[attempt - 1]! }),
    );
    const seconds = [];
    for (const _ of values) {
      seconds.push(errorOf(await client.login({ username: 'u', password: 'p' })).retryAfterSeconds);
    }
    assert.deepEqual(seconds, [undefined, undefined, undefined, 0]);
  });

  it('maps 402 and a payment-refused problem to payment_refused', async () => {
    backend.route('POST /v1/orders', (_req, res, attempt) =>
      attempt === 1
        ? sendProblem(res, 402, 'payment-refused')
        : sendProblem(res, 422, 'payment-refused'),
    );
    assert.equal(errorOf(await client.createOrder(orderRequest, 'a')).code, 'payment_refused');
    assert.equal(errorOf(await client.createOrder(orderRequest, 'b')).code, 'payment_refused');
  });
});

describe('API client: aborting', () => {
  it('rejects with the AbortError when the caller aborts a pending call', async () => {
    backend.route('POST /v1/quotes', () => undefined);
    const controller = new AbortController();
    const pending = client.quote(quoteRequest, { signal: controller.signal });
    while (backend.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await assert.rejects(pending, { name: 'AbortError' });
  });

  it('rejects at once for a signal that is already aborted, without a request', async () => {
    backend.route('GET /v1/me', answer(200, customer));
    await assert.rejects(client.me({ signal: AbortSignal.abort() }), { name: 'AbortError' });
    assert.equal(backend.requests.length, 0);
  });

  it('stops retrying when aborted while waiting to retry', async () => {
    backend.route('GET /v1/me', (_req, res) =>
      sendProblem(res, 503, 'server-error', {}, { 'retry-after': '3' }),
    );
    const controller = new AbortController();
    const pending = client.me({ signal: controller.signal });
    while (backend.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    await assert.rejects(pending, { name: 'AbortError' });
    assert.equal(backend.requests.length, 1);
  });
});
