import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Database } from '../../server/src/db/database.ts';
import { loadMigrations, migrate } from '../../server/src/db/migrate.ts';
import { openPglite } from '../../server/src/db/pglite.ts';
import { openPostgres } from '../../server/src/db/postgres.ts';
import { seedDemoAccounts } from '../../demo/server/seed.ts';
import { createPostgresDatabase, DATABASE_URL, databaseUrl } from './harness.ts';

const clock = { today: () => '2026-01-15', now: () => new Date('2026-01-15T09:00:00Z') };

/** Two handles on one new, empty database (two pools on PostgreSQL; PGlite has one session). */
async function emptyDatabase(): Promise<[Database, Database, () => Promise<void>]> {
  if (DATABASE_URL) {
    const url = databaseUrl(await createPostgresDatabase());
    const a = openPostgres(url, { max: 2 });
    const b = openPostgres(url, { max: 2 });
    return [a, b, async () => void (await Promise.all([a.close(), b.close()]))];
  }
  const db = await openPglite();
  return [db, db, () => db.close()];
}

describe('migrations', () => {
  it('apply once, are recorded in schema_migrations, and are safe when two processes start together', async () => {
    const [a, b, close] = await emptyDatabase();
    try {
      const [first, second] = await Promise.all([migrate(a), migrate(b)]);
      const versions = (await loadMigrations()).map((m) => m.version);
      assert.deepEqual(
        [...first, ...second].sort((x, y) => x - y),
        versions,
        'each migration applied by exactly one process',
      );
      const { rows } = await a.query<{ version: number; name: string }>(
        'SELECT version, name FROM schema_migrations ORDER BY version',
      );
      assert.deepEqual(
        rows.map((r) => r.version),
        versions,
      );
      assert.equal(rows[0]?.name, 'initial');
      assert.deepEqual(await migrate(a), [], 'nothing left to apply');
    } finally {
      await close();
    }
  });

  it('the demo accounts are created once, even by two processes at once', async () => {
    const [a, b, close] = await emptyDatabase();
    try {
      await migrate(a);
      const results = await Promise.all([seedDemoAccounts(a, clock), seedDemoAccounts(b, clock)]);
      assert.deepEqual(results.sort(), [false, true]);
      assert.equal(await seedDemoAccounts(a, clock), false);
      const { rows } = await a.query<{ username: string }>(
        'SELECT username FROM customers ORDER BY username',
      );
      assert.deepEqual(
        rows.map((r) => r.username),
        [
          '1234567@aruba.it',
          '5555555@aruba.it',
          '7654321@aruba.it',
          'mario.rossi@architettitorinopec.it',
        ],
      );
    } finally {
      await close();
    }
  });

  it('0011 gives a service grown before it its terms, and its order back what it bought and was charged', async () => {
    const [db, , close] = await emptyDatabase();
    try {
      const all = await loadMigrations();
      await migrate(
        db,
        all.filter((m) => m.version < 11),
      );
      await seedDemoAccounts(db, clock);
      const { rows: customers } = await db.query<{ id: string }>(
        'SELECT id FROM customers ORDER BY username LIMIT 1',
      );
      const customerId = customers[0]!.id;
      const renewal = { date: '2027-01-15', chargeDate: '2027-01-08' };
      const line = (id: string, quantity: number, unitCents: number, amountCents: number) => ({
        id,
        label: id,
        quantity,
        unitCents,
        amountCents,
      });
      // As buy more left it: base + 5 GB bought (€158.60, split payment), 2 users added since.
      const grownQuote = {
        currency: 'EUR',
        lines: [
          line('base', 1, 12000, 12000),
          line('extra-users', 2, 1200, 2400),
          line('storage', 5, 200, 1000),
        ],
        taxableCents: 15400,
        vatRateBasisPoints: 2200,
        vatCents: 3388,
        totalCents: 18788,
        freeUntil: null,
        renewal: { ...renewal, totalCents: 18788 },
        minimumTopUpCents: null,
        creditCents: null,
        splitPayment: true,
        payableCents: 15400,
      };
      const grownAddons = [
        { id: 'extra-users', quantity: 2 },
        { id: 'storage', quantity: 5 },
      ];
      const insert = async (
        id: string,
        addons: unknown,
        quote: unknown,
        totalCents: number,
        extendsOrderId: string | null,
      ) =>
        db.query(
          `INSERT INTO orders (id, number, customer_id, status, product_id, plan_id, years, addons,
             payment_method, total_cents, currency, auto_renew, holder, quote, locale, created_at,
             updated_at, paid_at, expires_on, extends_order_id)
           VALUES ($1, $1, $2, 'paid', 'certified-platform', 'base', 1, $3::jsonb, 'card', $4, 'EUR',
             true, '{}'::jsonb, $5::jsonb, 'it', now(), now(), now(), $6::date, $7)`,
          [
            id,
            customerId,
            JSON.stringify(addons),
            totalCents,
            JSON.stringify(quote),
            extendsOrderId ? null : '2027-01-15',
            extendsOrderId,
          ],
        );
      await insert('grown', grownAddons, grownQuote, 15860, null);
      for (const [position, l] of [
        line('base', 1, 12000, 12000),
        line('storage', 5, 200, 1000),
      ].entries()) {
        await db.query(
          `INSERT INTO order_lines (order_id, position, line_id, label, quantity, unit_cents, amount_cents)
           VALUES ('grown', $1, $2, $3, $4, $5, $6)`,
          [position, l.id, l.label, l.quantity, l.unitCents, l.amountCents],
        );
      }
      const additionQuote = { ...grownQuote, lines: [line('extra-users', 2, 1200, 1600)] };
      await insert('addition', [{ id: 'extra-users', quantity: 2 }], additionQuote, 1952, 'grown');
      const ownQuote = { ...grownQuote, lines: [line('base', 1, 12000, 12000)] };
      await insert('untouched', [], ownQuote, 14640, null);

      // 0011 runs first (later ones after it).
      assert.equal((await migrate(db))[0], 11);
      const { rows } = await db.query<{
        id: string;
        addons: unknown;
        quote: typeof grownQuote;
        service_addons: unknown;
        service_quote: unknown;
      }>('SELECT id, addons, quote, service_addons, service_quote FROM orders ORDER BY id');
      const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
      assert.deepEqual(byId.grown!.service_addons, grownAddons);
      assert.deepEqual(byId.grown!.service_quote, grownQuote);
      assert.deepEqual(byId.grown!.addons, [{ id: 'storage', quantity: 5 }]);
      assert.deepEqual(byId.grown!.quote, {
        ...grownQuote,
        lines: [line('base', 1, 12000, 12000), line('storage', 5, 200, 1000)],
        taxableCents: 13000,
        vatCents: 2860,
        totalCents: 15860,
        renewal: { ...renewal, totalCents: 15860 },
        payableCents: 13000,
      });
      for (const id of ['addition', 'untouched']) {
        assert.equal(byId[id]!.service_addons, null, id);
        assert.equal(byId[id]!.service_quote, null, id);
      }
      assert.deepEqual(byId.untouched!.quote, ownQuote);
      assert.deepEqual(byId.addition!.quote, additionQuote);
    } finally {
      await close();
    }
  });
});
