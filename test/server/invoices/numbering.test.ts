// Invoice numbers under concurrency: two instances (two connection pools) on one PostgreSQL
// database take numbers in overlapping transactions, some of which roll back. The committed
// numbers must be exactly 1…n: none repeated, none skipped. On PGlite (one session) the same
// transactions run one after another, which checks the rollback rule only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { migrate } from '../../../server/src/db/migrate.ts';
import { openPostgres } from '../../../server/src/db/postgres.ts';
import type { Database } from '../../../server/src/db/database.ts';
import { takeInvoiceNumber } from '../../../server/src/invoices/numbering.ts';
import { createPostgresDatabase, DATABASE_URL, databaseUrl, freshDatabase } from '../harness.ts';

async function instances(): Promise<{ dbs: Database[]; release(): Promise<void> }> {
  if (!DATABASE_URL) {
    const fresh = await freshDatabase();
    return { dbs: [fresh.db], release: fresh.release };
  }
  const url = databaseUrl(await createPostgresDatabase());
  const setup = openPostgres(url, { max: 1 });
  await migrate(setup);
  await setup.close();
  const dbs = [openPostgres(url, { max: 8 }), openPostgres(url, { max: 8 })];
  return { dbs, release: async () => void (await Promise.all(dbs.map((db) => db.close()))) };
}

describe('invoice numbering', () => {
  it('60 overlapping transactions over two instances, every 4th rolled back: numbers 1…45', async () => {
    const { dbs, release } = await instances();
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 60 }, (_, i) =>
          dbs[i % dbs.length]!.transaction(async (tx) => {
            const n = await takeInvoiceNumber(tx, 2026);
            // Work after the number, while its row stays locked (the rest of an order).
            await tx.query('SELECT pg_sleep($1)', [(i % 3) * 0.005]);
            await tx.query(`INSERT INTO app_meta (key, value) VALUES ($1, $2)`, [
              `invoice-test-${i}`,
              String(n),
            ]);
            if (i % 4 === 3) throw new Error('rolled back');
            return n;
          }),
        ),
      );
      const committed = results
        .filter((r): r is PromiseFulfilledResult<number> => r.status === 'fulfilled')
        .map((r) => r.value)
        .sort((a, b) => a - b);
      assert.equal(committed.length, 45);
      assert.deepEqual(
        committed,
        Array.from({ length: 45 }, (_, i) => i + 1),
      );
      // A new year starts at 1; the old one goes on where it stopped.
      assert.equal(await dbs[0]!.transaction((tx) => takeInvoiceNumber(tx, 2027)), 1);
      assert.equal(await dbs[0]!.transaction((tx) => takeInvoiceNumber(tx, 2026)), 46);
    } finally {
      await release();
    }
  });
});
