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
});
