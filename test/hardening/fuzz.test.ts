// Issue 7, item 6: every endpoint under generated hostile input (bodies, headers, path
// parameters) answers without a 500: errors are problem+json with a known code, successes
// are JSON documents of the contract (or, for the sandbox payment pages, HTML).
import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import fc from 'fast-check';
import * as z from 'zod/mini';
import type { ZodMiniType } from 'zod/mini';
import {
  AuthResponseSchema,
  CustomerSchema,
  OrderSchema,
  PaymentMethodsSchema,
  PortalSessionResponseSchema,
  ProductSchema,
  QuoteSchema,
  SubscriptionsSchema,
} from '../../src/api/schemas.ts';
import {
  attemptOf,
  OPERATOR_SECRET,
  PORTAL_SECRET,
  startServer,
  type Server,
} from '../server/harness.ts';
import {
  anyString,
  bodyText,
  forgedAuthorization,
  headerValue,
  pathSegment,
} from './arbitraries.ts';
import {
  assertJson,
  assertProblem,
  bankTransferOrder,
  certifiedQuote,
  companyHolder,
  DEMO_USERS,
  login,
  newCardOrder,
  registration,
  type Answer,
} from './requests.ts';

/** Runs per endpoint (login and registration hash a password per valid body: fewer). */
const RUNS = 250;
const SLOW_RUNS = 120;

let server: Server;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

interface Attempt {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** What a 2xx answer of the endpoint must be. */
type Success = { kind: 'json'; schema?: ZodMiniType } | { kind: 'html' } | { kind: 'empty' };

const tally = { endpoints: 0, runs: 0, serverErrors: 0 };
after(() => {
  console.log(
    `hardening: fuzz endpoints=${tally.endpoints} runs=${tally.runs} server-errors=${tally.serverErrors}`,
  );
});

function checkAnswer(attempt: Attempt, reply: Answer, success: Success): void {
  const context = `${attempt.method} ${attempt.path} → ${reply.status} ${reply.text.slice(0, 300)}`;
  if (reply.status >= 500) tally.serverErrors++;
  assert.ok(reply.status >= 200 && reply.status < 500, context);
  if (attempt.method === 'HEAD') return;
  if ([403, 409, 422].includes(reply.status) && success.kind === 'html') {
    // The payment page shown again: the fields' errors (422), a stale or replayed form or a
    // finished payment (409), a post from another origin (403).
    return assert.match(reply.headers.get('content-type') ?? '', /^text\/html/, context);
  }
  if (reply.status >= 400) return assertProblem(reply, context);
  if (reply.status === 204) return assert.equal(reply.text, '', context);
  if (reply.status >= 300) {
    // Only the sandbox redirects: back to the shop's return URL.
    return assert.match(reply.headers.get('location') ?? '', /^http:\/\/localhost\/return\?/);
  }
  if (success.kind === 'html') {
    return assert.match(reply.headers.get('content-type') ?? '', /^text\/html/, context);
  }
  assert.equal(success.kind, 'json', context);
  assertJson(reply, context);
  if (success.kind === 'json' && success.schema) {
    const parsed = success.schema.safeParse(JSON.parse(reply.text));
    assert.ok(parsed.success, `${context}: not the contract's shape`);
  }
}

async function fuzz(
  endpoint: string,
  attempts: fc.Arbitrary<Attempt>,
  success: Success,
  runs = RUNS,
  prepare: (attempt: Attempt) => Promise<Attempt> = async (a) => a,
): Promise<void> {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(attempts, async (generated) => {
      const attempt = await prepare(generated);
      const reply = await server.request(attempt.method, attempt.path, {
        headers: attempt.headers,
        ...(attempt.body !== undefined ? { rawBody: attempt.body } : {}),
      });
      statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
      checkAnswer(attempt, reply, success);
    }),
    { numRuns: runs },
  );
  tally.endpoints++;
  tally.runs += runs;
  const seen = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
  console.log(`hardening: fuzz endpoint="${endpoint}" runs=${runs} statuses=${seen.join(',')}`);
}

const definedOnly = (record: Record<string, string | undefined>) =>
  Object.fromEntries(
    Object.entries(record).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );

/**
 * Headers any request may carry, each hostile or absent, plus the endpoint's own (always
 * generated; their arbitraries give `undefined` to leave one out).
 */
