// Buy more on a Certified Platform service (issue 24): users or storage added to an active
// service, co-termed with its expiry (priced by the domain's priceServiceAddition). The addition
// is an order of its own (its invoice, its email, `order.completed`) that names the service's
// order (`extends_order_id`); once paid, the service's quantities grow, its expiry stays, its
// next renewal charges the grown term, and `subscription.updated` says so. The grown terms are
// the service's (orders.service_addons, service_quote): the service's order keeps its own
// `addons` and `quote`, what it bought and was charged.
import {
  type IsoDate,
  isPublicAdministration,
  type Product,
  type Quote,
  serviceTerm,
  withSplitPayment,
} from 'cassa/contract';
import type { Queryable } from '../db/database.ts';
import { findOrder, type OrderRecord, serviceTerms } from '../orders/orders.ts';
import { termChargeCents } from '../orders/order-view.ts';
import { enqueueWebhook } from '../webhooks/webhooks.ts';
import { SERVICE_PREFIX, serviceSubscription } from './service-view.ts';

export interface ServiceRecord {
  orderId: string;
  productId: string;
  planId: string;
  years: number;
  expiresOn: string;
  addons: Record<string, number>;
  /** Whether the service renews itself (its added add-ons renew with it). */
  autoRenew: boolean;
}

/** The caller's paid service `svc_<order id>`, or undefined (unknown, another customer's). */
export async function findCustomerService(
  db: Queryable,
  id: string,
  customerId: string,
): Promise<ServiceRecord | undefined> {
  if (!id.startsWith(SERVICE_PREFIX)) return undefined;
  const { rows } = await db.query<{
    id: string;
    product_id: string;
    plan_id: string;
    years: number;
    expires_on: string;
    addons: { id: string; quantity: number }[];
    renewal_state: string | null;
  }>(
    `SELECT id, product_id, plan_id, years, expires_on::text AS expires_on,
            COALESCE(service_addons, addons) AS addons, renewal_state
       FROM orders
      WHERE id = $1 AND customer_id = $2 AND paid_at IS NOT NULL AND expires_on IS NOT NULL
        AND extends_order_id IS NULL`,
    [id.slice(SERVICE_PREFIX.length), customerId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    orderId: row.id,
    productId: row.product_id,
    planId: row.plan_id,
    years: row.years,
    expiresOn: row.expires_on,
    addons: Object.fromEntries(row.addons.map((a) => [a.id, a.quantity])),
    autoRenew: row.renewal_state === 'scheduled' || row.renewal_state === 'retrying',
  };
}

/**
 * The addition is paid (or free): the service's add-ons grow by the order's quantities and its
 * renewal is priced on them (the service's quote: lines and totals of one term, its renewal
 * dates unchanged). Both are the service's terms: the service's order keeps its own add-ons and
 * quote. In the caller's transaction, with `subscription.updated` (changes: addons).
 */
export async function growService(
  tx: Queryable,
  addition: OrderRecord,
  product: Product,
  context: { now: Date; today: IsoDate },
): Promise<void> {
  if (!addition.extendsOrderId) return;
  const service = await findOrder(tx, addition.extendsOrderId, true);
  if (!service) throw new Error('growService: the service vanished');
  // From the terms it has now: a second buy more grows the already grown quantities.
  const current = serviceTerms(service);
  const addons = new Map(current.addons.map((a) => [a.id, a.quantity]));
  for (const a of addition.addons) addons.set(a.id, (addons.get(a.id) ?? 0) + a.quantity);
  // In the catalog's order, as a new order of the same quantities would list them.
  const grown = product.addons
    .filter((a) => (addons.get(a.id) ?? 0) > 0)
    .map((a) => ({ id: a.id, quantity: addons.get(a.id)! }));
  const term = serviceTerm(
    product,
    { planId: service.planId, years: service.years, addons: Object.fromEntries(addons) },
    service.locale,
  );
  const quote: Quote = {
    currency: current.quote.currency,
    lines: term.lines,
    taxableCents: term.taxableCents,
    vatRateBasisPoints: term.vatRateBasisPoints,
    vatCents: term.vatCents,
    totalCents: term.totalCents,
    freeUntil: current.quote.freeUntil,
    renewal: { ...current.quote.renewal, totalCents: term.totalCents },
    minimumTopUpCents: current.quote.minimumTopUpCents,
    creditCents: current.quote.creditCents ?? null,
  };
  const publicAdministration = isPublicAdministration(service.holder);
  const terms = publicAdministration ? withSplitPayment(quote) : quote;
  await tx.query(
    `UPDATE orders SET service_addons = $2::jsonb, service_quote = $3::jsonb, updated_at = $4
      WHERE id = $1`,
    [service.id, JSON.stringify(grown), JSON.stringify(terms), context.now],
  );
  // A renewal waiting for the buyer's authentication renews the grown service: it charges, and
  // invoices, the grown term. The provider's page shown until now (the old amount) is closed.
  await tx.query(
    `UPDATE renewal_payments SET amount_cents = $2, quote = $3::jsonb, attempt_hash = NULL
      WHERE order_id = $1 AND status = 'action_required'`,
    [service.id, termChargeCents(terms, publicAdministration), JSON.stringify(terms)],
  );
  await enqueueWebhook(
    tx,
    'subscription.updated',
    {
      subscription: await serviceSubscription(tx, service.id, context.today),
      changes: ['addons'],
    },
    {
      occurredAt: context.now,
      orderId: service.id,
      subject: { type: 'order', id: service.id },
    },
  );
}
