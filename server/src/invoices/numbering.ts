// Invoice numbers: progressive per calendar year, never repeated, never skipped, with any
// number of server instances on one database.
import type { Queryable } from '../db/database.ts';

/**
 * The next number of `year`, taken inside the caller's transaction. The upsert locks the
 * year's counter row until that transaction ends: a concurrent issuer (another instance too)
 * waits, then continues from the committed value; a rollback gives the number back.
 */
export async function takeInvoiceNumber(tx: Queryable, year: number): Promise<number> {
  const { rows } = await tx.query<{ last_number: number }>(
    `INSERT INTO invoice_counters (year, last_number) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last_number = invoice_counters.last_number + 1
     RETURNING last_number`,
    [year],
  );
  const n = rows[0]?.last_number;
  if (n === undefined) throw new Error('invoice counter returned no row');
  return n;
}

/** `F-2026-000001`. */
export function formatInvoiceNumber(year: number, seq: number): string {
  return `F-${year}-${String(seq).padStart(6, '0')}`;
}

/** The file progressive: a database sequence, unique for the sender across years. */
export async function nextFileNumber(tx: Queryable): Promise<number> {
  const { rows } = await tx.query<{ n: string | number }>(
    "SELECT nextval('invoice_file_seq')::text AS n",
  );
  return Number(rows[0]?.n);
}
