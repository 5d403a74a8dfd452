// A bank transfer or postal slip that arrived: an operator records it by order number and
// amount. The order becomes paid (markOrderPaid), the buyer is emailed, the webhook fires — all
// in one transaction, with the electronic invoice issued and sent where the holder asked. A wrong
// amount or number changes nothing; the same payment twice is one.
import { type Catalog, findProduct, formatMoney, payableNowCents } from 'cassa/contract';
import { paymentReceivedEmail } from '../notifications/after-sale-emails.ts';
import type { Queryable } from '../db/database.ts';
import { markOrderPaid, queueOrderWebhook, type PaidContext } from '../orders/fulfilment.ts';
import { issueInvoice, type InvoiceContext } from '../invoices/issue.ts';
import { findOrder, type OrderRecord } from '../orders/orders.ts';
import { queueEmail } from '../notifications/outbox.ts';
import { invalidRequest, notFound } from '../http/problems.ts';

export interface ReceivedPayment {
  orderNumber: string;
  amountCents: number;
}

export async function recordReceivedPayment(
  tx: Queryable,
  catalog: Catalog,
  payment: ReceivedPayment,
  context: PaidContext & { invoice: InvoiceContext },
): Promise<{ order: OrderRecord; replayed: boolean }> {
  const number = payment.orderNumber.trim().toUpperCase();
  const { rows } = await tx.query<{ id: string }>(
    'SELECT id FROM orders WHERE number = $1 FOR NO KEY UPDATE',
    [number],
  );
  const id = rows[0]?.id;
  const order = id ? await findOrder(tx, id) : undefined;
  if (!order) throw notFound('Unknown order number.');

  const recorded = await tx.query<{ amount_cents: number }>(
    'SELECT amount_cents FROM received_payments WHERE order_id = $1',
    [order.id],
  );
  const previous = recorded.rows[0];
  if (previous && previous.amount_cents === payment.amountCents) return { order, replayed: true };

  if (order.paymentMethod !== 'bank_transfer' && order.paymentMethod !== 'postal_slip') {
    throw invalidRequest(
      [{ path: 'orderNumber', code: 'invalid' }],
      `Order ${order.number} is not paid by bank transfer or postal slip.`,
    );
  }
  if (order.status !== 'awaiting_payment') {
    throw invalidRequest(
      [{ path: 'orderNumber', code: 'invalid' }],
      `Order ${order.number} is not awaiting a payment (status ${order.status}).`,
    );
  }
  const dueCents = payableNowCents(order.quote);
  if (payment.amountCents !== dueCents) {
    throw invalidRequest(
      [{ path: 'amountCents', code: 'invalid' }],
      `Order ${order.number} is for ${formatMoney(dueCents, order.currency, 'en')}, not ${formatMoney(payment.amountCents, order.currency, 'en')}: nothing was recorded.`,
    );
  }
  if (order.extendsOrderId) await refuseEndedTerm(tx, order, context.today);
  const product = findProduct(catalog, order.productId);
  if (!product) throw notFound('Unknown product.');

  await tx.query(
    `INSERT INTO received_payments (order_id, amount_cents, method, recorded_at)
     VALUES ($1, $2, $3, $4)`,
    [order.id, payment.amountCents, order.paymentMethod, context.now],
  );
  await markOrderPaid(tx, order, product, context);
  // Paid now: its invoice (FatturaPA), transmitted to the SDI code or PEC, with its own email.
  await issueInvoice(tx, order.id, context.invoice, { email: true });
  const paid = (await findOrder(tx, order.id))!;
  const expiry = await tx.query<{ expires_on: string | null }>(
    'SELECT expires_on::text AS expires_on FROM orders WHERE id = $1',
    [order.id],
  );
  await queueEmail(
    tx,
    paymentReceivedEmail(
      order.holder.email,
      {
        number: order.number,
        productName: product.name[order.locale],
        amountCents: payment.amountCents,
        expiresOn: expiry.rows[0]?.expires_on ?? null,
      },
      order.locale,
    ),
    { now: context.now, orderId: order.id },
  );
  await queueOrderWebhook(tx, 'order.payment_received', order.id, context.now);
  return { order: paid, replayed: false };
}

/**
 * A buy more is priced for the months left of its service's term, up to the expiry it names
 * (its quote's renewal date). Paid once that term has ended — the service renewed without it
 * (the renewal charged and invoiced the term as it was) or expired — it would grow a term it did
 * not pay for: the payment is refused, nothing is recorded, the operator refunds it.
 */
async function refuseEndedTerm(tx: Queryable, order: OrderRecord, today: string): Promise<void> {
  const { rows } = await tx.query<{ expires_on: string | null }>(
    'SELECT expires_on::text AS expires_on FROM orders WHERE id = $1',
    [order.extendsOrderId],
  );
  const until = order.quote.renewal.date;
  if (rows[0]?.expires_on === until && today < until) return;
  throw invalidRequest(
    [{ path: 'orderNumber', code: 'invalid' }],
    `Order ${order.number} adds to its service until ${until}, a term that has ended since (the service renewed or expired): nothing was recorded; refund the payment.`,
  );
}
