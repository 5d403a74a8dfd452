// Automatic renewals, run by the scheduler (jobs.ts) or on demand. Each due item is claimed
// with FOR NO KEY UPDATE SKIP LOCKED (NO KEY: rows that reference it, such as a new add-on or
// an email, take a KEY SHARE lock, which this must not wait on — the deadlock checkout.ts
// documents) and handled in its own transaction, where its state is checked
// again: two instances (or a job run twice) cannot charge one renewal attempt twice, and the
// primary keys of renewal_charges and addon_renewals would refuse it anyway.
//
// Certified Platform, paid by card or PayPal: charged RENEWAL_CHARGE_DAYS_BEFORE (7) days
// before expiry; a refused charge is retried every RETRY_EVERY_DAYS days, RENEWAL_RETRIES
// times, each with an email; still unpaid at expiry (no grace days), the renewal has failed.
// PEC add-ons: at the mailbox expiry, one year of the mailbox's add-ons (VAT included) is
// taken from the prepaid credit; if the credit does not cover it all, they are deactivated.
import {
  addDays,
  addMonths,
  type Catalog,
  findProduct,
  type IsoDate,
  type Locale,
  type Product,
  RENEWAL_CHARGE_DAYS_BEFORE,
  toLocale,
  vatOf,
} from 'cassa/contract';
import {
  addonDeactivatedEmail,
  addonRenewedEmail,
  renewalConfirmationEmail,
  renewalFailedEmail,
  renewalRefusedEmail,
} from '../notifications/after-sale-emails.ts';
import type { Clock, Logger } from '../http/context.ts';
import type { Database, Queryable } from '../db/database.ts';
import { serviceView } from '../orders/fulfilment.ts';
import { findOrder, publicOrder, type OrderRecord } from '../orders/orders.ts';
import { queueEmail } from '../notifications/outbox.ts';
import { applyCredit, paymentMethodLabel } from '../payments/payments.ts';
import { enqueueWebhook } from '../webhooks/webhooks.ts';

/** Refused renewal charges are tried again this many times (4 charges in all)… */
export const RENEWAL_RETRIES = 3;
/** …every this many days after the first (7, 5, 3 and 1 day before expiry). */
export const RETRY_EVERY_DAYS = 2;
/** Days of service after an unpaid expiry. */
export const GRACE_DAYS = 0;
/** Items handled per run at most (a run is repeated by the scheduler). */
export const RENEWALS_PER_RUN = 200;

export interface RenewalDeps {
  db: Database;
  catalog: Catalog;
  clock: Clock;
  logger: Logger;
}

export interface RenewalReport {
  renewed: number;
  refused: number;
  failed: number;
  addonsRenewed: number;
  addonsDeactivated: number;
}

/** The sandbox provider: a saved card ending 0002, or one marked as refusing, is refused. */
async function chargeSaved(tx: Queryable, order: OrderRecord) {
  const { rows } = await tx.query<{ label: string; refuses_charges: boolean }>(
    'SELECT label, refuses_charges FROM payment_methods WHERE id = $1 AND customer_id = $2',
    [order.savedPaymentMethodId, order.customerId],
  );
  const saved = rows[0];
  const label = paymentMethodLabel(order.paymentMethod, order.locale, saved?.label);
  const approved = !!saved && !saved.refuses_charges && !saved.label.endsWith('0002');
  return { approved, label };
}

interface DueOrder {
  id: string;
  expires_on: string;
  next_renewal_on: string;
  renewal_failures: number;
}

