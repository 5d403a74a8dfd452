// Versioned migrations (db/migrations/NNNN_name.sql; a composer such as the demo may add its own
// folder of them, numbered apart: 9001…), applied at start and recorded in
// schema_migrations. Safe when several processes start together on one database: the whole
// run holds a transaction-scoped advisory lock, and PostgreSQL DDL is transactional.
import { readdir, readFile } from 'node:fs/promises';
import type { Database, Queryable } from './database.ts';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
/** Any constant shared by every Cassa process: the key of the advisory lock. */
export const MIGRATION_LOCK_ID = 727_220_001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The server's migrations, or those of another folder (`dir`, a URL ending in /). */
export async function loadMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => ({
      version: Number(file.slice(0, 4)),
      name: file.slice(5, -4),
      sql: await readFile(new URL(file, dir), 'utf8'),
    })),
  );
}

/** Applies the migrations not yet recorded; returns the versions applied by this call. */
export async function migrate(db: Database, migrations?: Migration[]): Promise<number[]> {
  const all = migrations ?? (await loadMigrations());
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    const applied: number[] = [];
    for (const migration of all) {
      if (done.has(migration.version)) continue;
      await runScript(tx, migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return applied;
  });
}

/** Runs a script of several statements, one at a time (parameterized queries take only one). */
async function runScript(tx: Queryable, sql: string): Promise<void> {
  const statements = sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
  for (const statement of statements) await tx.query(statement);
}
