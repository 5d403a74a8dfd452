// Reading stored invoices: by order for its owner (the XML download), by the copy link's token.
import { hashToken } from '../accounts/credentials.ts';
import type { Queryable } from '../db/database.ts';
import type { InvoiceSummary } from 'cassa/contract';
import type { InvoiceDocument } from './fatturapa.ts';

export interface StoredInvoice {
  orderId: string;
  fileName: string;
  xml: string;
  document: InvoiceDocument;
}

interface InvoiceRow {
  order_id: string;
  file_name: string;
  xml: string;
  document: InvoiceDocument;
}

const toStored = (row: InvoiceRow): StoredInvoice => ({
  orderId: row.order_id,
  fileName: row.file_name,
  xml: row.xml,
  document: row.document,
});

/**
 * The invoice of an order's sale (its first charge), of this customer's; undefined for none, or
 * for another's order. The invoices of its renewals are listed by `listCustomerInvoices`.
 */
export async function findCustomerInvoice(db: Queryable, orderId: string, customerId: string) {
  const { rows } = await db.query<InvoiceRow>(
    `SELECT order_id, file_name, xml, document FROM invoices
      WHERE charge_key = 'order:' || $1::text AND customer_id = $2`,
    [orderId, customerId],
  );
  return rows[0] && toStored(rows[0]);
}

/** The invoice a copy link was made for. */
export async function findInvoiceByToken(db: Queryable, token: string) {
  const { rows } = await db.query<InvoiceRow>(
    'SELECT order_id, file_name, xml, document FROM invoices WHERE view_token_hash = $1',
    [hashToken(token)],
  );
  return rows[0] && toStored(rows[0]);
}

export interface SdiTransmission {
  id: string;
  channel: 'sdi' | 'pec';
  to: string;
  fileName: string;
  xml: string;
  createdAt: string;
}

/** The simulated transmissions to SDI, newest first (demo outbox). */
export async function listTransmissions(db: Queryable, limit = 200): Promise<SdiTransmission[]> {
  const { rows } = await db.query<{
    id: string | number | bigint;
    channel: 'sdi' | 'pec';
    to_address: string;
    file_name: string;
    xml: string;
    created_at: Date;
  }>(
    `SELECT id, channel, to_address, file_name, xml, created_at
       FROM sdi_transmissions ORDER BY id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((row) => ({
    id: String(row.id),
    channel: row.channel,
    to: row.to_address,
    fileName: row.file_name,
    xml: row.xml,
    createdAt: new Date(row.created_at).toISOString(),
  }));
}

interface SummaryRow {
  id: string | number | bigint;
  number: string;
  issued_on: string;
  kind: InvoiceSummary['kind'];
  order_id: string | null;
  subscription_id: string | null;
  period_start: string | null;
  period_end: string | null;
  total_cents: number;
  paid_cents: number | null;
  destination_kind: 'sdi' | 'pec';
  destination: string;
  document: InvoiceDocument;
}

const SUMMARY_COLUMNS = `id, number, issued_on::text AS issued_on, kind, order_id, subscription_id,
  period_start::text AS period_start, period_end::text AS period_end, total_cents, paid_cents,
  destination_kind, destination, document`;

function toSummary(row: SummaryRow): InvoiceSummary {
  const id = String(row.id);
  const vatCents = row.document.summary.reduce((sum, s) => sum + s.vatCents, 0);
  return {
    id,
    number: row.number,
    issuedOn: row.issued_on,
    kind: row.kind,
    orderId: row.order_id,
    orderNumber: row.document.orderNumber,
    subscriptionId: row.subscription_id,
    periodStart: row.period_start ?? row.document.lines[0]?.periodStart ?? null,
    periodEnd: row.period_end ?? row.document.lines[0]?.periodEnd ?? null,
    currency: 'EUR',
    taxableCents: row.total_cents - vatCents,
    vatCents,
    totalCents: row.total_cents,
    paidCents: row.paid_cents ?? row.total_cents,
    format: row.document.format ?? 'FPR12',
    splitPayment: row.document.splitPayment === true,
    sentTo: { channel: row.destination_kind, to: row.destination },
    xmlUrl: `/v1/me/invoices/${id}/xml`,
    copyUrl: `/v1/me/invoices/${id}/copy`,
  };
}

/**
 * A customer's invoices, newest first: every charge's (sales, renewals, add-on renewals).
 * `orderId` narrows them to one order's (its sale and its renewals).
 */
export async function listCustomerInvoices(
  db: Queryable,
  customerId: string,
  filter: { orderId?: string } = {},
): Promise<InvoiceSummary[]> {
  const { rows } = await db.query<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM invoices
      WHERE customer_id = $1 AND ($2::text IS NULL OR order_id = $2)
      ORDER BY issued_on DESC, id DESC`,
    [customerId, filter.orderId ?? null],
  );
  return rows.map(toSummary);
}

/** One invoice of this customer's by its id; undefined for none, or for another's. */
export async function findCustomerInvoiceById(db: Queryable, id: string, customerId: string) {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  const { rows } = await db.query<InvoiceRow>(
    `SELECT order_id, file_name, xml, document FROM invoices WHERE id = $1::bigint AND customer_id = $2`,
    [id, customerId],
  );
  return rows[0] && toStored(rows[0]);
}
