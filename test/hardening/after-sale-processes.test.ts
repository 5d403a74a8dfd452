// Issue 15, item 4, on the real server process: webhooks survive `kill -9` between the commit
// and the delivery (the receiver gets every event after the restart, acknowledged once per
// event id), and two instances on one PostgreSQL database renew each card order once and only
// once. Every delivery is verified with the `standardwebhooks` package, as a merchant would.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Database } from '../../server/src/db/database.ts';
import { openPglite } from '../../server/src/db/pglite.ts';
import { openPostgres } from '../../server/src/db/postgres.ts';
import { createPostgresDatabase, DATABASE_URL, databaseUrl } from '../server/harness.ts';
import { startReceiver, type Receiver } from '../server/webhook-receiver.ts';
import { bankTransferOrder, DEMO_PASSWORD, DEMO_USERS } from './requests.ts';
import { call, loginTo, startServerProcess, type ServerProcess } from './server-process.ts';

const OPERATOR = 'hardening-operator-secret';
const ORDERS = 6;
const RENEWING_ORDERS = 10;

const work = mkdtempSync(join(tmpdir(), 'cassa-after-sale-'));
const running = new Set<ServerProcess>();
const receivers = new Set<Receiver>();
after(async () => {
  for (const server of running) await server.kill();
  for (const receiver of receivers) await receiver.close();
  rmSync(work, { recursive: true, force: true });
});

async function start(env: Record<string, string>) {
  const server = await startServerProcess(env);
  running.add(server);
  return server;
}

async function receiver(mode: Receiver['mode'], secret?: string) {
  const r = await startReceiver(mode, secret);
  receivers.add(r);
  return r;
}

const webhookEnv = (r: Receiver) => ({
  CASSA_WEBHOOK_URL: r.url,
  CASSA_WEBHOOK_SECRET: r.secret,
  CASSA_WEBHOOK_POLL_MS: '100',
  // A hung attempt gives up after 10 s; its lease (timeout + 5 s) then lets another take it.
  // (Shorter, a busy machine's slow answer can time out and be sent again: at least once.)
  CASSA_WEBHOOK_TIMEOUT_MS: '10000',
  CASSA_WEBHOOK_BACKOFF_MS: '200',
  CASSA_OPERATOR_SECRET: OPERATOR,
});

async function eventIds(db: Database, type: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM webhook_events WHERE type = $1 ORDER BY id',
    [type],
  );
  return rows.map((r) => r.id);
}

for (const store of ['PGlite', 'PostgreSQL'] as const) {
  describe(
    `kill -9 between commit and delivery (${store})`,
    {
      skip: store === 'PostgreSQL' && !DATABASE_URL && 'needs DATABASE_URL',
    },
    () => {
      it(`${ORDERS} committed orders: every order.completed arrives after the restart, once per event id`, async () => {
        const dataDir = join(work, 'pglite');
        const storeEnv: Record<string, string> =
          store === 'PGlite'
            ? { CASSA_DATA_DIR: dataDir }
            : { DATABASE_URL: databaseUrl(await createPostgresDatabase()) };
        // First life: the merchant's server takes the deliveries and never answers.
        const hanging = await receiver('hang');
        const first = await start({ ...storeEnv, ...webhookEnv(hanging) });
        const token = await loginTo(first.origin, DEMO_USERS.company, DEMO_PASSWORD);
        const numbers: string[] = [];
        for (let i = 0; i < ORDERS; i++) {
          const reply = await call(first.origin, 'POST', '/api/v1/orders', {
            token,
            body: bankTransferOrder(),
            headers: { 'Idempotency-Key': `kill-${i}` },
          });
          assert.equal(reply.status, 201);
          numbers.push(reply.body.number);
        }
        // Every event is in flight (committed, sent, not acknowledged): kill the process now.
        await hanging.waitFor(() => hanging.deliveries.length >= ORDERS);
        const inFlight = hanging.deliveries.length;
        await first.kill();
        running.delete(first);

        // Second life, same data: the receiver answers now.
        const answering = await receiver('ok', hanging.secret);
        const second = await start({ ...storeEnv, ...webhookEnv(answering) });
        const started = Date.now();
        await answering.waitFor(() => answering.acknowledged().size >= ORDERS, 180_000);
        const recoveredMs = Date.now() - started;
        await new Promise((r) => setTimeout(r, 1000)); // room for a duplicate to show up
        await second.stop();
        running.delete(second);

        const db =
          store === 'PGlite'
            ? await openPglite({ dataDir })
            : openPostgres(storeEnv.DATABASE_URL!, { max: 2 });
        try {
          const ids = await eventIds(db, 'order.completed');
          assert.equal(ids.length, ORDERS, 'one event per committed order');
          const acknowledged = answering.acknowledged();
          assert.deepEqual([...acknowledged.keys()].sort(), ids, 'every event arrived');
          assert.ok(
            [...acknowledged.values()].every((n) => n === 1),
            'acknowledged once per id',
          );
          assert.ok(
            answering.deliveries.every((d) => d.verified),
            'every signature verified',
          );
          const delivered = answering.deliveries.map((d) => d.payload.data.order.number).sort();
          assert.deepEqual(delivered, [...numbers].sort());
          // What the first life had sent was the same events (same webhook-id): a receiver that
          // keeps ids drops the repeat.
          for (const d of hanging.deliveries) assert.ok(ids.includes(d.webhookId));
          const { rows } = await db.query<{ status: string; n: number }>(
            'SELECT status, count(*)::int AS n FROM webhook_events GROUP BY status',
          );
          assert.deepEqual(rows, [{ status: 'delivered', n: ORDERS }]);
          console.log(
            `hardening: webhook kill-9 store=${store} committed-events=${ORDERS} in-flight-at-kill=${inFlight} delivered-after-restart=${acknowledged.size} duplicates-acknowledged=0 recovered-in-ms=${recoveredMs}`,
          );
        } finally {
          await db.close();
        }
      });
    },
  );
}