function headers(own: Record<string, fc.Arbitrary<string | undefined>> = {}) {
  const common = fc.record(
    {
      'Content-Type': fc.oneof(
        fc.constant('application/json'),
        fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'),
        headerValue,
      ),
      'Accept-Language': fc.oneof(fc.constantFrom('it', 'en', 'en-GB,en;q=0.9'), headerValue),
      Origin: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom('http://localhost', 'https://partner.example') },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            'null',
            'https://evil.example',
            'http://localhost.evil.example',
          ),
        },
      ),
    },
    { requiredKeys: [] },
  );
  return fc
    .tuple(common, fc.record(own))
    .map(([shared, specific]) => definedOnly({ ...shared, ...specific }));
}

/** `Authorization` from the given valid values, or forged ones. */
const authorization = (...valid: string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...valid.map((token) => `Bearer ${token}`)) },
    { weight: 1, arbitrary: forgedAuthorization },
  );

const post = (path: string, body: fc.Arbitrary<string>, extra = headers()) =>
  fc.record({ method: fc.constant('POST'), path: fc.constant(path), headers: extra, body });

const get = (path: fc.Arbitrary<string>, extra = headers()) =>
  fc.record({ method: fc.constant('GET'), path, headers: extra });

describe('fuzzing: catalog, contract and quotes', () => {
  it('GET /v1/products/{id}: any id, any headers', async () => {
    const id = fc.oneof(fc.constantFrom('certified-platform', 'pec-addons'), pathSegment);
    await fuzz('GET /v1/products/{id}', get(id.map((segment) => `/api/v1/products/${segment}`)), {
      kind: 'json',
      schema: ProductSchema,
    });
  });

  it('GET /v1/openapi.json: any headers', async () => {
    await fuzz('GET /v1/openapi.json', get(fc.constant('/api/v1/openapi.json')), {
      kind: 'json',
    });
  });

  it('POST /v1/quotes: any body, with or without a token', async () => {
    const member = await server.login(DEMO_USERS.member);
    const { body } = await server.request('GET', '/api/v1/me/subscriptions', { token: member });
    const mailbox = body.items[0].id as string;
    const pecQuote = () => ({
      productId: 'pec-addons',
      planId: 'member',
      years: 1,
      addons: [
        { id: 'extra-space', quantity: 3 },
        { id: 'conservation', quantity: 1 },
      ],
      subscriptionId: mailbox,
    });
    await fuzz(
      'POST /v1/quotes',
      post(
        '/api/v1/quotes',
        fc.oneof(bodyText(certifiedQuote), bodyText(pecQuote)),
        headers({ Authorization: authorization(member) }),
      ),
      { kind: 'json', schema: QuoteSchema },
    );
  });
});

describe('fuzzing: accounts', () => {
  it('POST /v1/auth/login: any body', async () => {
    await fuzz(
      'POST /v1/auth/login',
      post('/api/v1/auth/login', bodyText(login)),
      { kind: 'json', schema: AuthResponseSchema },
      SLOW_RUNS,
    );
  });

  it('POST /v1/auth/register: any body', async () => {
    await fuzz(
      'POST /v1/auth/register',
      post('/api/v1/auth/register', bodyText(registration)),
      { kind: 'json', schema: AuthResponseSchema },
      SLOW_RUNS,
    );
  });

  it('POST /v1/auth/logout: any token', async () => {
    await fuzz(
      'POST /v1/auth/logout',
      post(
        '/api/v1/auth/logout',
        fc.oneof(fc.constant(''), anyString),
        headers({ Authorization: forgedAuthorization }),
      ),
      { kind: 'empty' },
    );
  });

  it('POST /v1/portal/sessions: any secret, any body', async () => {
    await fuzz(
      'POST /v1/portal/sessions',
      post(
        '/api/v1/portal/sessions',
        bodyText(() => ({ username: DEMO_USERS.member })),
        headers({ Authorization: authorization(PORTAL_SECRET) }),
      ),
      { kind: 'json', schema: PortalSessionResponseSchema },
    );
  });

  it('GET /v1/me, /v1/me/payment-methods, /v1/me/subscriptions: any token', async () => {
    const token = await server.login(DEMO_USERS.company);
    const routes = [
      ['/api/v1/me', CustomerSchema],
      ['/api/v1/me/payment-methods', PaymentMethodsSchema],
      ['/api/v1/me/subscriptions', SubscriptionsSchema],
    ] as const;
    for (const [path, schema] of routes) {
      await fuzz(
        `GET ${path.slice(4)}`,
        get(fc.constant(path), headers({ Authorization: authorization(token) })),
        { kind: 'json', schema },
        RUNS / 2,
      );
    }
  });
});

