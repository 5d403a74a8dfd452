// One thin data layer over PGlite (embedded) and node-postgres (a real server): parameterized SQL only.

export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

/** Something SQL can be sent to: the database itself, or an open transaction. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<Row>>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `work` in one transaction (READ COMMITTED): committed when it resolves, rolled back
   * when it throws. Inside, send every statement through `tx`, never through the database:
   * PGlite has a single session, so a nested `db.query` would wait for the transaction forever.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * A script of several statements without parameters (the simple query protocol); the rows of
   * its last statement. The job library's schema scripts need it.
   */
  script?(sql: string): Promise<QueryResult<Record<string, unknown>>>;
  close(): Promise<void>;
}

/** SQLSTATE of a database error (`23505` unique violation, `55P03` lock not available), if any. */
export function sqlState(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export const UNIQUE_VIOLATION = '23505';
export const LOCK_NOT_AVAILABLE = '55P03';
export const CHECK_VIOLATION = '23514';