async function renewOrder(
  tx: Queryable,
  due: DueOrder,
  product: Product,
  today: IsoDate,
  now: Date,
): Promise<keyof RenewalReport> {
  const order = (await findOrder(tx, due.id))!;
  const expiresOn = due.expires_on;
  const to = order.holder.email;
  const facts = { number: order.number, productName: product.name[order.locale] };
  const event = async (type: 'subscription.renewed' | 'subscription.renewal_failed') =>
    enqueueWebhook(
      tx,
      type,
      {
        subscription: await serviceView(tx, order.id, today),
        order: publicOrder((await findOrder(tx, order.id))!),
      },
      { occurredAt: now, orderId: order.id },
    );

  // Every charge refused and the expiry reached: the renewal has failed.
  if (due.renewal_failures > RENEWAL_RETRIES) {
    await tx.query(
      `UPDATE orders SET renewal_state = 'renewal_failed', next_renewal_on = NULL,
              auto_renew = false, renewal_charge_date = NULL, updated_at = $2
        WHERE id = $1`,
      [order.id, now],
    );
    await queueEmail(tx, renewalFailedEmail(to, { ...facts, expiresOn }, order.locale), {
      now,
      orderId: order.id,
    });
    await event('subscription.renewal_failed');
    return 'failed';
  }

  const attempt = due.renewal_failures + 1;
  const amountCents = order.quote.renewal.totalCents;
  const charge = await chargeSaved(tx, order);
  await tx.query(
    `INSERT INTO renewal_charges (order_id, cycle_expires_on, attempt, outcome, amount_cents, charged_on, created_at)
     VALUES ($1, $2::date, $3, $4, $5, $6::date, $7)`,
    [
      order.id,
      expiresOn,
      attempt,
      charge.approved ? 'approved' : 'refused',
      amountCents,
      today,
      now,
    ],
  );
  const renewal = { ...facts, amountCents, methodLabel: charge.label };
  if (charge.approved) {
    const newExpiry = addMonths(expiresOn, 12 * order.years);
    const nextCharge = addDays(newExpiry, -RENEWAL_CHARGE_DAYS_BEFORE);
    await tx.query(
      `UPDATE orders SET expires_on = $2::date, next_renewal_on = $3::date, renewal_charge_date = $3::date,
              renewal_state = 'scheduled', renewal_failures = 0, updated_at = $4
        WHERE id = $1`,
      [order.id, newExpiry, nextCharge, now],
    );
    await queueEmail(
      tx,
      renewalConfirmationEmail(
        to,
        { ...renewal, expiresOn: newExpiry, nextChargeOn: nextCharge },
        order.locale,
      ),
      { now, orderId: order.id },
    );
    await event('subscription.renewed');
    return 'renewed';
  }
  // Refused: the next try RETRY_EVERY_DAYS after this one, or at expiry to end the renewal.
  const nextTry =
    attempt <= RENEWAL_RETRIES
      ? addDays(due.next_renewal_on, RETRY_EVERY_DAYS)
      : addDays(expiresOn, GRACE_DAYS);
  await tx.query(
    `UPDATE orders SET renewal_state = 'retrying', renewal_failures = $2, next_renewal_on = $3::date,
            updated_at = $4
      WHERE id = $1`,
    [order.id, attempt, nextTry, now],
  );
  await queueEmail(
    tx,
    renewalRefusedEmail(
      to,
      {
        ...renewal,
        attempt,
        expiresOn,
        nextTryOn: attempt <= RENEWAL_RETRIES ? nextTry : null,
      },
      order.locale,
    ),
    { now, orderId: order.id },
  );
  return 'refused';
}

interface DueMailbox {
  id: string;
  customer_id: string;
  label: string;
  expires_on: string;
}

async function renewAddons(
  tx: Queryable,
  mailbox: DueMailbox,
  product: Product,
  now: Date,
): Promise<keyof RenewalReport> {
  const expiresOn = mailbox.expires_on;
  const { rows: addons } = await tx.query<{ addon_id: string; quantity: number | string }>(
    `SELECT addon_id, SUM(quantity) AS quantity FROM subscription_addons
      WHERE subscription_id = $1 AND expires_on = $2::date AND deactivated_on IS NULL
      GROUP BY addon_id ORDER BY addon_id`,
    [mailbox.id, expiresOn],
  );
  const { rows: customers } = await tx.query<{
    credit_cents: number;
    holder: { email: string };
  }>('SELECT credit_cents, holder FROM customers WHERE id = $1 FOR NO KEY UPDATE', [
    mailbox.customer_id,
  ]);
  const customer = customers[0]!;
  const { rows: latest } = await tx.query<{ locale: string }>(
    `SELECT locale FROM orders WHERE subscription_id = $1 ORDER BY created_at DESC LIMIT 1`,
    [mailbox.id],
  );
  const locale: Locale = toLocale(latest[0]?.locale ?? 'it');
  const lines = addons.map((row) => {
    const addon = product.addons.find((a) => a.id === row.addon_id);
    const quantity = Number(row.quantity);
    return {
      id: row.addon_id,
      quantity,
      label: `${addon?.name[locale] ?? row.addon_id} × ${quantity}`,
      cents: addon ? (quantity / addon.step) * addon.unitCents : 0,
    };
  });
  const taxable = lines.reduce((sum, l) => sum + l.cents, 0);
  const yearCents = taxable + vatOf(taxable, product.vatRateBasisPoints);
  // The Ordine renews the mailbox itself every year (seed 002); the add-ons follow it or stop.
  const newExpiry = addMonths(expiresOn, 12);
  const credit = await applyCredit(tx, mailbox.customer_id, -yearCents);
  const renewed = credit !== null;
  await tx.query(
    `INSERT INTO addon_renewals (subscription_id, cycle_expires_on, outcome, amount_cents, created_at)
     VALUES ($1, $2::date, $3, $4, $5)`,
    [mailbox.id, expiresOn, renewed ? 'renewed' : 'deactivated', yearCents, now],
  );
  await tx.query(
    renewed
      ? `UPDATE subscription_addons SET expires_on = $3::date, free_until = NULL
          WHERE subscription_id = $1 AND expires_on = $2::date AND deactivated_on IS NULL`
      : `UPDATE subscription_addons SET deactivated_on = $2::date
          WHERE subscription_id = $1 AND expires_on = $2::date AND deactivated_on IS NULL`,
    renewed ? [mailbox.id, expiresOn, newExpiry] : [mailbox.id, expiresOn],
  );
  await tx.query('UPDATE subscriptions SET expires_on = $2::date WHERE id = $1', [
    mailbox.id,
    newExpiry,
  ]);
  const creditCents = credit ?? customer.credit_cents;
  const facts = {
    mailbox: mailbox.label,
    addons: lines.map((l) => l.label),
    amountCents: yearCents,
    creditCents,
  };
  await queueEmail(
    tx,
    renewed
      ? addonRenewedEmail(customer.holder.email, { ...facts, expiresOn: newExpiry }, locale)
      : addonDeactivatedEmail(customer.holder.email, facts, locale),
    { now },
  );
  const subscription = {
    id: mailbox.id,
    productId: product.id,
    label: mailbox.label,
    expiresOn: newExpiry,
  };
  const addonList = lines.map((l) => ({ id: l.id, quantity: l.quantity }));
  await enqueueWebhook(
    tx,
    renewed ? 'subscription.renewed' : 'addon.deactivated',
    renewed
      ? { subscription, addons: addonList, chargedCents: yearCents, creditCents }
      : {
          subscription,
          addons: addonList,
          reason: 'insufficient_credit',
          requiredCents: yearCents,
          creditCents,
          deactivatedOn: expiresOn,
        },
    { occurredAt: now },
  );
  return renewed ? 'addonsRenewed' : 'addonsDeactivated';
}