describe('fuzzing: orders and payment pages', () => {
  it('POST /v1/orders: any body, any Idempotency-Key, any token', async () => {
    const token = await server.login(DEMO_USERS.company);
    const methods = await server.request('GET', '/api/v1/me/payment-methods', { token });
    const savedCard = methods.body.items.find((m: { type: string }) => m.type === 'card').id;
    const savedCardOrder = () => ({
      ...bankTransferOrder(),
      paymentMethod: { type: 'card', savedId: savedCard },
    });
    const key = fc.oneof(
      { weight: 4, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: headerValue },
      { weight: 1, arbitrary: fc.constant(undefined) },
    );
    await fuzz(
      'POST /v1/orders',
      post(
        '/api/v1/orders',
        fc.oneof(
          bodyText(bankTransferOrder),
          bodyText(() => ({ ...bankTransferOrder(), holder: companyHolder() })),
          bodyText(() => newCardOrder()),
          bodyText(savedCardOrder),
        ),
        headers({ Authorization: authorization(token), 'Idempotency-Key': key }),
      ),
      { kind: 'json', schema: OrderSchema },
    );
  });

  it('GET /v1/orders/{id}: any id, token or resume token', async () => {
    const owner = await server.login(DEMO_USERS.company);
    const stranger = await server.login(DEMO_USERS.professional);
    const placed = await server.request('POST', '/api/v1/orders', {
      token: owner,
      body: bankTransferOrder(),
      headers: { 'Idempotency-Key': 'fuzz-order' },
    });
    assert.equal(placed.status, 201);
    const id = fc.oneof(fc.constant(placed.body.id as string), pathSegment);
    await fuzz(
      'GET /v1/orders/{id}',
      get(
        id.map((segment) => `/api/v1/orders/${segment}`),
        headers({
          Authorization: authorization(owner, stranger),
          'Cassa-Resume': fc.option(headerValue, { nil: undefined }),
        }),
      ),
      { kind: 'json', schema: OrderSchema },
    );
  });

  async function pendingOrders(): Promise<string[]> {
    const token = await server.login(DEMO_USERS.company);
    const ids: string[] = [];
    for (const [i, type] of ['card', 'paypal', 'card', 'paypal', 'card', 'paypal'].entries()) {
      const reply = await server.request('POST', '/api/v1/orders', {
        token,
        body: { ...newCardOrder(), paymentMethod: { type } },
        headers: { 'Idempotency-Key': `pending-${i}` },
      });
      assert.equal(reply.status, 201, reply.text);
      assert.equal(reply.body.status, 'pending_payment');
      ids.push(reply.body.id);
    }
    return ids;
  }

  it('GET /sandbox/pay/{id}: any order id, any language', async () => {
    const id = fc.oneof(fc.constantFrom(...(await pendingOrders())), pathSegment);
    const lang = fc.oneof(fc.constantFrom('it', 'en'), anyString);
    await fuzz(
      'GET /sandbox/pay/{id}',
      get(
        fc
          .tuple(id, fc.option(lang))
          .map(
            ([segment, l]) =>
              `/api/sandbox/pay/${segment}${l === null ? '' : `?lang=${encodeURIComponent(l.replace(/[\ud800-\udfff]/g, '?'))}`}`,
          ),
      ),
      { kind: 'html' },
    );
  });

  it('POST /sandbox/pay/{id}: any form', async () => {
    const id = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...(await pendingOrders())) },
      { weight: 1, arbitrary: pathSegment },
    );
    const field = fc.oneof(anyString, fc.constantFrom('4242 4242 4242 4242', '4000000000000002'));
    const form = fc.oneof(
      fc
        .record(
          {
            decision: fc.oneof(fc.constantFrom('pay', 'approve', 'cancel', 'return'), anyString),
            lang: fc.oneof(fc.constantFrom('it', 'en'), anyString),
            holder: field,
            number: field,
            expiry: fc.oneof(fc.constant('12/30'), anyString),
            cvc: fc.oneof(fc.constant('123'), anyString),
            email: fc.oneof(
              fc.constant('buyer@example.com'),
              anyString.map((s) => `${s}@example.com`),
              anyString,
            ),
          },
          { requiredKeys: [] },
        )
        .map((fields) =>
          new URLSearchParams(
            Object.entries(fields).map(([k, v]) => [k, v.replace(/[\ud800-\udfff]/g, '?')]),
          ).toString(),
        ),
      fc.constantFrom(
        'decision=approve&email=a%00b%40example.com',
        'decision=pay&holder=%00&number=4242424242424242&expiry=12%2F30&cvc=123',
        'decision=approve&email=%ED%A0%80%40example.com',
        'decision=%ZZ&email=%',
        '--boundary\r\nContent-Disposition: form-data; name="decision"\r\n\r\npay\r\n--boundary--',
      ),
      anyString,
    );
    await fuzz(
      'POST /sandbox/pay/{id}',
      fc.record({
        method: fc.constant('POST'),
        path: id.map((segment) => `/api/sandbox/pay/${segment}`),
        body: form,
        headers: headers({
          'Content-Type': fc.oneof(
            { weight: 4, arbitrary: fc.constant('application/x-www-form-urlencoded') },
            {
              weight: 1,
              arbitrary: fc.constantFrom(
                'multipart/form-data; boundary=boundary',
                'multipart/form-data',
                'application/json',
              ),
            },
            { weight: 1, arbitrary: headerValue },
          ),
        }),
      }),
      { kind: 'html' },
      RUNS,
      // Most posts carry the form's one-time token, as the buyer's browser does (issue 23), so
      // the fuzzed fields reach the form's checks; the rest are stale or forged submissions.
      async (attempt) => {
        if (Math.random() < 0.2 || !attempt.body?.includes('=')) return attempt;
        const page = await server.request('GET', attempt.path);
        const token = attemptOf(page.text);
        return token ? { ...attempt, body: `${attempt.body}&attempt=${token}` } : attempt;
      },
    );
  });

  it('POST /v1/operator/payments: any body, any secret (issue 15)', async () => {
    const token = await server.login(DEMO_USERS.company);
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const reply = await server.request('POST', '/api/v1/orders', {
        token,
        body: bankTransferOrder(),
        headers: { 'Idempotency-Key': `fuzz-operator-${i}` },
      });
      numbers.push(reply.body.number);
    }
    await fuzz(
      'POST /v1/operator/payments',
      post(
        '/api/v1/operator/payments',
        fc.oneof(
          ...numbers.map((orderNumber) => bodyText(() => ({ orderNumber, amountCents: 14640 }))),
        ),
        headers({ Authorization: authorization(OPERATOR_SECRET) }),
      ),
      { kind: 'json', schema: z.object({ order: OrderSchema }) },
    );
  });

  it('POST /v1/operator/renewals/run and /clock: any body, any secret (issue 15)', async () => {
    await fuzz(
      'POST /v1/operator/renewals/run',
      post(
        '/api/v1/operator/renewals/run',
        bodyText(() => ({})),
        headers({ Authorization: authorization(OPERATOR_SECRET) }),
      ),
      { kind: 'json' },
      SLOW_RUNS,
    );
    // The harness's clock is not movable: 404 once authorized, whatever the body.
    await fuzz(
      'POST /v1/operator/clock',
      post(
        '/api/v1/operator/clock',
        bodyText(() => ({ days: 7 })),
        headers({ Authorization: authorization(OPERATOR_SECRET) }),
      ),
      { kind: 'json' },
      SLOW_RUNS,
    );
  });

  it('unknown routes and methods', async () => {
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS');
    const path = fc
      .array(
        fc.oneof(fc.constantFrom('api', 'v1', 'orders', 'me', 'sandbox', 'dev'), pathSegment),
        {
          minLength: 1,
          maxLength: 4,
        },
      )
      .map((segments) => `/${segments.join('/')}`);
    await fuzz('any method, any path', fc.record({ method, path, headers: headers() }), {
      kind: 'json',
    });
  });
});
