// "The order became paid", in one place: every path that takes an order's money goes through
// markOrderPaid (a card or PayPal order at checkout, the return from a payment provider, a bank transfer
// or postal slip recorded by an operator). Whatever must follow a payment (an invoice, say)
// belongs here, inside the same transaction.
import {
  addDays,
  addMonths,
  type IsoDate,
  type Product,
  type Quote,
  RENEWAL_CHARGE_DAYS_BEFORE,
} from 'cassa/contract';
import type { Queryable } from '../db/database.ts';
import { presentOrder, termChargeCents } from './order-view.ts';
import { findOrder, type OrderRecord } from './orders.ts';
import { enqueueWebhook, type WebhookType } from '../webhooks/webhooks.ts';
import { growService } from '../subscriptions/service-additions.ts';

export interface PaidContext {
  now: Date;
  today: IsoDate;
}

/**
 * Marks the order paid (once: a second call changes nothing and returns false) and starts its
 * service: a Certified Platform order runs for its years from today; paid by card or PayPal, it
 * is scheduled to renew RENEWAL_CHARGE_DAYS_BEFORE its expiry. PEC add-ons follow their mailbox
 * (subscription_addons) and renew at its expiry.
 */
export async function markOrderPaid(
  tx: Queryable,
  order: OrderRecord,
  product: Product,
  context: PaidContext,
): Promise<boolean> {
  // Buy more: the addition has no term of its own; the service it names grows (expiry unchanged).
  const term = product.pricing === 'term' && !order.extendsOrderId;
  const expiresOn = term ? addMonths(context.today, 12 * order.years) : null;
  const renews = term && order.autoRenew;
  const chargeOn = renews && expiresOn ? addDays(expiresOn, -RENEWAL_CHARGE_DAYS_BEFORE) : null;
  const { rowCount } = await tx.query(
    `UPDATE orders SET status = 'paid', paid_at = $2, updated_at = $2, expires_on = $3::date,
            renewal_state = $4, next_renewal_on = $5::date,
            renewal_charge_date = COALESCE($5::date, renewal_charge_date)
      WHERE id = $1 AND paid_at IS NULL`,
    [order.id, context.now, expiresOn, renews ? 'scheduled' : null, chargeOn],
  );
  if (rowCount > 0) await growService(tx, order, product, context);
  return rowCount > 0;
}

/** Queues an order event (`order.completed`, `order.payment_received`) with the order as the API shows it. */
export async function queueOrderWebhook(
  tx: Queryable,
  type: Extract<WebhookType, `order.${string}`>,
  orderId: string,
  occurredAt: Date,
  today?: IsoDate,
): Promise<string> {
  const order = await findOrder(tx, orderId);
  if (!order) throw new Error('order vanished');
  return enqueueWebhook(
    tx,
    type,
    // The order as GET /v1/orders/{id} shows it at this moment: the state as of this event.
    { order: await presentOrder(tx, order, today ?? occurredAt.toISOString().slice(0, 10)) },
    { occurredAt, orderId, subject: { type: 'order', id: orderId } },
  );
}

/** A Certified Platform order's service as webhooks show it (`data.subscription`). */
export interface ServiceView {
  id: string;
  orderId: string;
  orderNumber: string;
  productId: string;
  planId: string;
  status: 'active' | 'action_required' | 'renewal_failed' | 'expired';
  expiresOn: string | null;
  autoRenew: boolean;
  nextChargeOn: string | null;
  renewalTotalCents: number;
  refusedAttempts: number;
}

export async function serviceView(
  db: Queryable,
  orderId: string,
  today: IsoDate,
): Promise<ServiceView> {
  const { rows } = await db.query<{
    id: string;
    number: string;
    product_id: string;
    plan_id: string;
    expires_on: string | null;
    auto_renew: boolean;
    renewal_state: string | null;
    next_renewal_on: string | null;
    renewal_failures: number;
    quote: Quote;
  }>(
    `SELECT id, number, product_id, plan_id, expires_on::text AS expires_on, auto_renew,
            renewal_state, next_renewal_on::text AS next_renewal_on, renewal_failures,
            COALESCE(service_quote, quote) AS quote
       FROM orders WHERE id = $1`,
    [orderId],
  );
  const row = rows[0];
  if (!row) throw new Error('order vanished');
  const status =
    row.renewal_state === 'renewal_failed'
      ? 'renewal_failed'
      : row.expires_on && row.expires_on <= today
        ? 'expired'
        : row.renewal_state === 'action_required'
          ? 'action_required'
          : 'active';
  return {
    id: `svc_${row.id}`,
    orderId: row.id,
    orderNumber: row.number,
    productId: row.product_id,
    planId: row.plan_id,
    status,
    expiresOn: row.expires_on,
    autoRenew: row.auto_renew,
    // Waiting for the buyer's authentication (action_required): no charge is planned.
    nextChargeOn:
      row.renewal_state === 'scheduled' || row.renewal_state === 'retrying'
        ? row.next_renewal_on
        : null,
    // What the next renewal charges: the service's current term (grown by buy more), under split
    // payment its taxable amount, as the order's `nextCharge` and the service card say.
    renewalTotalCents: termChargeCents(row.quote, row.quote.splitPayment === true),
    refusedAttempts: row.renewal_failures,
  };
}
