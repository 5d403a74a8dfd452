// Finds a PostgreSQL server for the throughput bench (DATABASE_URL, else the one
// scripts/ci-postgres.sh sets up) and makes a fresh, throwaway database on it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const DEFAULT_DATABASE_URL = 'postgres://cassa:cassa@localhost:5432/cassa';

export interface BenchDatabase {
  /** the fresh database's URL (the server migrates and seeds it) */
  readonly url: string;
  /** where it lives, without the password, for the report */
  readonly description: string;
  drop(): Promise<void>;
}

/** A fresh database, or the reason there is none. */
export async function createBenchDatabase(): Promise<BenchDatabase | { skipped: string }> {
  const baseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const admin = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 3_000 });
  const where = redact(baseUrl);
  try {
    await admin.connect();
  } catch (error) {
    return { skipped: `no PostgreSQL reachable at ${where} (${(error as Error).message})` };
  }
  const name = `cassa_bench_${randomBytes(4).toString('hex')}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.end();
    return { skipped: `cannot create a database at ${where} (${(error as Error).message})` };
  }
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const version = await serverVersion(url.toString());
  return {
    url: url.toString(),
    description: `PostgreSQL ${version} (${redact(url.toString())})`,
    drop: async () => {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version.split(' ')[0] ?? '?';
  } finally {
    await client.end();
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
