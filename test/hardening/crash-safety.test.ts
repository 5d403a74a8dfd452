// Issue 7, item 7: crash safety. An order, its lines, its idempotency record and its emails
// are written in one transaction: a failure at any statement leaves nothing, and the real
// server process killed with SIGKILL in the middle of an order load loses no acknowledged
// order, half-writes none and duplicates none once restarted on the same data.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import type { Database, Queryable } from '../../server/src/db/database.ts';
import { openPglite } from '../../server/src/db/pglite.ts';
import { openPostgres } from '../../server/src/db/postgres.ts';
import {
  createPostgresDatabase,
  DATABASE_URL,
  databaseUrl,
  startServer,
} from '../server/harness.ts';
import { checkIntegrity, inParallel, postOrders, replay } from './order-load.ts';
import { bankTransferOrder, DEMO_PASSWORD, DEMO_USERS } from './requests.ts';
import { loginTo, startServerProcess, type ServerProcess } from './server-process.ts';

/** Kill-and-restart cycles per store, concurrent clients, and when in each cycle the kill comes. */
const CYCLES = 3;
const CLIENTS = 8;
const KILL_AFTER_MS = [1500, 3000] as const;

const work = mkdtempSync(join(tmpdir(), 'cassa-crash-'));
const running = new Set<ServerProcess>();
after(async () => {
  for (const server of running) await server.kill();
  rmSync(work, { recursive: true, force: true });
});

async function count(db: Queryable, table: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]!.n;
}

/** The database, with every transaction's statements recorded and the n-th one failing. */
function failingAt(db: Database, plan: { failAt?: number; statements: string[][] }): Database {
  return {
    ...db,
    transaction: (work) =>
      db.transaction((tx) => {
        const statements: string[] = [];
        plan.statements.push(statements);
        return work({
          query: (sql, params) => {
            statements.push(sql.trim().split(/\s+/).slice(0, 3).join(' '));
            if (statements.length === plan.failAt) throw new Error('simulated crash');
            return tx.query(sql, params);
          },
        });
      }),
  };
}

describe('crash safety: one transaction per order', () => {
  it('a crash at any statement of an order leaves no trace; the retry makes exactly one whole order', async () => {
    const healthy = await startServer();
    try {
      const token = await healthy.login(DEMO_USERS.company);
      const tables = ['orders', 'order_lines', 'idempotency_keys', 'outbox'];
      const snapshot = async () =>
        Object.fromEntries(
          await Promise.all(tables.map(async (t) => [t, await count(healthy.db, t)] as const)),
        );
      const post = (app: typeof healthy, key: string) =>
        app.request('POST', '/api/v1/orders', {
          token,
          body: bankTransferOrder(),
          headers: { 'Idempotency-Key': key },
        });

      // One order, watched: how many transactions, and which statements.
      const watched = { statements: [] as string[][] };
      const watching = await startServer({ db: failingAt(healthy.db, watched) }, healthy.db);
      assert.equal((await post(watching, 'watched')).status, 201);
      assert.equal(watched.statements.length, 1, 'the order is one transaction');
      const statements = watched.statements[0]!;
      for (const table of tables) {
        assert.ok(
          statements.some((s) => s === `INSERT INTO ${table}`),
          `${table} is written inside it: ${statements.join('; ')}`,
        );
      }

      const before = await snapshot();
      for (let failAt = 1; failAt <= statements.length; failAt++) {
        const crashing = await startServer(
          { db: failingAt(healthy.db, { failAt, statements: [] }) },
          healthy.db,
        );
        const reply = await post(crashing, 'retried-key');
        assert.equal(reply.status, 500, `crash at statement ${failAt}: ${statements[failAt - 1]}`);
        assert.deepEqual(
          await snapshot(),
          before,
          `nothing left by a crash at statement ${failAt}`,
        );
      }
      const retried = await post(healthy, 'retried-key');
      assert.equal(retried.status, 201);
      assert.equal(retried.headers.get('idempotent-replayed'), null, 'a new order, made once');
      const integrity = await checkIntegrity(
        healthy.db,
        new Map([['retried-key', retried.body.id]]),
      );
      assert.deepEqual(integrity.lost, []);
      assert.deepEqual(integrity.halfWritten, []);
      assert.equal(integrity.orders, 2, 'the watched order and the retried one');
      console.log(
        `hardening: crash transaction statements=${statements.length} crash-points-tried=${statements.length} leftovers=0`,
      );
    } finally {
      await healthy.close();
    }
  });
});

