// Accounts a production process never lets in: those the demo seeded (with their published
// password) on a database that once ran the demo. The demo lists them in its own table,
// demo_accounts (a demo migration); a database that never ran the demo has no such table and
// nothing is barred. At a production start their sessions are ended, and login and portal
// sessions refuse them (http/auth.ts).
import type { Queryable } from '../db/database.ts';

/** The usernames to bar (lower case), after ending their sessions; empty without the demo's table. */
export async function barDemoAccounts(db: Queryable): Promise<ReadonlySet<string>> {
  const { rows: table } = await db.query<{ present: boolean }>(
    "SELECT to_regclass('demo_accounts') IS NOT NULL AS present",
  );
  if (!table[0]?.present) return new Set();
  await db.query(
    'DELETE FROM sessions WHERE customer_id IN (SELECT customer_id FROM demo_accounts)',
  );
  const { rows } = await db.query<{ username: string }>(
    'SELECT c.username FROM demo_accounts d JOIN customers c ON c.id = d.customer_id',
  );
  return new Set(rows.map((r) => r.username.toLowerCase()));
}
