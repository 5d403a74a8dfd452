// Test harness for the reference backend: a migrated and seeded database in its pristine state
// for every test (PGlite: one clone of a seeded dump per test file, reset before each test;
// with DATABASE_URL: a new PostgreSQL database per test, cloned from a template database made
// once per file), an app with a controllable clock, captured logs, and small request helpers.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import pg from 'pg';
import { createDemoApp, type AppDeps } from '../../demo/server/app.ts';
import type { Database } from '../../server/src/db/database.ts';
import { loadMigrations, migrate } from '../../server/src/db/migrate.ts';
import { openPglite } from '../../server/src/db/pglite.ts';
import { openPostgres } from '../../server/src/db/postgres.ts';
import { sandboxProvider } from '../../demo/server/sandbox/provider.ts';
import { DEMO_PASSWORD, seedDemoAccounts } from '../../demo/server/seed.ts';
import { DEMO_SELLER } from '../../demo/server/seller.ts';
import { parseCatalog, type Catalog } from '../../src/domain/catalog.ts';

/** The date every test runs on (Europe/Rome). The seed's mailboxes expire 8 and 2 months later. */
export const TODAY = '2026-01-15';
export const START = new Date('2026-01-15T09:00:00Z');
export const DATABASE_URL = process.env.DATABASE_URL;

export function demoCatalog(): Catalog {
  const parsed = parseCatalog(
    JSON.parse(readFileSync(new URL('../../demo/catalog.json', import.meta.url), 'utf8')),
  );
  if (!parsed.ok) throw new Error(`demo catalog invalid at ${parsed.path}`);
  return parsed.catalog;
}

export class TestClock {
  current = START;
  today = () => TODAY;
  now = () => this.current;
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

const seedClock = { today: () => TODAY, now: () => START };

// ---- PGlite: one seeded dump, cloned for every test ----------------------------------------
// The dump is cached on disk, keyed by everything that shapes it, so each test file does not
// pay the ~4 s of a first PGlite start.
let pgliteDump: Promise<Blob> | undefined;
async function dumpCacheFile(): Promise<string> {
  const hash = createHash('sha256').update(TODAY);
  for (const m of await loadMigrations()) hash.update(m.sql);
  for (const file of [
    'demo/server/seed.ts',
    'demo/server/migrations/9001_demo.sql',
    'demo/server/migrations/9002_sandbox_cards.sql',
    'server/src/accounts/accounts.ts',
    'server/src/accounts/credentials.ts',
    'server/src/payments/payments.ts',
  ]) {
    hash.update(readFileSync(new URL(`../../${file}`, import.meta.url)));
  }
  hash.update(
    readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url)),
  );
  return join(tmpdir(), `cassa-test-pglite-${hash.digest('hex').slice(0, 16)}.tar`);
}

async function pgliteTemplate(): Promise<Blob> {
  pgliteDump ??= (async () => {
    const cache = await dumpCacheFile();
    try {
      return new Blob([readFileSync(cache)]);
    } catch {
      // Not cached yet.
    }
    const db = await openPglite();
    await migrate(db);
    await seedDemoAccounts(db, seedClock);
    const dump = await db.pg.dumpDataDir('none');
    await db.close();
    const partial = `${cache}.${process.pid}`;
    writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
    renameSync(partial, cache);
    return dump;
  })();
  return pgliteDump;
}

// ---- PostgreSQL: one template database per test process, cloned for every test ---------
const suffix = randomBytes(4).toString('hex');
const created: string[] = [];
let templateName: Promise<string> | undefined;