/** One due item claimed and handled in its own transaction; false when none is due. */
async function handleOne(deps: RenewalDeps, report: RenewalReport): Promise<boolean> {
  const today = deps.clock.today();
  const now = deps.clock.now();
  const outcome = await deps.db.transaction(async (tx) => {
    const orders = await tx.query<DueOrder>(
      `SELECT id, expires_on::text AS expires_on, next_renewal_on::text AS next_renewal_on,
              renewal_failures
         FROM orders
        WHERE renewal_state IN ('scheduled', 'retrying') AND next_renewal_on <= $1::date
        ORDER BY next_renewal_on, id LIMIT 1
        FOR NO KEY UPDATE SKIP LOCKED`,
      [today],
    );
    const due = orders.rows[0];
    if (due) {
      const order = await findOrder(tx, due.id);
      const product = order && findProduct(deps.catalog, order.productId);
      if (!order || !product) throw new Error('renewal of an unknown product');
      return renewOrder(tx, due, product, today, now);
    }
    const mailboxes = await tx.query<DueMailbox>(
      `SELECT s.id, s.customer_id, s.label, s.expires_on::text AS expires_on
         FROM subscriptions s
        WHERE s.expires_on <= $1::date
          AND EXISTS (SELECT 1 FROM subscription_addons a
                       WHERE a.subscription_id = s.id AND a.expires_on = s.expires_on
                         AND a.deactivated_on IS NULL)
        ORDER BY s.expires_on, s.id LIMIT 1
        FOR NO KEY UPDATE OF s SKIP LOCKED`,
      [today],
    );
    const mailbox = mailboxes.rows[0];
    if (!mailbox) return undefined;
    const { rows } = await tx.query<{ product_id: string }>(
      'SELECT product_id FROM subscriptions WHERE id = $1',
      [mailbox.id],
    );
    const product = findProduct(deps.catalog, rows[0]!.product_id);
    if (!product) throw new Error('renewal of an unknown product');
    return renewAddons(tx, mailbox, product, now);
  });
  if (!outcome) return false;
  report[outcome]++;
  return true;
}

/** Handles everything due on the clock's today (up to RENEWALS_PER_RUN items). */
export async function runDueRenewals(deps: RenewalDeps): Promise<RenewalReport> {
  const report: RenewalReport = {
    renewed: 0,
    refused: 0,
    failed: 0,
    addonsRenewed: 0,
    addonsDeactivated: 0,
  };
  for (let i = 0; i < RENEWALS_PER_RUN; i++) {
    if (!(await handleOne(deps, report))) break;
  }
  const { renewed, refused, failed, addonsRenewed, addonsDeactivated } = report;
  if (renewed + refused + failed + addonsRenewed + addonsDeactivated > 0) {
    deps.logger.info(
      `renewals: renewed=${renewed} refused=${refused} failed=${failed} addons-renewed=${addonsRenewed} addons-deactivated=${addonsDeactivated}`,
    );
  }
  return report;
}