interface CrashFigures {
  sent: number;
  acknowledged: number;
  inFlight: number;
  inFlightCommitted: number;
  refused: Map<number, number>;
  lostAcknowledged: string[];
}

/**
 * CYCLES times: CLIENTS concurrent clients post orders, the server is SIGKILLed between
 * KILL_AFTER_MS, restarted on the same data, and every key is replayed. Then the database
 * itself is read.
 */
async function killUnderLoad(
  store: string,
  env: Record<string, string>,
  openDatabase: () => Promise<Database>,
): Promise<void> {
  const figures: CrashFigures = {
    sent: 0,
    acknowledged: 0,
    inFlight: 0,
    inFlightCommitted: 0,
    refused: new Map(),
    lostAcknowledged: [],
  };
  const expected = new Map<string, string>();
  const start = async () => {
    const server = await startServerProcess(env);
    running.add(server);
    return server;
  };
  let server = await start();
  let restarts = 0;
  try {
    await cycles();
  } catch (error) {
    // Error lines name the route, status and error class only (no personal data).
    const errors = server
      .stdout()
      .split('\n')
      .filter((l) => / ERROR | failed: /.test(l));
    throw new Error(`${String(error)}\nserver errors:\n${errors.slice(-5).join('\n')}`, {
      cause: error,
    });
  } finally {
    for (const child of running) await child.kill();
    running.clear();
  }

  async function cycles() {
    const tokens = [
      await loginTo(server.origin, DEMO_USERS.company, DEMO_PASSWORD),
      await loginTo(server.origin, DEMO_USERS.professional, DEMO_PASSWORD),
    ];
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      let killed = false;
      const load = postOrders(server.origin, tokens, {
        clients: CLIENTS,
        prefix: `${store}-${cycle}`,
        stopped: () => killed,
      });
      const [min, max] = KILL_AFTER_MS;
      await new Promise((r) => setTimeout(r, min + Math.random() * (max - min)));
      killed = true;
      await server.kill();
      running.delete(server);
      const outcomes = await load;

      try {
        server = await start();
        restarts++;
      } catch (error) {
        throw new Error(
          `${store}: restart ${cycle} after SIGKILL failed (${restarts} of ${cycle} succeeded): ${String(error)}`,
          { cause: error },
        );
      }
      // Sessions live in the database: the same tokens work after the restart.
      await inParallel([...outcomes], CLIENTS, async ([key, outcome]) => {
        figures.sent++;
        const again = await replay(server.origin, key, outcome.token);
        if (outcome.status === 201) {
          figures.acknowledged++;
          if (!again.replayed || again.orderId !== outcome.orderId)
            figures.lostAcknowledged.push(key);
          expected.set(key, outcome.orderId!);
        } else if (outcome.status === undefined) {
          figures.inFlight++;
          if (again.replayed) figures.inFlightCommitted++;
          expected.set(key, again.orderId);
        } else {
          figures.refused.set(outcome.status, (figures.refused.get(outcome.status) ?? 0) + 1);
        }
      });
    }
    assert.equal(await server.stop(), 0, 'the last server stops cleanly');
    running.delete(server);
  }

  const db = await openDatabase();
  let integrity;
  try {
    integrity = await checkIntegrity(db, expected);
  } finally {
    await db.close();
  }
  console.log(
    `hardening: crash store=${store} kills=${CYCLES} restarts-ok=${restarts}/${CYCLES} clients=${CLIENTS} ` +
      `orders-sent=${figures.sent} acknowledged=${figures.acknowledged} ` +
      `in-flight-at-kill=${figures.inFlight} (committed=${figures.inFlightCommitted}) ` +
      `recovered=${figures.acknowledged - figures.lostAcknowledged.length} ` +
      `lost=${figures.lostAcknowledged.length + integrity.lost.length} duplicates=${integrity.duplicates} ` +
      `half-written=${integrity.halfWritten.length} orders-in-db=${integrity.orders}`,
  );
  assert.deepEqual([...figures.refused], [], 'every answered order was 201');
  assert.ok(figures.acknowledged > 0, 'the load got orders through before the kills');
  assert.deepEqual(figures.lostAcknowledged, [], 'acknowledged keys that replay to no order');
  assert.deepEqual(integrity.lost, [], 'keys whose order is not in the database');
  assert.equal(integrity.duplicates, 0, 'orders beyond one per key');
  assert.deepEqual(integrity.halfWritten, [], 'orders missing a part');
  assert.equal(integrity.orders, expected.size, 'one order per key, no other');
}

