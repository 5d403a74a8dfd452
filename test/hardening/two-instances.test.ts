// Issue 7, item 8: two server processes on one PostgreSQL database, as behind a load balancer.
// Every order is sent to both at the same moment with the same Idempotency-Key, and some are
// retried at random on either: one order per key, one confirmation per order, none lost, and
// every answer for a key names the same order. Runs only with DATABASE_URL.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { openPostgres } from '../../server/src/db/postgres.ts';
import { createPostgresDatabase, DATABASE_URL, databaseUrl } from '../server/harness.ts';
import { checkIntegrity, inParallel } from './order-load.ts';
import { bankTransferOrder, DEMO_PASSWORD, DEMO_USERS, registration } from './requests.ts';
import { call, loginTo, startServerProcess, type ServerProcess } from './server-process.ts';

const ORDERS = 200;
/** Keys in flight at once (each with two or more requests). */
const PARALLEL_KEYS = 16;
/** Chance that a key gets extra retries, after a random pause, on a random instance. */
const RETRY_CHANCE = 0.5;

const running: ServerProcess[] = [];
after(async () => {
  for (const server of running) await server.kill();
});

/** Storage of 0, 5 or 10 GB on the base plan: the bodies differ from key to key. */
function orderBody(i: number) {
  const storage = [0, 5, 10][i % 3]!;
  return {
    ...bankTransferOrder(),
    addons: storage ? [{ id: 'storage', quantity: storage }] : [],
    expectedTotalCents: [14640, 15860, 17080][i % 3]!,
  };
}

describe(
  'two server processes on one PostgreSQL database',
  { skip: !DATABASE_URL && 'needs DATABASE_URL (bash scripts/ci-postgres.sh)' },
  () => {
    it(`${ORDERS} orders, each sent to both at once with one key, plus random retries: no duplicate, no loss`, async () => {
      const name = await createPostgresDatabase();
      const env = { DATABASE_URL: databaseUrl(name) };
      // Both start together on the empty database: migrations and the seed run once.
      const [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
      running.push(a!, b!);
      const instances = [a!, b!];

      // Customers: two demo accounts and two registered on the second instance; a session
      // opened on one instance is used on both.
      const tokens = [
        await loginTo(a!.origin, DEMO_USERS.company, DEMO_PASSWORD),
        await loginTo(b!.origin, DEMO_USERS.professional, DEMO_PASSWORD),
      ];
      for (const email of ['uno@two-instances.example', 'due@two-instances.example']) {
        const registered = await call(b!.origin, 'POST', '/api/v1/auth/register', {
          body: { ...registration(), holder: { ...registration().holder, email } },
        });
        assert.equal(registered.status, 201);
        tokens.push(registered.body.token);
      }

      const answers = new Map<string, { status: number; orderId?: string; replayed: boolean }[]>();
      const requestsTo = [0, 0];
      let retries = 0;
      let inProgress = 0;
      const send = async (key: string, i: number, instance: number) => {
        for (;;) {
          requestsTo[instance]!++;
          const reply = await call(instances[instance]!.origin, 'POST', '/api/v1/orders', {
            token: tokens[i % tokens.length]!,
            body: orderBody(i),
            headers: { 'Idempotency-Key': key },
          });
          if (reply.status === 409 && reply.body?.type?.endsWith('/request-in-progress')) {
            // The other request with this key is still running: wait as told, then ask again.
            inProgress++;
            await new Promise((r) =>
              setTimeout(r, Number(reply.headers.get('retry-after')) * 1000),
            );
            continue;
          }
          answers.get(key)!.push({
            status: reply.status,
            orderId: reply.body?.id,
            replayed: reply.headers.get('idempotent-replayed') === 'true',
          });
          return;
        }
      };

      const started = Date.now();
      const keys = Array.from({ length: ORDERS }, (_, i) => i);
      await inParallel(keys, PARALLEL_KEYS, async (i) => {
        const key = `two-instances-${i}`;
        answers.set(key, []);
        const sends = [send(key, i, 0), send(key, i, 1)];
        if (Math.random() < RETRY_CHANCE) {
          for (let r = 0; r < 1 + Math.floor(Math.random() * 2); r++) {
            retries++;
            sends.push(
              new Promise((resolve) => setTimeout(resolve, Math.random() * 150)).then(() =>
                send(key, i, Math.floor(Math.random() * 2)),
              ),
            );
          }
        }
        await Promise.all(sends);
      });
      const seconds = (Date.now() - started) / 1000;

      const statuses = new Map<number, number>();
      const conflicting: string[] = [];
      const expected = new Map<string, string>();
      let replays = 0;
      for (const [key, list] of answers) {
        for (const answer of list) {
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          if (answer.replayed) replays++;
        }
        const ids = new Set(list.map((answer) => answer.orderId));
        if (ids.size !== 1 || list.some((answer) => answer.status !== 201)) conflicting.push(key);
        if (list[0]?.orderId) expected.set(key, list[0].orderId);
      }

      const db = openPostgres(databaseUrl(name), { max: 2 });
      const integrity = await checkIntegrity(db, expected).finally(() => db.close());
      const numbers = await (async () => {
        const check = openPostgres(databaseUrl(name), { max: 1 });
        try {
          const { rows } = await check.query<{ n: number; distinct: number }>(
            'SELECT count(*)::int AS n, count(DISTINCT number)::int AS distinct FROM orders',
          );
          return rows[0]!;
        } finally {
          await check.close();
        }
      })();
      console.log(
        `hardening: two-instances orders=${ORDERS} requests=${requestsTo[0]! + requestsTo[1]!} ` +
          `(a=${requestsTo[0]}, b=${requestsTo[1]}) random-retries=${retries} replays=${replays} ` +
          `in-progress-409=${inProgress} answers=${[...statuses].map(([s, n]) => `${s}×${n}`).join(',')} ` +
          `orders-in-db=${integrity.orders} duplicates=${integrity.duplicates} ` +
          `lost=${ORDERS - expected.size + integrity.lost.length} keys-with-differing-answers=${conflicting.length} ` +
          `seconds=${seconds.toFixed(1)}`,
      );
      assert.deepEqual(conflicting, [], 'keys whose answers were not all 201 with one order id');
      assert.equal(expected.size, ORDERS, 'every key has its order');
      assert.deepEqual(integrity.lost, []);
      assert.equal(integrity.duplicates, 0);
      assert.deepEqual(integrity.halfWritten, [], 'one line, one key, one confirmation per order');
      assert.equal(integrity.orders, ORDERS);
      assert.equal(numbers.distinct, numbers.n, 'order numbers unique across instances');
      assert.equal(
        replays,
        [...answers.values()].reduce((sum, list) => sum + list.length, 0) - ORDERS,
        'every answer but the first per key is a replay',
      );
      for (const server of instances) assert.equal(await server.stop(), 0);
    });
  },
);
