// The customer area (issue 24): a customer's subscriptions as <cassa-account> shows them, and the
// changes the buyer makes there (auto-renew, the renewal method, removing a saved method), each
// with its `subscription.updated` webhook in the same transaction. Always scoped to the caller:
// another customer's subscription or method is unknown (404).
import {
  addDays,
  findProduct,
  METHOD_IN_USE,
  RENEWAL_CHARGE_DAYS_BEFORE,
  vatOf,
  type AccountAddon,
  type AccountInvoice,
  type AccountSubscription,
  type Catalog,
  type Order,
  type SubscriptionUpdate,
} from 'cassa/contract';
import type { Queryable } from '../db/database.ts';
import { invalidRequest, notFound, Problem } from '../http/problems.ts';
import { findOrder, publicOrder } from '../orders/orders.ts';
import { enqueueWebhook } from '../webhooks/webhooks.ts';
import { findSavedPaymentMethod } from './subscriptions.ts';
import { renewalPaymentApiPath } from './renewals.ts';

/** A Certified Platform service is its order: `svc_<order id>` (as the renewal webhooks say). */
const SERVICE_PREFIX = 'svc_';

interface ServiceRow {
  id: string;
  number: string;
  product_id: string;
  plan_id: string;
  years: number;
  addons: { id: string; quantity: number }[];
  expires_on: string;
  auto_renew: boolean;
  renewal_state: string | null;
  next_renewal_on: string | null;
  payment_method: string;
  saved_payment_method_id: string | null;
  quote: { renewal: { totalCents: number } };
  /** The renewal payment waiting for the buyer's authentication (action_required). */
  action_payment_id: string | null;
}

const SERVICE_COLUMNS = `id, number, product_id, plan_id, years, addons, expires_on::text AS expires_on,
  auto_renew, renewal_state, next_renewal_on::text AS next_renewal_on, payment_method,
  saved_payment_method_id, quote,
  (SELECT rp.id FROM renewal_payments rp
    WHERE rp.order_id = orders.id AND rp.status = 'action_required'
    ORDER BY rp.cycle_expires_on DESC LIMIT 1) AS action_payment_id`;

function serviceItem(row: ServiceRow, today: string): AccountSubscription {
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
        ? { date: row.next_renewal_on, totalCents: row.quote.renewal.totalCents, source }
        : null,
    paymentMethodId: row.saved_payment_method_id,
    orderId: row.id,
    // Relative to the backend (the API base), as the contract's other paths: the email's link.
    ...(status === 'action_required' && row.action_payment_id
      ? { actionUrl: renewalPaymentApiPath(row.action_payment_id) }
      : {}),
  };
}

interface MailboxRow {
  id: string;
  product_id: string;
  label: string;
  expires_on: string;
  addons_auto_renew: boolean;
}