describe(
  'two server processes on one PostgreSQL database: renewals',
  { skip: !DATABASE_URL && 'needs DATABASE_URL (bash scripts/ci-postgres.sh)' },
  () => {
    it(`${RENEWING_ORDERS} card/PayPal orders renew once and only once while both instances sweep`, async () => {
      const url = databaseUrl(await createPostgresDatabase());
      const hooks = await receiver('ok');
      const env = { DATABASE_URL: url, ...webhookEnv(hooks), CASSA_NOW: '2026-01-15T09:00:00Z' };
      const [a, b] = await Promise.all([start(env), start(env)]);
      const token = await loginTo(a!.origin, DEMO_USERS.company, DEMO_PASSWORD);
      const methods = await call(a!.origin, 'GET', '/api/v1/me/payment-methods', { token });
      for (let i = 0; i < RENEWING_ORDERS; i++) {
        const saved = methods.body.items[i % 2];
        const reply = await call([a, b][i % 2]!.origin, 'POST', '/api/v1/orders', {
          token,
          body: { ...bankTransferOrder(), paymentMethod: { type: saved.type, savedId: saved.id } },
          headers: { 'Idempotency-Key': `renew-${i}` },
        });
        assert.equal(reply.status, 201);
        assert.equal(reply.body.renewalChargeDate, '2027-01-08');
      }
      const operator = (server: ServerProcess, path: string, body?: unknown) =>
        call(server.origin, 'POST', `/api/v1/operator${path}`, {
          ...(body !== undefined ? { body } : {}),
          headers: { Authorization: `Bearer ${OPERATOR}` },
        });
      // A moves the shared clock to the charge date and sweeps; B sweeps at the same moment,
      // several times; both schedulers (pg-boss) run their own sweeps too.
      const replies = await Promise.all([
        operator(a!, '/clock', { days: 358 }),
        ...Array.from({ length: 6 }, (_, i) => operator([b, a][i % 2]!, '/renewals/run')),
      ]);
      for (const reply of replies) assert.equal(reply.status, 200);
      const more = await Promise.all(
        Array.from({ length: 6 }, (_, i) => operator([a, b][i % 2]!, '/renewals/run')),
      );
      const renewedByRequests = [...replies, ...more].reduce(
        (n, r) => n + r.body.report.renewed,
        0,
      );
      await hooks.waitFor(
        () =>
          hooks.deliveries.filter((d) => d.type === 'subscription.renewed').length >=
          RENEWING_ORDERS,
        180_000,
      );
      await new Promise((r) => setTimeout(r, 3000)); // the schedulers' sweeps and any duplicate
      const db = openPostgres(url, { max: 2 });
      try {
        const charges = await db.query<{ n: number; orders: number }>(
          "SELECT count(*)::int AS n, count(DISTINCT order_id)::int AS orders FROM renewal_charges WHERE outcome = 'approved'",
        );
        assert.deepEqual(charges.rows[0], { n: RENEWING_ORDERS, orders: RENEWING_ORDERS });
        const expiries = await db.query<{ expires_on: string; n: number }>(
          'SELECT expires_on::text AS expires_on, count(*)::int AS n FROM orders GROUP BY expires_on',
        );
        assert.deepEqual(expiries.rows, [{ expires_on: '2028-01-15', n: RENEWING_ORDERS }]);
        const mails = await db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM outbox WHERE kind = 'renewal_confirmation'",
        );
        assert.equal(mails.rows[0]!.n, RENEWING_ORDERS, 'one email per renewal');
        // The orders' renewals (issue 22: the seed's mailboxes renew at their expiry too, with
        // events of their own that name no order).
        const ids = (
          await db.query<{ id: string }>(
            "SELECT id FROM webhook_events WHERE type = 'subscription.renewed' AND order_id IS NOT NULL ORDER BY id",
          )
        ).rows.map((r) => r.id);
        assert.equal(ids.length, RENEWING_ORDERS);
        const acknowledged = hooks.acknowledged();
        for (const id of ids) assert.equal(acknowledged.get(id), 1, `${id} delivered once`);
        assert.ok(hooks.deliveries.every((d) => d.verified));
        const sweptByScheduler = RENEWING_ORDERS - renewedByRequests;
        console.log(
          `hardening: renewals two-instances orders=${RENEWING_ORDERS} concurrent-sweeps=13+schedulers charges=${charges.rows[0]!.n} by-requests=${renewedByRequests} by-scheduler=${sweptByScheduler} duplicate-charges=0 duplicate-webhooks=0`,
        );
      } finally {
        await db.close();
      }
    });
  },
);
