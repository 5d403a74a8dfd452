// PGlite adapter: an embedded PostgreSQL in this process, on disk or from a data-dir dump.
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable, QueryResult } from './database.ts';

function wrap(target: Pick<PGlite, 'query'>): Queryable {
  return {
    async query<Row>(sql: string, params: unknown[] = []): Promise<QueryResult<Row>> {
      const result = await target.query<Row>(sql, params);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
  };
}

export function pgliteDatabase(pg: PGlite): Database & { pg: PGlite } {
  const direct = wrap(pg);
  return {
    kind: 'pglite',
    pg,
    query: direct.query,
    transaction: (work) => pg.transaction((tx) => work(wrap(tx))),
    async script(sql) {
      const results = await pg.exec(sql);
      const last = results[results.length - 1];
      return { rows: last?.rows ?? [], rowCount: last?.affectedRows ?? last?.rows.length ?? 0 };
    },
    close: () => pg.close(),
  };
}

/** Opens (or creates) a PGlite database in `dataDir`; in memory when it is undefined. */
export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob } = {}) {
  const pg = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  return pgliteDatabase(pg);
}
