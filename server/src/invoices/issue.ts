// Issuing the invoice of a charge, in the transaction that takes the money: number, XML,
// storage and the (simulated) SDI transmission. Every charge has one: the first sale of an order
// (`issueInvoice`), each renewal of a term by card or PayPal and each PEC add-on renewal from
// credit (`issueChargeInvoice`). Idempotent per charge (`charge_key`): one charge, one invoice.
import { type Catalog, findProduct } from 'cassa/contract';
import { hashToken, newToken } from '../accounts/credentials.ts';
import type { AppDeps } from '../http/context.ts';
import type { Queryable } from '../db/database.ts';
import { findOrder } from '../orders/orders.ts';
import { invoiceEmail, queueEmail } from '../notifications/outbox.ts';
import { chargeDocument, invoiceDocument, type ChargeFacts } from './document.ts';
import {
  buildFatturaPA,
  fileProgressive,
  type InvoiceDestination,
  type InvoiceDocument,
} from './fatturapa.ts';
import { formatInvoiceNumber, nextFileNumber, takeInvoiceNumber } from './numbering.ts';
import type { Seller } from './seller.ts';

export interface InvoiceContext {
  catalog: Catalog;
  seller: Seller;
  /** The invoice date: today in Europe/Rome. Its year numbers the invoice. */
  today: string;
  now: Date;
  /** The server's public origin: the HTML copy's link is absolute (it goes in an email). */
  origin: string;
  /** The customer area's absolute address, for the confirmation email (when there is one). */
  accountUrl?: string;
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
  deps: Pick<AppDeps, 'catalog' | 'clock' | 'seller' | 'accountUrl'>,
  origin: string,
): InvoiceContext {
  return {
    catalog: deps.catalog,
    seller: deps.seller,
    today: deps.clock.today(),
    now: deps.clock.now(),
    origin,
    ...(deps.accountUrl ? { accountUrl: new URL(deps.accountUrl, origin).href } : {}),
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
  const chargeKey = `order:${orderId}`;
  const found = await existingInvoice(tx, chargeKey);
  if (found) return found;
  if (order.status !== 'paid' || order.totalCents <= 0) return null;
  const product = findProduct(context.catalog, order.productId);
  if (!product) throw new Error('issueInvoice: the order names no product of the catalog');

  // The period billed: a Certified Platform service runs from the day it is paid, today (this is
  // the paying transaction; a transfer or slip may arrive days after the order), to its expiry;
  // anything else from the order's day to the expiry it was priced up to.
  const { rows: days } = await tx.query<{ created: string; expires_on: string | null }>(
    `SELECT (created_at AT TIME ZONE 'Europe/Rome')::date::text AS created,
            expires_on::text AS expires_on
       FROM orders WHERE id = $1`,
    [orderId],
  );
  const day = days[0];
  const period =
    product.pricing === 'term' && !order.extendsOrderId && day?.expires_on
      ? { periodStart: context.today, periodEnd: day.expires_on }
      : { periodStart: day?.created ?? context.today };
  const issued = await storeInvoice(
    tx,
    {
      chargeKey,
      kind: 'order',
      orderId: order.id,
      subscriptionId: order.subscriptionId,
      customerId: order.customerId,
    },
    (numbering) =>
      invoiceDocument(order, product, {
        ...numbering,
        ...period,
      }),
    context,
  );
  if (options.email) {
    await queueEmail(
      tx,
      invoiceEmail(
        order.holder.email,
        order.number,
        { destination: issued.destination, number: issued.number, copyUrl: issued.copyUrl! },
        order.locale,
      ),
      { now: context.now, orderId: order.id },
    );
  }
  return issued;
}

/** Which charge an invoice is for, and whose. */
export interface ChargeRef {
  /** `order:<id>`, `renewal:<order id>:<cycle>`, `addons:<subscription id>:<cycle>`. */
  chargeKey: string;
  kind: 'order' | 'renewal' | 'addon_renewal';
  orderId: string | null;
  subscriptionId: string | null;
  customerId: string;
}

async function existingInvoice(tx: Queryable, chargeKey: string): Promise<IssuedInvoice | null> {
  const existing = await tx.query<{
    number: string;
    file_name: string;
    document: { destination: InvoiceDestination };
  }>('SELECT number, file_name, document FROM invoices WHERE charge_key = $1', [chargeKey]);
  const found = existing.rows[0];
  return found
    ? {
        number: found.number,
        fileName: found.file_name,
        destination: found.document.destination,
        copyUrl: undefined,
        issued: false,
      }
    : null;
}

/**
 * Issues the invoice of a renewal charge (a term renewed by card or PayPal, PEC add-ons renewed
 * from credit), in the charging transaction: call it from the one path that marks the renewal
 * paid. Idempotent per `ref.chargeKey`.
 */
export async function issueChargeInvoice(
  tx: Queryable,
  ref: ChargeRef,
  facts: Omit<ChargeFacts, 'seller' | 'number' | 'date' | 'progressive'>,
  context: InvoiceContext,
): Promise<IssuedInvoice> {
  const found = await existingInvoice(tx, ref.chargeKey);
  if (found) return found;
  return storeInvoice(tx, ref, (numbering) => chargeDocument({ ...facts, ...numbering }), context);
}

/** Numbers, builds, stores and transmits one invoice (the caller checked there is none yet). */
async function storeInvoice(
  tx: Queryable,
  ref: ChargeRef,
  build: (numbering: {
    seller: InvoiceContext['seller'];
    number: string;
    date: string;
    progressive: string;
  }) => InvoiceDocument,
  context: InvoiceContext,
): Promise<IssuedInvoice> {
  const year = Number(context.today.slice(0, 4));
  // The file progressive first, the yearly number last: the counter row stays locked from
  // here to the commit, so the less done after it, the shorter other issuers wait.
  const fileNumber = await nextFileNumber(tx);
  const seq = await takeInvoiceNumber(tx, year);
  const document = build({
    seller: context.seller,
    number: formatInvoiceNumber(year, seq),
    date: context.today,
    progressive: fileProgressive(fileNumber),
  });
  const xml = buildFatturaPA(document);
  const token = newToken();
  const destination = document.destination;
  const to = destination.kind === 'sdi' ? destination.code : destination.address;
  await tx.query(
    `INSERT INTO invoices (id, order_id, customer_id, year, seq, number, issued_on, file_name,
       total_cents, destination_kind, destination, document, xml, view_token_hash, created_at,
       charge_key, kind, subscription_id, period_start, period_end, paid_cents)
     VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8, $9, $10, $11, $12::jsonb, $13, $14, $15,
       $16, $17, $18, $19::date, $20::date, $21)`,
    [
      fileNumber,
      ref.orderId,
      ref.customerId,
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
      ref.chargeKey,
      ref.kind,
      ref.subscriptionId,
      document.periodStart ?? null,
      document.periodEnd ?? null,
      document.paidCents ?? document.totalCents,
    ],
  );
  await tx.query(
    `INSERT INTO sdi_transmissions (invoice_id, channel, to_address, file_name, xml, created_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [fileNumber, destination.kind, to, document.fileName, xml, context.now],
  );
  return {
    number: document.number,
    fileName: document.fileName,
    destination,
    copyUrl: `${context.origin}${copyPath(token)}`,
    issued: true,
  };
}