/** The mailbox's add-ons, one line per add-on: the latest period of each. */
async function mailboxItem(
  db: Queryable,
  row: MailboxRow,
  catalog: Catalog,
  today: string,
): Promise<AccountSubscription> {
  const { rows } = await db.query<{
    addon_id: string;
    quantity: number | string;
    expires_on: string;
    free_until: string | null;
    deactivated_on: string | null;
  }>(
    `SELECT DISTINCT ON (addon_id) addon_id, quantity, expires_on::text AS expires_on,
            free_until::text AS free_until, deactivated_on::text AS deactivated_on
       FROM (SELECT addon_id, SUM(quantity) AS quantity, expires_on, MAX(free_until) AS free_until,
                    deactivated_on
               FROM subscription_addons WHERE subscription_id = $1
              GROUP BY addon_id, expires_on, deactivated_on) periods
      ORDER BY addon_id, (deactivated_on IS NULL) DESC, expires_on DESC`,
    [row.id],
  );
  const addons: AccountAddon[] = rows.map((r) => ({
    id: r.addon_id,
    quantity: Number(r.quantity),
    status: r.deactivated_on
      ? 'deactivated'
      : r.free_until && r.free_until >= today
        ? 'free'
        : 'active',
    expiresOn: r.expires_on,
    freeUntil: r.free_until,
    deactivatedOn: r.deactivated_on,
  }));
  // What the credit pays at the expiry: one year of the add-ons still active (VAT included).
  const product = findProduct(catalog, row.product_id);
  let taxable = 0;
  for (const addon of addons) {
    if (addon.status === 'deactivated' || addon.expiresOn !== row.expires_on) continue;
    const item = product?.addons.find((a) => a.id === addon.id);
    if (item) taxable += (addon.quantity / item.step) * item.unitCents;
  }
  const yearCents = product ? taxable + vatOf(taxable, product.vatRateBasisPoints) : 0;
  const renews = row.addons_auto_renew && yearCents > 0;
  return {
    id: row.id,
    productId: row.product_id,
    label: row.label,
    expiresOn: row.expires_on,
    planId: 'member',
    status: row.expires_on <= today ? 'expired' : 'active',
    addons,
    autoRenew: row.addons_auto_renew,
    nextCharge: renews ? { date: row.expires_on, totalCents: yearCents, source: 'credit' } : null,
    paymentMethodId: null,
    orderId: null,
  };
}

/** Every subscription of the customer: paid Certified Platform services, then PEC mailboxes. */
export async function accountSubscriptions(
  db: Queryable,
  customerId: string,
  catalog: Catalog,
  today: string,
): Promise<AccountSubscription[]> {
  const services = await db.query<ServiceRow>(
    `SELECT ${SERVICE_COLUMNS} FROM orders
      WHERE customer_id = $1 AND paid_at IS NOT NULL AND expires_on IS NOT NULL
      ORDER BY expires_on DESC, number`,
    [customerId],
  );
  const mailboxes = await db.query<MailboxRow>(
    `SELECT id, product_id, label, expires_on::text AS expires_on, addons_auto_renew
       FROM subscriptions WHERE customer_id = $1 ORDER BY expires_on DESC, label`,
    [customerId],
  );
  const items = services.rows.map((row) => serviceItem(row, today));
  for (const row of mailboxes.rows) items.push(await mailboxItem(db, row, catalog, today));
  return items;
}

/** One subscription of the caller's, or a 404 (unknown, or another customer's). */
export async function accountSubscription(
  db: Queryable,
  customerId: string,
  id: string,
  catalog: Catalog,
  today: string,
  forUpdate = false,
): Promise<AccountSubscription> {
  const lock = forUpdate ? ' FOR NO KEY UPDATE' : '';
  if (id.startsWith(SERVICE_PREFIX)) {
    const { rows } = await db.query<ServiceRow>(
      `SELECT ${SERVICE_COLUMNS} FROM orders
        WHERE id = $1 AND customer_id = $2 AND paid_at IS NOT NULL AND expires_on IS NOT NULL${lock}`,
      [id.slice(SERVICE_PREFIX.length), customerId],
    );
    if (rows[0]) return serviceItem(rows[0], today);
  } else {
    const { rows } = await db.query<MailboxRow>(
      `SELECT id, product_id, label, expires_on::text AS expires_on, addons_auto_renew
         FROM subscriptions WHERE id = $1 AND customer_id = $2${lock}`,
      [id, customerId],
    );
    if (rows[0]) return mailboxItem(db, rows[0], catalog, today);
  }
  throw notFound('Unknown subscription.');
}

export interface AccountContext {
  catalog: Catalog;
  today: string;
  now: Date;
}

async function updated(
  tx: Queryable,
  customerId: string,
  id: string,
  changes: ('autoRenew' | 'paymentMethodId')[],
  context: AccountContext,
): Promise<AccountSubscription> {
  const subscription = await accountSubscription(
    tx,
    customerId,
    id,
    context.catalog,
    context.today,
  );
  await enqueueWebhook(
    tx,
    'subscription.updated',
    { subscription, changes },
    {
      occurredAt: context.now,
      orderId: subscription.orderId,
      subject: subscription.orderId
        ? { type: 'order', id: subscription.orderId }
        : { type: 'subscription', id: subscription.id },
    },
  );
  return subscription;
}

