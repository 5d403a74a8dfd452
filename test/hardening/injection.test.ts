// Issue 7, item 6: SQL-looking and hostile text in every holder field of a registration and
// of an order is stored and given back as plain data, byte for byte (read through GET /v1/me
// and straight from the database rows); what the Italian checks or the database cannot accept
// is refused with a 422 at that field, and nothing is written.
import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { startServer, type Server } from '../server/harness.ts';
import { bankTransferOrder, companyHolder, DEMO_PASSWORD, DEMO_USERS } from './requests.ts';

/** Text a free-text field (name, street, city) must keep exactly as typed. */
const PAYLOADS = [
  "'; DROP TABLE orders; --",
  '" OR 1=1 --',
  "Robert'); DROP TABLE customers;--",
  "1' OR '1'='1' /*",
  "'; UPDATE customers SET credit_cents = 999999; --",
  "x'); SELECT pg_sleep(5); --",
  "%' OR username LIKE '%",
  '$1 $2 ::jsonb',
  '\\\'; \\"; \\\\ \\x00',
  '{"$gt": ""}',
  '<script>alert(1)</script>',
  'Zoë Ünïcødé — 株式会社 🧾 e\u0301 \u202eRTL\u202c',
  'line\nbreak\ttab\r',
  'Rossi\u2028S.r.l.\u2029\ufeff',
  'Ｏ’Ｒｅｉｌｌｙ ＳＥＬＥＣＴ * ＦＲＯＭ',
];

/** Free-text holder fields and their longest accepted length (the contract's `maxLength`). */
const TEXT_FIELDS = [
  ['name', 200],
  ['address.street', 200],
  ['address.city', 100],
] as const;

/** Text the database cannot hold: refused at the field, never half-stored or altered. */
const UNSTORABLE = ['\u0000', "Rossi\u0000'; DROP TABLE orders; --", 'x\ud800y'];

/** Valid addresses whose local part looks like SQL (quotes, semicolons, comments). */
/** SQL-looking addresses FatturaPA 1.2.2's EmailType accepts (an apostrophe and = are allowed). */
const SQL_EMAILS_ACCEPTED = ["o'brien@example.com", "x'or'1'='1@example.com"];
/** SQL-looking addresses it refuses (brackets, semicolons, a broken quoted string). */
const SQL_EMAILS = ["robert');DROP_TABLE_customers;--@example.com", '"or"1"="1"--@example.com'];

/** Fields with an Italian check: SQL there is simply not a valid value. */
const CHECKED_FIELDS: [string, string][] = [
  ['vatNumber', "01234567890' OR '1'='1"],
  ['taxCode', "'; DROP TABLE orders; --"],
  ['address.postalCode', "1' OR 1=1"],
  ['address.province', "TO'--"],
  ['address.country', "IT';--"],
  ['eInvoice.sdiCode', "' OR 1--"],
  ['email', "'; DROP TABLE orders; --"],
  ['type', "company' --"],
];

type Holder = ReturnType<typeof companyHolder>;

function withField(path: string, value: string, holder: Holder = companyHolder()): Holder {
  const copy = structuredClone(holder) as unknown as Record<string, Record<string, unknown>>;
  const [first, second] = path.split('.') as [string, string | undefined];
  if (second === undefined) (copy as Record<string, unknown>)[first] = value;
  else copy[first]![second] = value;
  return copy as unknown as Holder;
}

const fieldAt = (holder: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown>)?.[key], holder);

let server: Server;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const figures = { payloads: 0, requests: 0, storedVerbatim: 0, refused: 0, intactChecks: 0 };
after(() => {
  console.log(
    `hardening: injection payloads=${figures.payloads} requests=${figures.requests} stored-verbatim=${figures.storedVerbatim} refused-422=${figures.refused} database-intact-checks=${figures.intactChecks}`,
  );
});

async function count(table: string): Promise<number> {
  const { rows } = await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]!.n;
}

/** The database is as the seed left it apart from what the test wrote: no statement ran. */
async function assertNothingExecuted(customers: number): Promise<void> {
  assert.equal(await count('customers'), customers, 'customers (none dropped, none extra)');
  const credit = await server.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM customers WHERE credit_cents <> 0',
  );
  assert.equal(credit.rows[0]!.n, 0, 'no credit was granted by an UPDATE in a payload');
  const tables = await server.db.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
  );
  for (const table of ['customers', 'orders', 'order_lines', 'sessions', 'outbox']) {
    assert.ok(
      tables.rows.some((r) => r.tablename === table),
      `table ${table} still exists`,
    );
  }
  figures.intactChecks++;
}

/**
 * Registers with `holder`, orders with it as the order's holder, and checks both copies: in
 * GET /v1/me, in `customers.holder`, in `orders.holder`, and (for the email) in the outbox.
 */
