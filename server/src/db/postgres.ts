// node-postgres adapter: a pool of connections to a real PostgreSQL server (DATABASE_URL).
import pg from 'pg';
import type { Database, QueryResult } from './database.ts';

export function postgresDatabase(pool: pg.Pool): Database & { pool: pg.Pool } {
  return {
    kind: 'postgres',
    pool,
    async query<Row>(sql: string, params: unknown[] = []): Promise<QueryResult<Row>> {
      const result = await pool.query(sql, params);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
    },
    async transaction(work) {
      const client = await pool.connect();
      // A connection lost while checked out (server restart, failover, pg_terminate_backend)
      // is also an 'error' event on the client: unheard, it would end the whole process. The
      // statement in progress fails anyway; the broken connection is discarded on release.
      let broken: Error | undefined;
      const onError = (error: Error) => (broken = error);
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const value = await work({
          async query<Row>(sql: string, params: unknown[] = []): Promise<QueryResult<Row>> {
            const result = await client.query(sql, params);
            return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
          },
        });
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    async script(sql) {
      // Several statements answer an array of results: the last one counts.
      const result = (await pool.query(sql)) as pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      return { rows: last?.rows ?? [], rowCount: last?.rowCount ?? 0 };
    },
    close: () => pool.end(),
  };
}

export function openPostgres(connectionString: string, options: { max?: number } = {}) {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  // Nor one checked out (a query of pool.query, a transaction, pg-boss's statements): a terminated
  // backend can emit more than one 'error' (the FATAL message, then the closed socket), and the
  // listener pool.query attaches is a `once`. The statement in progress still fails with it.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return postgresDatabase(pool);
}