/** PATCH /v1/subscriptions/{id}: auto-renew on or off, the saved method the renewal uses. */
export async function updateSubscription(
  tx: Queryable,
  customerId: string,
  id: string,
  change: SubscriptionUpdate,
  context: AccountContext,
): Promise<AccountSubscription> {
  const current = await accountSubscription(
    tx,
    customerId,
    id,
    context.catalog,
    context.today,
    true,
  );
  const changes: ('autoRenew' | 'paymentMethodId')[] = [];
  if (change.autoRenew === undefined && change.paymentMethodId === undefined)
    throw invalidRequest([{ path: 'autoRenew', code: 'required' }]);
  if (current.status !== 'active')
    throw invalidRequest([{ path: 'autoRenew', code: 'invalid' }], 'The subscription has ended.');
  if (!current.orderId) {
    // A PEC mailbox: its add-ons renew from the credit, or end with the mailbox.
    if (change.paymentMethodId !== undefined)
      throw invalidRequest([{ path: 'paymentMethodId', code: 'invalid' }]);
    await tx.query('UPDATE subscriptions SET addons_auto_renew = $2 WHERE id = $1', [
      id,
      change.autoRenew,
    ]);
    return updated(tx, customerId, id, ['autoRenew'], context);
  }
  const orderId = current.orderId;
  let methodId = current.paymentMethodId;
  if (change.paymentMethodId !== undefined) {
    const saved = await findSavedPaymentMethod(tx, change.paymentMethodId, customerId);
    if (!saved) throw invalidRequest([{ path: 'paymentMethodId', code: 'payment.saved.unknown' }]);
    await tx.query(
      `UPDATE orders SET saved_payment_method_id = $2, payment_method = $3, updated_at = $4
        WHERE id = $1`,
      [orderId, saved.id, saved.type, context.now],
    );
    methodId = saved.id;
    changes.push('paymentMethodId');
  }
  if (change.autoRenew === false && current.autoRenew) {
    await tx.query(
      `UPDATE orders SET auto_renew = false, renewal_state = NULL, next_renewal_on = NULL,
              renewal_charge_date = NULL, renewal_failures = 0, updated_at = $2
        WHERE id = $1`,
      [orderId, context.now],
    );
    changes.push('autoRenew');
  } else if (change.autoRenew === true && !current.autoRenew) {
    if (!methodId || !(await findSavedPaymentMethod(tx, methodId, customerId)))
      throw invalidRequest([{ path: 'paymentMethodId', code: 'payment.method' }]);
    // Charged 7 days before the expiry, or today when that day has passed.
    const chargeOn = addDays(current.expiresOn, -RENEWAL_CHARGE_DAYS_BEFORE);
    const next = chargeOn < context.today ? context.today : chargeOn;
    await tx.query(
      `UPDATE orders SET auto_renew = true, renewal_state = 'scheduled', next_renewal_on = $2::date,
              renewal_charge_date = $2::date, renewal_failures = 0, updated_at = $3
        WHERE id = $1`,
      [orderId, next, context.now],
    );
    changes.push('autoRenew');
  }
  if (!changes.length) return current;
  return updated(tx, customerId, id, changes, context);
}

/**
 * DELETE /v1/me/payment-methods/{id}: refused (409 `payment-method-in-use`) while an active
 * auto-renewal is charged to it, unless `replacementId` (another saved method of the caller's)
 * takes those renewals first.
 */