describe('crash safety: SIGKILL under load', () => {
  it(`PGlite data directory: ${CYCLES} kills mid-load, restarts, nothing lost, half-written or duplicated`, async () => {
    const dataDir = join(work, 'pglite');
    await killUnderLoad('pglite', { CASSA_DATA_DIR: dataDir }, () => openPglite({ dataDir }));
  });

  it(
    `PostgreSQL: ${CYCLES} kills mid-load, restarts, nothing lost, half-written or duplicated`,
    { skip: !DATABASE_URL && 'needs DATABASE_URL (bash scripts/ci-postgres.sh)' },
    async () => {
      const url = databaseUrl(await createPostgresDatabase());
      await killUnderLoad('postgres', { DATABASE_URL: url }, async () =>
        openPostgres(url, { max: 2 }),
      );
    },
  );
});

describe(
  'crash safety: the database drops its connections',
  { skip: !DATABASE_URL && 'needs DATABASE_URL (bash scripts/ci-postgres.sh)' },
  () => {
    it('PostgreSQL backends terminated under load: the server survives, answers again, loses nothing', async () => {
      const name = await createPostgresDatabase();
      const server = await startServerProcess({ DATABASE_URL: databaseUrl(name) });
      running.add(server);
      try {
        const tokens = [
          await loginTo(server.origin, DEMO_USERS.company, DEMO_PASSWORD),
          await loginTo(server.origin, DEMO_USERS.professional, DEMO_PASSWORD),
        ];
        let stopped = false;
        const load = postOrders(server.origin, tokens, {
          clients: CLIENTS,
          prefix: 'terminated',
          stopped: () => stopped,
        });
        let terminated = 0;
        for (let round = 0; round < 3; round++) {
          await new Promise((r) => setTimeout(r, 700));
          const admin = new pg.Client({ connectionString: DATABASE_URL });
          await admin.connect();
          const { rowCount } = await admin.query(
            'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1',
            [name],
          );
          await admin.end();
          terminated += rowCount ?? 0;
        }
        await new Promise((r) => setTimeout(r, 700));
        stopped = true;
        const outcomes = await load;
        assert.equal(
          server.child.exitCode,
          null,
          `the server is still running: ${server.stderr()}`,
        );
        const statuses = new Map<string, number>();
        const expected = new Map<string, string>();
        let lost = 0;
        await inParallel([...outcomes], CLIENTS, async ([key, outcome]) => {
          const label = String(outcome.status ?? 'none');
          statuses.set(label, (statuses.get(label) ?? 0) + 1);
          const again = await replay(server.origin, key, outcome.token);
          if (outcome.status === 201 && (!again.replayed || again.orderId !== outcome.orderId))
            lost++;
          expected.set(key, outcome.status === 201 ? outcome.orderId! : again.orderId);
        });
        const db = openPostgres(databaseUrl(name), { max: 2 });
        const integrity = await checkIntegrity(db, expected).finally(() => db.close());
        console.log(
          `hardening: crash store=postgres backends-terminated=${terminated} orders-sent=${outcomes.size} ` +
            `answers=${[...statuses].map(([s, n]) => `${s}×${n}`).join(',')} lost=${lost + integrity.lost.length} ` +
            `duplicates=${integrity.duplicates} half-written=${integrity.halfWritten.length}`,
        );
        assert.ok(terminated > 0, 'connections were terminated');
        assert.equal(lost, 0);
        assert.deepEqual(integrity.lost, []);
        assert.equal(integrity.duplicates, 0);
        assert.deepEqual(integrity.halfWritten, []);
        assert.ok(
          [...statuses.keys()].every((s) => s === '201' || s === '503'),
          `orders answered 201, or 503 (try again) when their connection was cut: ${[...statuses.keys()]}`,
        );
      } finally {
        await server.kill();
        running.delete(server);
      }
    });
  },
);
