// Issuing the invoice of a paid order, in the transaction that makes it paid: number, XML,
// storage and the (simulated) SDI transmission. Idempotent: one order, at most one invoice.
import { type Catalog, findProduct } from 'cassa/contract';
import { hashToken, newToken } from '../accounts/credentials.ts';
import type { AppDeps } from '../http/context.ts';
import type { Queryable } from '../db/database.ts';
import { findOrder } from '../orders/orders.ts';
import { invoiceEmail, queueEmail } from '../notifications/outbox.ts';
import { invoiceDocument } from './document.ts';
import { buildFatturaPA, fileProgressive, type InvoiceDestination } from './fatturapa.ts';
import { formatInvoiceNumber, nextFileNumber, takeInvoiceNumber } from './numbering.ts';
import { DEMO_SELLER, type Seller } from './seller.ts';

export interface InvoiceContext {
  catalog: Catalog;
  seller: Seller;
  /** The invoice date: today in Europe/Rome. Its year numbers the invoice. */
  today: string;
  now: Date;
  /** The server's public origin: the HTML copy's link is absolute (it goes in an email). */
  origin: string;
}

export interface IssuedInvoice {
  number: string;
  fileName: string;
  destination: InvoiceDestination;
  /** The link to the human-readable copy; only known when this call issued the invoice. */
  copyUrl: string | undefined;
  /** False when the order already had its invoice (nothing new was written). */
  issued: boolean;
}

/** The invoice context from the app's dependencies (what a route handler has at hand). */
export function invoiceContext(
  deps: Pick<AppDeps, 'catalog' | 'clock' | 'seller'>,
  origin: string,
): InvoiceContext {
  return {
    catalog: deps.catalog,
    seller: deps.seller ?? DEMO_SELLER,
    today: deps.clock.today(),
    now: deps.clock.now(),
    origin,
  };
}

export const copyPath = (token: string) => `/api/invoices/${token}`;

/**
 * Issues the invoice of order `orderId` if it is paid, costs something and has none yet.
 * Call it with the transaction that marks the order paid (status `paid` already written),
 * after the order's credit and add-ons are settled. Returns the invoice (new or existing),
 * or null when the order gets none (not paid, or €0: a free plan, add-ons free until expiry).
 *
 * `options.email`: also email the holder the invoice's destination and copy link (kind
 * `invoice`) when this call issues it — for a payment recorded after the order's confirmation
 * (at the order's creation the confirmation email says it instead).
 */
export async function issueInvoice(
  tx: Queryable,
  orderId: string,
  context: InvoiceContext,
  options: { email?: boolean } = {},
): Promise<IssuedInvoice | null> {
  // Locking the order queues a second call for the same order behind this one.
  const order = await findOrder(tx, orderId, true);
  if (!order) throw new Error('issueInvoice: unknown order');
  const existing = await tx.query<{
    number: string;
    file_name: string;
    document: { destination: InvoiceDestination };
  }>('SELECT number, file_name, document FROM invoices WHERE order_id = $1', [orderId]);
  const found = existing.rows[0];
  if (found) {
    return {
      number: found.number,
      fileName: found.file_name,
      destination: found.document.destination,
      copyUrl: undefined,
      issued: false,
    };
  }
  if (order.status !== 'paid' || order.totalCents <= 0) return null;
  const product = findProduct(context.catalog, order.productId);
  if (!product) throw new Error('issueInvoice: the order names no product of the catalog');

  const created = await tx.query<{ day: string }>(
    "SELECT (created_at AT TIME ZONE 'Europe/Rome')::date::text AS day FROM orders WHERE id = $1",
    [orderId],
  );
  const year = Number(context.today.slice(0, 4));
  // The file progressive first, the yearly number last: the counter row stays locked from
  // here to the commit, so the less done after it, the shorter other issuers wait.
  const fileNumber = await nextFileNumber(tx);
  const seq = await takeInvoiceNumber(tx, year);
  const document = invoiceDocument(order, product, {
    seller: context.seller,
    number: formatInvoiceNumber(year, seq),
    date: context.today,
    progressive: fileProgressive(fileNumber),
    periodStart: created.rows[0]?.day ?? context.today,
  });
  const xml = buildFatturaPA(document);
  const token = newToken();
  const destination = document.destination;
  const to = destination.kind === 'sdi' ? destination.code : destination.address;
  await tx.query(
    `INSERT INTO invoices (id, order_id, customer_id, year, seq, number, issued_on, file_name,
       total_cents, destination_kind, destination, document, xml, view_token_hash, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8, $9, $10, $11, $12::jsonb, $13, $14, $15)`,
    [
      fileNumber,
      order.id,
      order.customerId,
      year,
      seq,
      document.number,
      document.date,
      document.fileName,
      document.totalCents,
      destination.kind,
      to,
      JSON.stringify(document),
      xml,
      hashToken(token),
      context.now,
    ],
  );
  await tx.query(
    `INSERT INTO sdi_transmissions (invoice_id, channel, to_address, file_name, xml, created_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [fileNumber, destination.kind, to, document.fileName, xml, context.now],
  );
  const copyUrl = `${context.origin}${copyPath(token)}`;
  if (options.email) {
    await queueEmail(
      tx,
      invoiceEmail(
        order.holder.email,
        order.number,
        { destination, number: document.number, copyUrl },
        order.locale,
      ),
      { now: context.now, orderId: order.id },
    );
  }
  return {
    number: document.number,
    fileName: document.fileName,
    destination,
    copyUrl,
    issued: true,
  };
}
