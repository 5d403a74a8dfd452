// Reading stored invoices: by order for its owner (the XML download), by the copy link's token.
import { hashToken } from '../accounts/credentials.ts';
import type { Queryable } from '../db/database.ts';
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

/** The invoice of an order of this customer's; undefined for none, or for another's order. */
export async function findCustomerInvoice(db: Queryable, orderId: string, customerId: string) {
  const { rows } = await db.query<InvoiceRow>(
    `SELECT order_id, file_name, xml, document FROM invoices
      WHERE order_id = $1 AND customer_id = $2`,
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
