// Services a customer owns (PEC mailboxes) and their saved payment methods.
import {
  type Catalog,
  findProduct,
  type IsoDate,
  type SavedPaymentMethod,
  type SubscriptionItem,
  vatOf,
} from 'cassa/contract';
import { addonStates } from './renewals.ts';
import type { Queryable } from '../db/database.ts';

interface SubscriptionRow {
  id: string;
  product_id: string;
  label: string;
  expires_on: string;
}

const toItem = (row: SubscriptionRow): SubscriptionItem => ({
  id: row.id,
  productId: row.product_id,
  label: row.label,
  expiresOn: row.expires_on,
});

export async function listSubscriptions(
  db: Queryable,
  customerId: string,
): Promise<SubscriptionItem[]> {
  const { rows } = await db.query<SubscriptionRow>(
    `SELECT id, product_id, label, expires_on::text AS expires_on FROM subscriptions
      WHERE customer_id = $1 ORDER BY expires_on DESC, label`,
    [customerId],
  );
  return rows.map(toItem);
}

/**
 * The customer's subscriptions as they are today: each add-on's status, whether the subscription
 * renews itself (the catalog's `renewsSubscription`), and the next charge of its active add-ons
 * from credit at its expiry (one year, VAT included), null when none.
 */
export async function presentSubscriptions(
  db: Queryable,
  customerId: string,
  catalog: Catalog,
  today: IsoDate,
): Promise<SubscriptionItem[]> {
  const items = await listSubscriptions(db, customerId);
  return Promise.all(
    items.map(async (item) => {
      const product = findProduct(catalog, item.productId);
      const addons = await addonStates(db, item.id, today);
      const taxable = addons
        .filter((a) => a.status === 'active' && a.expiresOn === item.expiresOn)
        .reduce((sum, a) => {
          const addon = product?.addons.find((x) => x.id === a.id);
          return sum + (addon ? (a.quantity / addon.step) * addon.unitCents : 0);
        }, 0);
      const vat = product ? vatOf(taxable, product.vatRateBasisPoints) : 0;
      return {
        ...item,
        addons,
        autoRenew: product?.renewsSubscription !== false,
        nextCharge: taxable > 0 ? { date: item.expiresOn, totalCents: taxable + vat } : null,
      };
    }),
  );
}

/** The caller's subscription, or undefined (unknown, or another customer's). */
export async function findCustomerSubscription(
  db: Queryable,
  id: string,
  customerId: string,
): Promise<SubscriptionItem | undefined> {
  const { rows } = await db.query<SubscriptionRow>(
    `SELECT id, product_id, label, expires_on::text AS expires_on FROM subscriptions
      WHERE id = $1 AND customer_id = $2`,
    [id, customerId],
  );
  return rows[0] && toItem(rows[0]);
}

/** Add-ons active on a subscription on `today` (not yet expired), summed by add-on id. */
export async function activeAddons(
  db: Queryable,
  subscriptionId: string,
  today: string,
): Promise<Record<string, number>> {
  const { rows } = await db.query<{ addon_id: string; quantity: number | string }>(
    `SELECT addon_id, SUM(quantity) AS quantity FROM subscription_addons
      WHERE subscription_id = $1 AND expires_on > $2 AND deactivated_on IS NULL
      GROUP BY addon_id`,
    [subscriptionId, today],
  );
  return Object.fromEntries(rows.map((r) => [r.addon_id, Number(r.quantity)]));
}

export async function listPaymentMethods(
  db: Queryable,
  customerId: string,
): Promise<SavedPaymentMethod[]> {
  const { rows } = await db.query<SavedPaymentMethod>(
    'SELECT id, type, label FROM payment_methods WHERE customer_id = $1 ORDER BY created_at, type, label',
    [customerId],
  );
  return rows.map((r) => ({ id: r.id, type: r.type, label: r.label }));
}

export async function findSavedPaymentMethod(
  db: Queryable,
  id: string,
  customerId: string,
): Promise<(SavedPaymentMethod & { merchantInitiated: boolean }) | undefined> {
  const { rows } = await db.query<SavedPaymentMethod & { merchantInitiated: boolean }>(
    `SELECT id, type, label, merchant_initiated_since IS NOT NULL AS "merchantInitiated"
       FROM payment_methods WHERE id = $1 AND customer_id = $2`,
    [id, customerId],
  );
  return rows[0];
}
