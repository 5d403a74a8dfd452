// A Certified Platform service (its order) as the customer area and `subscription.updated`
// show it: kept apart from customer-area.ts so the order's fulfilment can use it too.
import type { AccountSubscription, Quote } from 'cassa/contract';
import type { Queryable } from '../db/database.ts';
import { termChargeCents } from '../orders/order-view.ts';

/** A Certified Platform service is its order: `svc_<order id>` (as the renewal webhooks say). */
export const SERVICE_PREFIX = 'svc_';

export interface ServiceRow {
  id: string;
  number: string;
  product_id: string;
  plan_id: string;
  years: number;
  /** The service's current add-ons (after any buy more), not necessarily its order's. */
  addons: { id: string; quantity: number }[];
  expires_on: string;
  auto_renew: boolean;
  renewal_state: string | null;
  next_renewal_on: string | null;
  payment_method: string;
  saved_payment_method_id: string | null;
  quote: Quote;
  /** The renewal payment waiting for the buyer's authentication (action_required). */
  action_payment_id: string | null;
}

/** Where the buyer pays a renewal the bank wants authenticated, relative to the API base. */
export const renewalPaymentApiPath = (paymentId: string) =>
  `/renewal-payments/${encodeURIComponent(paymentId)}`;

/** A service's columns: its current terms (grown by buy more, else its order's own). */
export const SERVICE_COLUMNS = `id, number, product_id, plan_id, years,
  COALESCE(service_addons, addons) AS addons, expires_on::text AS expires_on,
  auto_renew, renewal_state, next_renewal_on::text AS next_renewal_on, payment_method,
  saved_payment_method_id, COALESCE(service_quote, quote) AS quote,
  (SELECT rp.id FROM renewal_payments rp
    WHERE rp.order_id = orders.id AND rp.status = 'action_required'
    ORDER BY rp.cycle_expires_on DESC LIMIT 1) AS action_payment_id`;

export function serviceItem(row: ServiceRow, today: string): AccountSubscription {
  const status =
    row.renewal_state === 'renewal_failed'
      ? 'renewal_failed'
      : row.expires_on <= today
        ? 'expired'
        : row.renewal_state === 'action_required'
          ? 'action_required'
          : 'active';
  const renewing = row.renewal_state === 'scheduled' || row.renewal_state === 'retrying';
  // Waiting for the buyer's authentication, the service is still on until its expiry.
  const live = status === 'active' || status === 'action_required';
  const source = row.payment_method === 'paypal' ? 'paypal' : 'card';
  return {
    id: `${SERVICE_PREFIX}${row.id}`,
    productId: row.product_id,
    label: row.number,
    expiresOn: row.expires_on,
    planId: row.plan_id,
    years: row.years,
    status,
    addons: row.addons
      .filter((a) => a.quantity > 0)
      .map((a) => ({
        id: a.id,
        quantity: a.quantity,
        status: live ? 'active' : 'deactivated',
        expiresOn: row.expires_on,
        freeUntil: null,
        deactivatedOn: live ? null : row.expires_on,
      })),
    autoRenew: row.auto_renew && renewing,
    nextCharge:
      renewing && row.next_renewal_on
        ? {
            date: row.next_renewal_on,
            // What the card will be charged: a public administration's taxable amount.
            totalCents: termChargeCents(row.quote, row.quote.splitPayment === true),
            source,
          }
        : null,
    paymentMethodId: row.saved_payment_method_id,
    orderId: row.id,
    // Relative to the backend (the API base), as the contract's other paths: the email's link.
    ...(status === 'action_required' && row.action_payment_id
      ? { actionUrl: renewalPaymentApiPath(row.action_payment_id) }
      : {}),
  };
}

/** A Certified Platform service by its order id, as the customer area shows it. */
export async function serviceSubscription(
  db: Queryable,
  orderId: string,
  today: string,
): Promise<AccountSubscription> {
  const { rows } = await db.query<ServiceRow>(
    `SELECT ${SERVICE_COLUMNS} FROM orders WHERE id = $1`,
    [orderId],
  );
  if (!rows[0]) throw new Error('service vanished');
  return serviceItem(rows[0], today);
}
