// An order as it is now (GET /v1/orders/{id}, webhooks): the stored order plus the present of
// what it bought — the period paid and the next automatic charge of a Certified Platform order,
// each add-on's status and the mailbox's expiry for PEC add-ons — and the order's invoices.
// Renewals, refusals and deactivations change those rows; this reads them, so the API never
// shows a charge date or an auto-renew that has stopped being true.
import {
  type AddonState,
  type IsoDate,
  isPublicAdministration,
  type OrderView,
  type Quote,
} from 'cassa/contract';
import type { Queryable } from '../db/database.ts';
import { vatSummaries } from '../invoices/document.ts';
import { listCustomerInvoices } from '../invoices/store.ts';
import { publicOrder, type OrderRecord, serviceTerms } from './orders.ts';

export async function presentOrder(
  db: Queryable,
  order: OrderRecord,
  today: IsoDate,
): Promise<OrderView> {
  const base = publicOrder(order);
  const invoices = await listCustomerInvoices(db, order.customerId, { orderId: order.id });
  if (order.subscriptionId === null) {
    // A buy more's add-ons run and renew with its service: its expiry, auto-renew and charge
    // date are the service's as they are now (after renewals, auto-renew turned off). Its next
    // charge is the service order's, which bills the grown term: none of its own.
    const { rows } = await db.query<{
      expires_on: string | null;
      renewal_state: string | null;
      next_renewal_on: string | null;
      auto_renew: boolean;
      renewal_charge_date: string | null;
    }>(
      `SELECT expires_on::text AS expires_on, renewal_state, next_renewal_on::text AS next_renewal_on,
              auto_renew, renewal_charge_date::text AS renewal_charge_date
         FROM orders WHERE id = $1`,
      [order.extendsOrderId ?? order.id],
    );
    const row = rows[0]!;
    const renewing = row.renewal_state === 'scheduled' || row.renewal_state === 'retrying';
    return {
      ...base,
      autoRenew: row.auto_renew,
      renewalChargeDate: row.renewal_charge_date,
      expiresOn: row.expires_on,
      nextCharge:
        renewing && row.next_renewal_on && !order.extendsOrderId
          ? { date: row.next_renewal_on, totalCents: renewalChargeCents(order) }
          : null,
      invoices,
    };
  }
  const { rows } = await db.query<{
    addon_id: string;
    quantity: number;
    expires_on: string;
    deactivated_on: string | null;
    mailbox_expires_on: string;
  }>(
    `SELECT a.addon_id, a.quantity, a.expires_on::text AS expires_on,
            a.deactivated_on::text AS deactivated_on, s.expires_on::text AS mailbox_expires_on
       FROM subscription_addons a JOIN subscriptions s ON s.id = a.subscription_id
      WHERE a.order_id = $1 ORDER BY a.addon_id`,
    [order.id],
  );
  const addonStates: AddonState[] = rows.map((row) => ({
    id: row.addon_id,
    quantity: row.quantity,
    status: row.deactivated_on ? 'deactivated' : row.expires_on > today ? 'active' : 'expired',
    expiresOn: row.expires_on,
    deactivatedOn: row.deactivated_on,
  }));
  const { rows: mailbox } = await db.query<{ expires_on: string; addons_auto_renew: boolean }>(
    'SELECT expires_on::text AS expires_on, addons_auto_renew FROM subscriptions WHERE id = $1',
    [order.subscriptionId],
  );
  const expiresOn = mailbox[0]?.expires_on ?? null;
  // Add-ons renew from credit at the mailbox's expiry while at least one is active, unless the
  // member turned the mailbox's auto-renew off (the customer area): then they end with it.
  const active = addonStates.some((a) => a.status === 'active');
  const renews =
    active &&
    order.autoRenew &&
    mailbox[0]?.addons_auto_renew !== false &&
    order.status !== 'pending_payment';
  return {
    ...base,
    autoRenew: renews,
    renewalChargeDate: renews ? expiresOn : null,
    expiresOn,
    nextCharge:
      renews && expiresOn ? { date: expiresOn, totalCents: order.quote.renewal.totalCents } : null,
    addonStates,
    invoices,
  };
}

/**
 * What a Certified Platform renewal charges: the service's next term's total, or its taxable amount for a
 * public administration under split payment (the VAT goes to the Treasury).
 */
export function renewalChargeCents(order: OrderRecord): number {
  // The service's terms: grown by a buy more, they are no longer the order's own quote.
  return termChargeCents(serviceTerms(order).quote, isPublicAdministration(order.holder));
}

/**
 * What one term of `quote` charges: its renewal total, or under split payment its taxable amount
 * (what the order's view, the renewal and the customer area's service card all say).
 */
export function termChargeCents(quote: Quote, splitPayment: boolean): number {
  if (!splitPayment) return quote.renewal.totalCents;
  return vatSummaries(
    quote.lines.map((l) => ({
      description: '',
      quantity: l.quantity,
      periodStart: '',
      periodEnd: '',
      amountCents: l.amountCents,
      vatRateBasisPoints: quote.vatRateBasisPoints,
    })),
  ).reduce((sum, s) => sum + s.taxableCents, 0);
}