export function databaseUrl(name: string): string {
  const url = new URL(DATABASE_URL as string);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty PostgreSQL database (dropped when the test file ends). */
export async function createPostgresDatabase(template?: string): Promise<string> {
  const name = `cassa_test_${suffix}_${created.length}`;
  created.push(name);
  await adminQuery(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  return name;
}

async function postgresTemplate(): Promise<string> {
  templateName ??= (async () => {
    const name = await createPostgresDatabase();
    const db = openPostgres(databaseUrl(name), { max: 2 });
    await migrate(db);
    await seedDemoAccounts(db, seedClock);
    await db.close();
    return name;
  })();
  return templateName;
}

if (DATABASE_URL) {
  after(async () => {
    for (const name of created.reverse())
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}

// ---- PGlite: one clone per test file, put back to the seeded state before each test --------
interface SharedPglite {
  db: Database;
  /** Every table's seeded rows, as JSON. */
  snapshot: Map<string, string>;
}
let sharedPglite: Promise<SharedPglite> | undefined;
// Registered at the top level so it runs once, after every test of the file.
after(async () => {
  if (sharedPglite) await (await sharedPglite).db.close();
});

async function pgliteForThisFile(): Promise<SharedPglite> {
  sharedPglite ??= (async () => {
    const db = await openPglite({ loadDataDir: await pgliteTemplate() });
    const { rows } = await db.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'",
    );
    const snapshot = new Map<string, string>();
    for (const { tablename } of rows) {
      const data = await db.query<{ rows: unknown }>(
        `SELECT coalesce(json_agg(t), '[]'::json) AS rows FROM "${tablename}" t`,
      );
      snapshot.set(tablename, JSON.stringify(data.rows[0]?.rows ?? []));
    }
    return { db, snapshot };
  })();
  return sharedPglite;
}

/** Back to the seeded state: ~30 ms, where a new PGlite from the dump takes ~0.5 s. */
async function resetPglite({ db, snapshot }: SharedPglite): Promise<void> {
  const tables = [...snapshot.keys()].map((t) => `"${t}"`);
  await db.transaction(async (tx) => {
    // Rows go back in any order: foreign keys are not checked while restoring.
    await tx.query("SET LOCAL session_replication_role = 'replica'");
    await tx.query(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`);
    for (const [table, rows] of snapshot) {
      if (rows === '[]') continue;
      await tx.query(
        `INSERT INTO "${table}" OVERRIDING SYSTEM VALUE SELECT * FROM json_populate_recordset(null::"${table}", $1::json)`,
        [rows],
      );
    }
    await tx.query("SELECT setval('order_number_seq', 1, false)");
  });
}

/**
 * A database holding only the migrated schema and the demo accounts, and how to let it go.
 * PostgreSQL: a new database per call. PGlite: the test file's one instance, reset — so a
 * test must not hold two of them at once (share one with `startServer(overrides, db)`).
 */
export async function freshDatabase(): Promise<{ db: Database; release(): Promise<void> }> {
  if (DATABASE_URL) {
    const name = await createPostgresDatabase(await postgresTemplate());
    const db = openPostgres(databaseUrl(name), { max: 10 });
    return { db, release: () => db.close() };
  }
  const shared = await pgliteForThisFile();
  await resetPglite(shared);
  return { db: shared.db, release: async () => undefined };
}

// ---- The app under test ------------------------------------------------------------------
export interface Reply {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read any field
  text: string;
}

export interface Server {
  app: ReturnType<typeof createDemoApp>;
  db: Database;
  clock: TestClock;
  logs: string[];
  deps: AppDeps;
  request(method: string, path: string, options?: RequestOptions): Promise<Reply>;
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as-is (not JSON-encoded). */
  rawBody?: string;
  token?: string;
  headers?: Record<string, string>;
}

export const PORTAL_SECRET = 'test-portal-secret';
export const OPERATOR_SECRET = 'test-operator-secret';
export const ORIGIN = 'http://localhost';

export async function startServer(
  overrides: Partial<AppDeps> = {},
  db?: Database,
): Promise<Server> {
  const fresh = db ? undefined : await freshDatabase();
  const database = db ?? fresh!.db;
  const clock = new TestClock();
  const logs: string[] = [];
  const deps: AppDeps = {
    db: database,
    catalog: demoCatalog(),
    clock,
    portalSecret: PORTAL_SECRET,
    operatorSecret: OPERATOR_SECRET,
    allowedOrigins: ['https://partner.example'],
    publicUrl: ORIGIN,
    demo: true,
    seller: DEMO_SELLER,
    payments: sandboxProvider(),
    logger: { info: (line) => logs.push(line), error: (line) => logs.push(`ERROR ${line}`) },
    ...overrides,
  };
  const app = createDemoApp(deps);
  const request = async (
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<Reply> => {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] ??= 'application/json';
    }
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    const response = await app.request(`${ORIGIN}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };
  return {
    app,
    db: database,
    clock,
    logs,
    deps,
    request,
    async login(username, password = DEMO_PASSWORD) {
      const reply = await request('POST', '/api/v1/auth/login', { body: { username, password } });
      if (reply.status !== 200) throw new Error(`login ${username}: ${reply.status} ${reply.text}`);
      return reply.body.token as string;
    },
    close: async () => {
      await fresh?.release();
    },
  };
}

/** The one-time token of a payment page's form (`<input name="attempt">`), if it shows a form. */
export function attemptOf(html: string): string | undefined {
  return /name="attempt" value="([^"]+)"/.exec(html)?.[1];
}

/**
 * Submits the sandbox payment form as the buyer's browser does: opens the page (which issues
 * the form's one-time token), then posts the fields with it, from the server's own origin.
 */
export async function submitSandboxForm(
  app: { request: (url: string, init?: RequestInit) => Response | Promise<Response> },
  orderId: string,
  fields: Record<string, string>,
  origin = ORIGIN,
): Promise<{ status: number; location: string | null; html: string }> {
  const page = await app.request(`${origin}/api/sandbox/pay/${orderId}`);
  const attempt = attemptOf(await page.text());
  const response = await app.request(`${origin}/api/sandbox/pay/${orderId}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
    body: new URLSearchParams({ ...fields, ...(attempt ? { attempt } : {}) }).toString(),
    redirect: 'manual',
  });
  return {
    status: response.status,
    location: response.headers.get('location'),
    html: await response.text(),
  };
}

/** The password the tests register customers with. */
export const TEST_PASSWORD = 'una-password-lunga';

/**
 * Registers a public administration (an Ordine: tax code only, its office's SDI code), whose
 * orders are under split payment; its username and first session's token.
 */
export async function registerPublicAdministration(
  server: Server,
): Promise<{ username: string; token: string }> {
  const registered = await server.request('POST', '/api/v1/auth/register', {
    body: {
      password: TEST_PASSWORD,
      holder: {
        type: 'company',
        name: 'Ordine degli Architetti P.P.C. di Torino',
        taxCode: '80089810016',
        address: {
          street: 'Via Giolitti 1',
          postalCode: '10123',
          city: 'Torino',
          province: 'TO',
          country: 'IT',
        },
        email: 'segreteria@oato.it',
        eInvoice: { sdiCode: 'UFABCD' },
      },
    },
  });
  if (registered.status !== 201)
    throw new Error(`register: ${registered.status} ${registered.text}`);
  return {
    username: registered.body.customer.username as string,
    token: registered.body.token as string,
  };
}