export async function removePaymentMethod(
  tx: Queryable,
  customerId: string,
  id: string,
  replacementId: string | undefined,
  context: AccountContext,
): Promise<void> {
  const method = await findSavedPaymentMethod(tx, id, customerId);
  if (!method) throw notFound('Unknown payment method.');
  const { rows: using } = await tx.query<{ id: string }>(
    `SELECT id FROM orders
      WHERE customer_id = $1 AND saved_payment_method_id = $2
        AND renewal_state IN ('scheduled', 'retrying')
      ORDER BY id FOR NO KEY UPDATE`,
    [customerId, id],
  );
  if (using.length) {
    const replacement =
      replacementId && replacementId !== id
        ? await findSavedPaymentMethod(tx, replacementId, customerId)
        : undefined;
    if (!replacement) {
      throw new Problem(
        409,
        METHOD_IN_USE,
        `An automatic renewal is charged to this payment method (${using
          .map((o) => `${SERVICE_PREFIX}${o.id}`)
          .join(', ')}): choose another one for it first (?replacement=), or turn it off.`,
      );
    }
    for (const order of using) {
      await tx.query(
        `UPDATE orders SET saved_payment_method_id = $2, payment_method = $3, updated_at = $4
          WHERE id = $1`,
        [order.id, replacement.id, replacement.type, context.now],
      );
      await updated(tx, customerId, `${SERVICE_PREFIX}${order.id}`, ['paymentMethodId'], context);
    }
  }
  // Past orders keep their text reference to the method; it is no longer offered.
  await tx.query('DELETE FROM payment_methods WHERE id = $1 AND customer_id = $2', [
    id,
    customerId,
  ]);
}

/** The customer's invoices, newest first (GET /v1/me/invoices). */
export async function accountInvoices(
  db: Queryable,
  customerId: string,
): Promise<AccountInvoice[]> {
  const { rows } = await db.query<{
    id: string;
    number: string;
    issued_on: string;
    order_id: string;
    order_number: string;
    product_id: string;
    subscription_id: string | null;
    total_cents: number;
    destination_kind: 'sdi' | 'pec';
    destination: string;
    document: { summary?: { taxableCents: number; vatCents: number }[] } | null;
  }>(
    `SELECT i.id::text AS id, i.number, i.issued_on::text AS issued_on, i.order_id,
            o.number AS order_number, o.product_id, o.subscription_id, i.total_cents,
            i.destination_kind, i.destination, i.document
       FROM invoices i JOIN orders o ON o.id = i.order_id
      WHERE i.customer_id = $1 ORDER BY i.issued_on DESC, i.id DESC`,
    [customerId],
  );
  const sum = (
    summary: { taxableCents: number; vatCents: number }[] | undefined,
    key: 'taxableCents' | 'vatCents',
  ) => summary?.reduce((total, s) => total + s[key], 0);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    issuedOn: r.issued_on,
    orderId: r.order_id,
    orderNumber: r.order_number,
    subscriptionId: r.subscription_id ?? `${SERVICE_PREFIX}${r.order_id}`,
    ...(r.document?.summary
      ? {
          taxableCents: sum(r.document.summary, 'taxableCents')!,
          vatCents: sum(r.document.summary, 'vatCents')!,
        }
      : {}),
    totalCents: r.total_cents,
    currency: 'EUR',
    sentTo: { channel: r.destination_kind, address: r.destination },
    xmlUrl: `/v1/orders/${encodeURIComponent(r.order_id)}/invoice`,
    // The readable copy's link is a capability kept only as a hash (it is in the email).
    copyUrl: null,
  }));
}

/** Orders still waiting for their bank transfer or postal slip (GET /v1/me/orders?status=…). */
export async function awaitingOrders(db: Queryable, customerId: string): Promise<Order[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM orders WHERE customer_id = $1 AND status = 'awaiting_payment'
      ORDER BY created_at DESC`,
    [customerId],
  );
  const orders: Order[] = [];
  for (const row of rows) {
    const order = await findOrder(db, row.id);
    if (order) orders.push(publicOrder(order));
  }
  return orders;
}