async function assertStoredVerbatim(holder: Holder, path: string): Promise<void> {
  // Holder data is normalized at the boundary (issue 22): surrounding whitespace is trimmed;
  // everything else is kept exactly.
  const given = fieldAt(holder, path);
  const expected = typeof given === 'string' ? given.trim() : given;
  const context = `${path} = ${JSON.stringify(expected)}`;
  const registered = await server.request('POST', '/api/v1/auth/register', {
    body: { password: 'a-long-secret-1', holder },
  });
  figures.requests++;
  assert.equal(registered.status, 201, `${context}: ${registered.text}`);
  const token = registered.body.token as string;

  const me = await server.request('GET', '/api/v1/me', { token });
  assert.equal(me.status, 200);
  assert.equal(fieldAt(me.body.holder, path), expected, `${context}: GET /v1/me`);
  const customerRow = await server.db.query<{ holder: unknown }>(
    'SELECT holder FROM customers WHERE id = $1',
    [me.body.id],
  );
  assert.equal(fieldAt(customerRow.rows[0]?.holder, path), expected, `${context}: customers row`);

  const order = await server.request('POST', '/api/v1/orders', {
    token,
    body: { ...bankTransferOrder(), holder },
    headers: { 'Idempotency-Key': `injection-${figures.requests}` },
  });
  figures.requests++;
  assert.equal(order.status, 201, `${context}: ${order.text}`);
  const orderRow = await server.db.query<{ holder: unknown }>(
    'SELECT holder FROM orders WHERE id = $1',
    [order.body.id],
  );
  assert.equal(fieldAt(orderRow.rows[0]?.holder, path), expected, `${context}: orders row`);
  const lines = await server.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM order_lines WHERE order_id = $1',
    [order.body.id],
  );
  assert.equal(lines.rows[0]!.n, 1, `${context}: the order's line`);
  if (path === 'email') {
    const sent = await server.db.query<{ to_address: string }>(
      'SELECT DISTINCT to_address FROM outbox WHERE order_id = $1',
      [order.body.id],
    );
    assert.deepEqual(
      sent.rows.map((r) => r.to_address),
      [expected],
      `${context}: emails addressed to it`,
    );
  }
  figures.storedVerbatim++;
}

async function assertRefused(holder: Holder, path: string, codes?: RegExp): Promise<void> {
  const context = `${path} = ${JSON.stringify(fieldAt(holder, path))}`;
  const customers = await count('customers');
  const registered = await server.request('POST', '/api/v1/auth/register', {
    body: { password: 'a-long-secret-1', holder },
  });
  figures.requests++;
  assert.equal(registered.status, 422, `${context}: ${registered.text}`);
  assert.equal(registered.headers.get('content-type'), 'application/problem+json');
  const error = (registered.body.errors as { path: string; code: string }[]).find(
    (e) => e.path === `holder.${path}`,
  );
  assert.ok(error, `${context}: an error at holder.${path} in ${registered.text}`);
  if (codes) assert.match(error.code, codes, context);
  assert.equal(await count('customers'), customers, `${context}: no customer written`);

  // The same holder in an order of an existing account: refused, no order written.
  const token = await server.login(DEMO_USERS.company);
  const orders = await count('orders');
  const order = await server.request('POST', '/api/v1/orders', {
    token,
    body: { ...bankTransferOrder(), holder },
    headers: { 'Idempotency-Key': `refused-${figures.requests}` },
  });
  figures.requests++;
  assert.equal(order.status, 422, `${context}: ${order.text}`);
  assert.ok(
    (order.body.errors as { path: string }[]).some((e) => e.path === `holder.${path}`),
    `${context}: order error at holder.${path}`,
  );
  assert.equal(await count('orders'), orders, `${context}: no order written`);
  figures.refused++;
}

describe('injection: free-text holder fields keep SQL-looking text as data', () => {
  for (const [path, maxLength] of TEXT_FIELDS) {
    it(`${path}: ${PAYLOADS.length} payloads and one of ${maxLength} characters, stored and echoed exactly`, async () => {
      const customers = await count('customers');
      const long = "'; DROP TABLE orders; -- ".repeat(20).slice(0, maxLength);
      for (const payload of [...PAYLOADS, long]) {
        await assertStoredVerbatim(withField(path, payload), path);
      }
      figures.payloads += PAYLOADS.length + 1;
      await assertNothingExecuted(customers + PAYLOADS.length + 1);
    });

    it(`${path}: one character too long is refused with too_long`, async () => {
      const tooLong = "'; DROP TABLE orders; -- ".repeat(20).slice(0, maxLength) + 'x';
      await assertRefused(withField(path, tooLong), path, /^too_long$/);
      figures.payloads++;
    });

    it(`${path}: NUL and unpaired surrogates are refused at the field, not stored altered`, async () => {
      for (const payload of UNSTORABLE) {
        await assertRefused(withField(path, payload), path, /^invalid$/);
      }
      figures.payloads += UNSTORABLE.length;
    });
  }
});

