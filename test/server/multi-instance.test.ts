// Several server processes behind a load balancer share one PostgreSQL database: nothing that
// another instance needs lives in process memory. Runs only when DATABASE_URL is set.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { migrate } from '../../server/src/db/migrate.ts';
import { openPostgres } from '../../server/src/db/postgres.ts';
import { seedDemoAccounts } from '../../demo/server/seed.ts';
import {
  createPostgresDatabase,
  DATABASE_URL,
  databaseUrl,
  START,
  startServer,
  TODAY,
} from './harness.ts';

describe(
  'two app instances on one PostgreSQL database',
  { skip: !DATABASE_URL && 'needs DATABASE_URL' },
  () => {
    it('50 concurrent orders with one key, spread over both, make exactly one order row', async () => {
      const url = databaseUrl(await createPostgresDatabase());
      const setup = openPostgres(url, { max: 1 });
      await migrate(setup);
      await seedDemoAccounts(setup, { today: () => TODAY, now: () => START });
      await setup.close();

      const first = await startServer({}, openPostgres(url, { max: 10 }));
      const second = await startServer({}, openPostgres(url, { max: 10 }));
      try {
        // A session opened on one instance works on the other.
        const token = await first.login('1234567@aruba.it');
        assert.equal((await second.request('GET', '/api/v1/me', { token })).status, 200);

        const body = {
          productId: 'certified-platform',
          planId: 'base',
          years: 1,
          addons: [{ id: 'storage', quantity: 5 }],
          expectedTotalCents: 15860,
          paymentMethod: { type: 'bank_transfer' },
          acceptTerms: true,
        };
        const replies = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            (i % 2 ? first : second).request('POST', '/api/v1/orders', {
              token,
              body,
              headers: { 'Idempotency-Key': 'one-key' },
            }),
          ),
        );
        const statuses = replies.map((r) => r.status);
        assert.ok(
          statuses.every((s) => s === 201 || s === 409),
          `only the order or request-in-progress: ${[...new Set(statuses)]}`,
        );
        const created = replies.filter((r) => r.status === 201);
        assert.ok(created.length >= 1);
        assert.equal(new Set(created.map((r) => r.body.id)).size, 1);
        const { rows } = await first.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM orders',
        );
        assert.equal(rows[0]!.n, 1);
        const emails = await first.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
        assert.equal(emails.rows[0]!.n, 2, 'one confirmation and one instructions email');
      } finally {
        await first.close();
        await second.close();
      }
    });
  },
);