describe('injection: email and PEC', () => {
  // Issue 22: an email or PEC is accepted only in the form FatturaPA 1.2.2's EmailType accepts
  // (unaccented letters, digits and . _ - + before the @), so SQL-looking local parts are refused
  // at the field with a translated error, and nothing is written.
  it('addresses whose local part looks like SQL are refused at the field, nothing stored', async () => {
    const customers = await count('customers');
    for (const email of SQL_EMAILS) {
      await assertRefused(withField('email', email), 'email', /^email\.fatturapa$/);
      const pecHolder = { ...companyHolder(), eInvoice: { pec: email } } as unknown as Holder;
      await assertRefused(pecHolder, 'eInvoice.pec');
    }
    figures.payloads += SQL_EMAILS.length * 2;
    await assertNothingExecuted(customers);
  });

  it('addresses the schema accepts, SQL-looking or not, are stored exactly and mailed to', async () => {
    const customers = await count('customers');
    const emails = [...SQL_EMAILS_ACCEPTED, 'robert.drop_table-customers+1@example.com'];
    for (const email of emails) {
      await assertStoredVerbatim(withField('email', email), 'email');
      const pecHolder = { ...companyHolder(), eInvoice: { pec: email } } as unknown as Holder;
      await assertStoredVerbatim(pecHolder, 'eInvoice.pec');
    }
    figures.payloads += emails.length * 2;
    await assertNothingExecuted(customers + emails.length * 2);
  });
});

describe('injection: fields with an Italian check', () => {
  it('SQL in a VAT number, tax code, CAP, province, country, SDI code, email or type is a 422 there', async () => {
    for (const [path, payload] of CHECKED_FIELDS) {
      await assertRefused(withField(path, payload), path);
    }
    figures.payloads += CHECKED_FIELDS.length;
    await assertNothingExecuted(await count('customers'));
  });
});

describe('injection: credentials, identifiers and keys', () => {
  it('SQL as username or password never logs in', async () => {
    const attempts = [
      { username: "' OR '1'='1", password: "' OR '1'='1" },
      { username: `${DEMO_USERS.company}' --`, password: 'anything' },
      { username: `${DEMO_USERS.company}'/*`, password: '*/ OR 1=1 --' },
      { username: DEMO_USERS.company, password: "' OR 1=1 --" },
      { username: "admin'; DROP TABLE sessions; --", password: DEMO_PASSWORD },
    ];
    for (const body of attempts) {
      const reply = await server.request('POST', '/api/v1/auth/login', { body });
      figures.requests++;
      assert.equal(reply.status, 401, JSON.stringify(body));
      assert.equal(reply.body.token, undefined);
    }
    figures.payloads += attempts.length;
    assert.equal(await count('sessions'), 0, 'no session was opened');
  });

  it('SQL in a product, plan, add-on, subscription or saved-method id is an unknown id', async () => {
    const token = await server.login(DEMO_USERS.company);
    const sql = "x' OR '1'='1";
    const cases: [Record<string, unknown>, number][] = [
      [{ productId: sql }, 404],
      [{ planId: sql }, 422],
      [{ addons: [{ id: sql, quantity: 1 }] }, 422],
      [{ productId: 'pec-addons', planId: 'member', subscriptionId: sql }, 404],
    ];
    for (const [change, status] of cases) {
      const quote = await server.request('POST', '/api/v1/quotes', {
        token,
        body: { productId: 'certified-platform', planId: 'base', years: 1, addons: [], ...change },
      });
      figures.requests++;
      assert.equal(quote.status, status, `${JSON.stringify(change)}: ${quote.text}`);
    }
    const saved = await server.request('POST', '/api/v1/orders', {
      token,
      body: { ...bankTransferOrder(), paymentMethod: { type: 'card', savedId: sql } },
      headers: { 'Idempotency-Key': 'saved-sql' },
    });
    figures.requests++;
    assert.equal(saved.status, 422);
    assert.deepEqual(
      saved.body.errors.map((e: { path: string }) => e.path),
      ['paymentMethod.savedId'],
    );
    const foreign = await server.request('GET', `/api/v1/orders/${encodeURIComponent(sql)}`, {
      token,
    });
    assert.equal(foreign.status, 404);
    figures.payloads += cases.length + 2;
  });

  it('an Idempotency-Key that looks like SQL is just a key: one order, replayed', async () => {
    const token = await server.login(DEMO_USERS.company);
    const key = "';DROP/**/TABLE/**/orders;--";
    const first = await server.request('POST', '/api/v1/orders', {
      token,
      body: bankTransferOrder(),
      headers: { 'Idempotency-Key': key },
    });
    const again = await server.request('POST', '/api/v1/orders', {
      token,
      body: bankTransferOrder(),
      headers: { 'Idempotency-Key': key },
    });
    figures.requests += 2;
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(again.body.id, first.body.id);
    const { rows } = await server.db.query<{ key: string; order_id: string }>(
      'SELECT key, order_id FROM idempotency_keys',
    );
    assert.deepEqual(rows, [{ key, order_id: first.body.id }]);
    assert.equal(await count('orders'), 1);
    figures.payloads++;
  });
});
