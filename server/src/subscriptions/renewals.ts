// Automatic renewals, run by the scheduler (jobs/scheduler.ts) or on demand. Each due item is
// claimed with FOR NO KEY UPDATE SKIP LOCKED (NO KEY: rows that reference it, such as a new add-on or
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
// The mailbox itself is renewed by the Ordine at its expiry, with or without add-ons (the
// catalog's `renewsSubscription`, default true).
// Every renewal charge is one transaction with its FatturaPA invoice (markRenewalPaid,
// markAddonsRenewed: the one path each), its email and its event.
import {
  addDays,
  addMonths,
  type Catalog,
  findProduct,
  type Holder,
  type IsoDate,
  type Locale,
  type Product,
  type Quote,
  RENEWAL_CHARGE_DAYS_BEFORE,
  toLocale,
  vatOf,
} from 'cassa/contract';
import {
  addonDeactivatedEmail,
  addonRenewedEmail,
  cardExpiringEmail,
  renewalActionRequiredEmail,
  renewalConfirmationEmail,
  renewalFailedEmail,
  renewalRefusedEmail,
} from '../notifications/after-sale-emails.ts';
import { newToken } from '../accounts/credentials.ts';
import type { Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/logger.ts';
import type { Database, Queryable } from '../db/database.ts';
import { serviceView } from '../orders/fulfilment.ts';
import { presentOrder, renewalChargeCents } from '../orders/order-view.ts';
import { findOrder, type OrderRecord, serviceTerms } from '../orders/orders.ts';
import { queueEmail } from '../notifications/outbox.ts';
import { applyCredit, paymentMethodLabel } from '../payments/payments.ts';
import type { OnlineMethod, PaymentProvider, SavedMethod } from '../payments/provider.ts';
import { enqueueWebhook } from '../webhooks/webhooks.ts';
import { renewalPaymentApiPath } from './service-view.ts';
import { findSavedPaymentMethod } from './subscriptions.ts';
import { addonRenewalLines, renewalLines } from '../invoices/document.ts';
import { issueChargeInvoice, type IssuedInvoice } from '../invoices/issue.ts';
import type { Seller } from '../invoices/seller.ts';
import { publicOrigin } from '../http/context.ts';

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
  /** The seller on renewal invoices (CASSA_SELLER). */
  seller: Seller;
  /** Charges the saved card or PayPal account (the payment-provider seam). */
  payments: PaymentProvider;
  /** The public base URL (CASSA_PUBLIC_URL): the links in renewal emails. */
  publicUrl?: string;
  /** The customer area's address, absolute or a path on the public URL. */
  accountUrl?: string;
}

export { renewalPaymentApiPath };
/** The same on this server's origin (the email's link). */
export const renewalPaymentPath = (paymentId: string) => `/api${renewalPaymentApiPath(paymentId)}`;

/** What a renewal's invoice needs besides the transaction. */
interface RenewalInvoicing {
  seller: Seller;
  today: IsoDate;
  now: Date;
}

const invoiceContextOf = (invoicing: RenewalInvoicing, catalog: Catalog) => ({
  catalog,
  seller: invoicing.seller,
  today: invoicing.today,
  now: invoicing.now,
  // Renewal emails name the invoice; its copy is in the customer's invoices (GET /v1/me/invoices).
  origin: '',
});

/**
 * "The renewal of cycle `expiresOn` is paid": the one path for it (a saved card or PayPal
 * charged by the scheduler today; an authenticated payment later). In the caller's transaction:
 * the service extended by the term and rescheduled, its FatturaPA invoice issued for the period
 * covered (same numbering guarantees as a sale), the buyer emailed, `subscription.renewed`
 * queued with the order and service as they now are.
 */
export async function markRenewalPaid(
  tx: Queryable,
  order: OrderRecord,
  product: Product,
  renewal: {
    expiresOn: IsoDate;
    amountCents: number;
    methodLabel: string;
    /** The term the charge was priced on, when not the service's current one (renewal-payments.ts). */
    quote?: Quote;
  },
  context: RenewalInvoicing & { catalog: Catalog },
): Promise<IssuedInvoice> {
  const { now, today } = context;
  const newExpiry = addMonths(renewal.expiresOn, 12 * order.years);
  const nextCharge = addDays(newExpiry, -RENEWAL_CHARGE_DAYS_BEFORE);
  await tx.query(
    `UPDATE orders SET expires_on = $2::date, next_renewal_on = $3::date, renewal_charge_date = $3::date,
            renewal_state = 'scheduled', renewal_failures = 0, updated_at = $4
      WHERE id = $1`,
    [order.id, newExpiry, nextCharge, now],
  );
  const invoice = await issueChargeInvoice(
    tx,
    {
      chargeKey: `renewal:${order.id}:${renewal.expiresOn}`,
      kind: 'renewal',
      orderId: order.id,
      subscriptionId: order.subscriptionId,
      customerId: order.customerId,
    },
    {
      holder: order.holder,
      orderNumber: order.number,
      lines: renewalLines(order, product, renewal.expiresOn, newExpiry, renewal.quote),
      paymentMethod: order.paymentMethod,
      causale: `Rinnovo ordine ${order.number}`,
      periodStart: renewal.expiresOn,
      periodEnd: newExpiry,
    },
    invoiceContextOf(context, context.catalog),
  );
  await queueEmail(
    tx,
    renewalConfirmationEmail(
      order.holder.email,
      {
        number: order.number,
        productName: product.name[order.locale],
        amountCents: renewal.amountCents,
        methodLabel: renewal.methodLabel,
        expiresOn: newExpiry,
        nextChargeOn: nextCharge,
      },
      order.locale,
    ),
    { now, orderId: order.id },
  );
  await enqueueWebhook(
    tx,
    'subscription.renewed',
    {
      subscription: await serviceView(tx, order.id, today),
      order: await presentOrder(tx, (await findOrder(tx, order.id))!, today),
      invoice: { number: invoice.number, destination: invoice.destination },
    },
    { occurredAt: now, orderId: order.id, subject: { type: 'order', id: order.id } },
  );
  return invoice;
}

export interface RenewalReport {
  renewed: number;
  refused: number;
  /** The bank asked for the buyer's authentication: the renewal waits for them (action_required). */
  actionRequired: number;
  failed: number;
  addonsRenewed: number;
  addonsDeactivated: number;
  /** Mailboxes without add-ons carried on for a year by the Ordine (nothing charged). */
  mailboxesRenewed: number;
}

/**
 * Charges the order's saved method through the provider (a method that is gone is refused):
 * whether it was paid, and how the method is named in the emails.
 */
/** The saved method an order renews with, as the payment provider takes it (none: undefined). */
export async function savedMethodOf(
  db: Queryable,
  order: OrderRecord,
): Promise<SavedMethod | undefined> {
  if (!order.savedPaymentMethodId) return undefined;
  const saved = await findSavedPaymentMethod(db, order.savedPaymentMethodId, order.customerId);
  return saved && { ...saved, type: saved.type as OnlineMethod, customerId: order.customerId };
}

async function chargeSaved(
  tx: Queryable,
  payments: PaymentProvider,
  order: OrderRecord,
  charge: { amountCents: number; attempt: number },
) {
  const saved = await savedMethodOf(tx, order);
  const result = saved
    ? await payments.chargeSaved(
        {
          initiator: 'merchant',
          orderId: order.id,
          orderNumber: order.number,
          amountCents: charge.amountCents,
          currency: order.currency,
          attempt: charge.attempt,
          saved,
        },
        tx,
      )
    : { outcome: 'refused' as const };
  const label = paymentMethodLabel(
    order.paymentMethod,
    order.locale,
    saved && payments.describeSaved(saved, order.locale),
  );
  return { outcome: result.outcome, label };
}

interface DueOrder {
  id: string;
  expires_on: string;
  next_renewal_on: string;
  renewal_failures: number;
  renewal_state: 'scheduled' | 'retrying' | 'action_required';
}

async function renewOrder(
  tx: Queryable,
  payments: PaymentProvider,
  due: DueOrder,
  product: Product,
  context: RenewalInvoicing & { catalog: Catalog; origin: string },
): Promise<keyof RenewalReport> {
  const { today, now } = context;
  const order = (await findOrder(tx, due.id))!;
  const expiresOn = due.expires_on;
  const to = order.holder.email;
  const facts = { number: order.number, productName: product.name[order.locale] };
  const event = async (
    type:
      | 'subscription.renewed'
      | 'subscription.renewal_failed'
      | 'subscription.renewal_action_required',
    extra: Record<string, unknown> = {},
  ) =>
    enqueueWebhook(
      tx,
      type,
      {
        subscription: await serviceView(tx, order.id, today),
        order: await presentOrder(tx, (await findOrder(tx, order.id))!, today),
        ...extra,
      },
      // The service of a Certified Platform order is the order's: one subject, one sequence.
      { occurredAt: now, orderId: order.id, subject: { type: 'order', id: order.id } },
    );

  // Every charge refused, or the authentication asked for never given, and the expiry reached:
  // the renewal has failed (the payment's link stops working).
  if (due.renewal_failures > RENEWAL_RETRIES || due.renewal_state === 'action_required') {
    await tx.query(
      `UPDATE renewal_payments SET status = 'expired', attempt_hash = NULL, completed_at = $2
        WHERE order_id = $1 AND status = 'action_required'`,
      [order.id, now],
    );
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
  const amountCents = renewalChargeCents(order);
  const charge = await chargeSaved(tx, payments, order, { amountCents, attempt });
  await tx.query(
    `INSERT INTO renewal_charges (order_id, cycle_expires_on, attempt, outcome, amount_cents, charged_on, created_at)
     VALUES ($1, $2::date, $3, $4, $5, $6::date, $7)`,
    [
      order.id,
      expiresOn,
      attempt,
      charge.outcome === 'paid' ? 'approved' : charge.outcome,
      amountCents,
      today,
      now,
    ],
  );
  const renewal = { ...facts, amountCents, methodLabel: charge.label };
  if (charge.outcome === 'authentication_required') {
    // The bank wants the buyer: a payment of this renewal they make with strong authentication,
    // by the email's link, until the expiry (then the renewal fails as a refused one does).
    const paymentId = `rp_${newToken()}`;
    await tx.query(
      `INSERT INTO renewal_payments (id, order_id, cycle_expires_on, amount_cents, quote, status, created_at)
       VALUES ($1, $2, $3::date, $4, $5::jsonb, 'action_required', $6)
       ON CONFLICT (order_id, cycle_expires_on) DO NOTHING`,
      [paymentId, order.id, expiresOn, amountCents, JSON.stringify(serviceTerms(order).quote), now],
    );
    const { rows } = await tx.query<{ id: string }>(
      `SELECT id FROM renewal_payments WHERE order_id = $1 AND cycle_expires_on = $2::date`,
      [order.id, expiresOn],
    );
    const payUrl = `${context.origin}${renewalPaymentPath(rows[0]!.id)}`;
    await tx.query(
      `UPDATE orders SET renewal_state = 'action_required', next_renewal_on = $2::date, updated_at = $3
        WHERE id = $1`,
      [order.id, addDays(expiresOn, GRACE_DAYS), now],
    );
    await queueEmail(
      tx,
      renewalActionRequiredEmail(to, { ...renewal, expiresOn, payUrl }, order.locale),
      { now, orderId: order.id },
    );
    await event('subscription.renewal_action_required', {
      action: { type: 'authentication', url: payUrl, expiresOn },
    });
    return 'actionRequired';
  }
  if (charge.outcome === 'paid') {
    await markRenewalPaid(
      tx,
      order,
      product,
      { expiresOn, amountCents, methodLabel: charge.label },
      context,
    );
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
  /** Off (the customer area): the add-ons end with the mailbox instead of taking the credit. */
  addons_auto_renew: boolean;
}

interface AddonCharge {
  id: string;
  quantity: number;
  label: string;
  cents: number;
}

/**
 * "A year of a mailbox's add-ons is paid from credit": the one path for it. In the caller's
 * transaction, after the credit is debited: the add-ons and the mailbox moved to `newExpiry`,
 * the FatturaPA invoice of the charge (paid from credit, for the year covered), the member
 * emailed, `subscription.renewed` queued with the mailbox as it now is.
 */
export async function markAddonsRenewed(
  tx: Queryable,
  mailbox: DueMailbox,
  product: Product,
  charge: {
    lines: AddonCharge[];
    yearCents: number;
    creditCents: number;
    newExpiry: IsoDate;
    holder: Holder;
    /** The mailbox's latest order: the invoice refers to it and is listed with it. */
    orderId: string | null;
    orderNumber: string;
    locale: Locale;
  },
  context: RenewalInvoicing & { catalog: Catalog },
): Promise<IssuedInvoice> {
  const expiresOn = mailbox.expires_on;
  const { now } = context;
  await tx.query(
    `UPDATE subscription_addons SET expires_on = $3::date, free_until = NULL
      WHERE subscription_id = $1 AND expires_on = $2::date AND deactivated_on IS NULL`,
    [mailbox.id, expiresOn, charge.newExpiry],
  );
  await tx.query('UPDATE subscriptions SET expires_on = $2::date WHERE id = $1', [
    mailbox.id,
    charge.newExpiry,
  ]);
  const invoice = await issueChargeInvoice(
    tx,
    {
      chargeKey: `addons:${mailbox.id}:${expiresOn}`,
      kind: 'addon_renewal',
      orderId: charge.orderId,
      subscriptionId: mailbox.id,
      customerId: mailbox.customer_id,
    },
    {
      holder: charge.holder,
      orderNumber: charge.orderNumber,
      lines: addonRenewalLines(product, mailbox.label, charge.lines, expiresOn, charge.newExpiry),
      paymentMethod: 'credit',
      causale: `Rinnovo servizi aggiuntivi della casella ${mailbox.label}`,
      periodStart: expiresOn,
      periodEnd: charge.newExpiry,
    },
    invoiceContextOf(context, context.catalog),
  );
  await queueEmail(
    tx,
    addonRenewedEmail(
      charge.holder.email,
      {
        mailbox: mailbox.label,
        addons: charge.lines.map((l) => l.label),
        amountCents: charge.yearCents,
        creditCents: charge.creditCents,
        expiresOn: charge.newExpiry,
      },
      charge.locale,
    ),
    { now },
  );
  await enqueueWebhook(
    tx,
    'subscription.renewed',
    {
      subscription: await mailboxView(tx, mailbox.id, context.today),
      addons: charge.lines.map((l) => ({ id: l.id, quantity: l.quantity })),
      chargedCents: charge.yearCents,
      creditCents: charge.creditCents,
      invoice: { number: invoice.number, destination: invoice.destination },
    },
    { occurredAt: now, subject: { type: 'subscription', id: mailbox.id } },
  );
  return invoice;
}

/**
 * A mailbox as events show it: its expiry, its add-ons, each with its status, and `autoRenew`
 * as `GET /v1/me/subscriptions` and `subscription.updated` say it (whether its add-ons renew from
 * the credit at the expiry: the member may turn it off in the customer area).
 */
export async function mailboxView(tx: Queryable, subscriptionId: string, today: IsoDate) {
  const { rows } = await tx.query<{
    label: string;
    expires_on: string;
    product_id: string;
    addons_auto_renew: boolean;
  }>(
    `SELECT label, expires_on::text AS expires_on, product_id, addons_auto_renew
       FROM subscriptions WHERE id = $1`,
    [subscriptionId],
  );
  const row = rows[0]!;
  return {
    id: subscriptionId,
    productId: row.product_id,
    label: row.label,
    expiresOn: row.expires_on,
    addons: await addonStates(tx, subscriptionId, today),
    autoRenew: row.addons_auto_renew,
  };
}

/** Each add-on bought for a subscription, with its status today (latest row per add-on id). */
export async function addonStates(tx: Queryable, subscriptionId: string, today: IsoDate) {
  const { rows } = await tx.query<{
    addon_id: string;
    quantity: number | string;
    expires_on: string;
    deactivated_on: string | null;
  }>(
    `SELECT addon_id, SUM(quantity) AS quantity, expires_on::text AS expires_on,
            deactivated_on::text AS deactivated_on
       FROM subscription_addons WHERE subscription_id = $1
      GROUP BY addon_id, expires_on, deactivated_on
      ORDER BY addon_id, expires_on DESC`,
    [subscriptionId],
  );
  const seen = new Set<string>();
  const states: {
    id: string;
    quantity: number;
    status: 'active' | 'deactivated' | 'expired';
    expiresOn: string;
    deactivatedOn: string | null;
  }[] = [];
  for (const row of rows) {
    if (seen.has(row.addon_id)) continue;
    seen.add(row.addon_id);
    states.push({
      id: row.addon_id,
      quantity: Number(row.quantity),
      status: row.deactivated_on ? 'deactivated' : row.expires_on > today ? 'active' : 'expired',
      expiresOn: row.expires_on,
      deactivatedOn: row.deactivated_on,
    });
  }
  return states;
}

async function renewAddons(
  tx: Queryable,
  mailbox: DueMailbox,
  product: Product,
  context: RenewalInvoicing & { catalog: Catalog },
): Promise<keyof RenewalReport> {
  const { now } = context;
  const expiresOn = mailbox.expires_on;
  const { rows: addons } = await tx.query<{ addon_id: string; quantity: number | string }>(
    `SELECT addon_id, SUM(quantity) AS quantity FROM subscription_addons
      WHERE subscription_id = $1 AND expires_on = $2::date AND deactivated_on IS NULL
      GROUP BY addon_id ORDER BY addon_id`,
    [mailbox.id, expiresOn],
  );
  const { rows: customers } = await tx.query<{
    credit_cents: number;
    holder: Holder;
  }>('SELECT credit_cents, holder FROM customers WHERE id = $1 FOR NO KEY UPDATE', [
    mailbox.customer_id,
  ]);
  const customer = customers[0]!;
  const { rows: latest } = await tx.query<{
    id: string;
    locale: string;
    number: string;
    holder: Holder;
  }>(
    `SELECT id, locale, number, holder FROM orders WHERE subscription_id = $1
      ORDER BY created_at DESC LIMIT 1`,
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
  // The Ordine renews the mailbox itself every year (seed 002); the add-ons follow it or stop.
  const newExpiry = addMonths(expiresOn, 12);
  const subscription = { id: mailbox.id, productId: product.id, label: mailbox.label };
  if (lines.length === 0) {
    // No add-ons: nothing is charged; the mailbox just carries on for a year.
    await tx.query(
      `INSERT INTO addon_renewals (subscription_id, cycle_expires_on, outcome, amount_cents, created_at)
       VALUES ($1, $2::date, 'renewed', 0, $3)`,
      [mailbox.id, expiresOn, now],
    );
    await tx.query('UPDATE subscriptions SET expires_on = $2::date WHERE id = $1', [
      mailbox.id,
      newExpiry,
    ]);
    await enqueueWebhook(
      tx,
      'subscription.renewed',
      {
        subscription: await mailboxView(tx, mailbox.id, context.today),
        addons: [],
        chargedCents: 0,
        creditCents: customer.credit_cents,
      },
      { occurredAt: now, subject: { type: 'subscription', id: mailbox.id } },
    );
    return 'mailboxesRenewed';
  }
  const taxable = lines.reduce((sum, l) => sum + l.cents, 0);
  const yearCents = taxable + vatOf(taxable, product.vatRateBasisPoints);
  // Auto-renew off (the customer area): the add-ons end with the mailbox, the credit untouched.
  const credit = mailbox.addons_auto_renew
    ? await applyCredit(tx, mailbox.customer_id, -yearCents)
    : null;
  const renewed = credit !== null;
  await tx.query(
    `INSERT INTO addon_renewals (subscription_id, cycle_expires_on, outcome, amount_cents, created_at)
     VALUES ($1, $2::date, $3, $4, $5)`,
    [mailbox.id, expiresOn, renewed ? 'renewed' : 'deactivated', yearCents, now],
  );
  if (renewed) {
    await markAddonsRenewed(
      tx,
      mailbox,
      product,
      {
        lines,
        yearCents,
        creditCents: credit,
        newExpiry,
        holder: latest[0]?.holder ?? customer.holder,
        orderId: latest[0]?.id ?? null,
        orderNumber: latest[0]?.number ?? mailbox.label,
        locale,
      },
      context,
    );
    return 'addonsRenewed';
  }
  await tx.query(
    `UPDATE subscription_addons SET deactivated_on = $2::date
      WHERE subscription_id = $1 AND expires_on = $2::date AND deactivated_on IS NULL`,
    [mailbox.id, expiresOn],
  );
  // The mailbox itself goes on (the Ordine pays for it): the member can buy add-ons again.
  await tx.query('UPDATE subscriptions SET expires_on = $2::date WHERE id = $1', [
    mailbox.id,
    newExpiry,
  ]);
  await queueEmail(
    tx,
    addonDeactivatedEmail(
      customer.holder.email,
      {
        mailbox: mailbox.label,
        addons: lines.map((l) => l.label),
        amountCents: yearCents,
        creditCents: customer.credit_cents,
        reason: mailbox.addons_auto_renew ? 'credit' : 'auto_renew_off',
      },
      locale,
    ),
    { now },
  );
  await enqueueWebhook(
    tx,
    'addon.deactivated',
    {
      subscription: {
        ...subscription,
        ...(await mailboxView(tx, mailbox.id, context.today)),
      },
      addons: lines.map((l) => ({ id: l.id, quantity: l.quantity })),
      reason: mailbox.addons_auto_renew ? 'insufficient_credit' : 'auto_renew_off',
      requiredCents: yearCents,
      creditCents: customer.credit_cents,
      deactivatedOn: expiresOn,
    },
    { occurredAt: now, subject: { type: 'subscription', id: mailbox.id } },
  );
  return 'addonsDeactivated';
}

/** One due item claimed and handled in its own transaction; false when none is due. */
async function handleOne(deps: RenewalDeps, report: RenewalReport): Promise<boolean> {
  const today = deps.clock.today();
  const now = deps.clock.now();
  const context = {
    catalog: deps.catalog,
    seller: deps.seller,
    today,
    now,
    origin: publicOrigin(deps),
  };
  // Products whose subscription is renewed at its expiry even without add-ons.
  const selfRenewing = deps.catalog.products
    .filter((p) => p.pricing === 'coterm' && p.renewsSubscription !== false)
    .map((p) => p.id);
  const outcome = await deps.db.transaction(async (tx) => {
    const orders = await tx.query<DueOrder>(
      `SELECT id, expires_on::text AS expires_on, next_renewal_on::text AS next_renewal_on,
              renewal_failures, renewal_state
         FROM orders
        WHERE renewal_state IN ('scheduled', 'retrying', 'action_required')
          AND next_renewal_on <= $1::date
        ORDER BY next_renewal_on, id LIMIT 1
        FOR NO KEY UPDATE SKIP LOCKED`,
      [today],
    );
    const due = orders.rows[0];
    if (due) {
      const order = await findOrder(tx, due.id);
      const product = order && findProduct(deps.catalog, order.productId);
      if (!order || !product) throw new Error('renewal of an unknown product');
      return renewOrder(tx, deps.payments, due, product, context);
    }
    const mailboxes = await tx.query<DueMailbox>(
      `SELECT s.id, s.customer_id, s.label, s.expires_on::text AS expires_on, s.addons_auto_renew
         FROM subscriptions s
        WHERE s.expires_on <= $1::date
          AND (s.product_id = ANY($2::text[])
               OR EXISTS (SELECT 1 FROM subscription_addons a
                           WHERE a.subscription_id = s.id AND a.expires_on = s.expires_on
                             AND a.deactivated_on IS NULL))
        ORDER BY s.expires_on, s.id LIMIT 1
        FOR NO KEY UPDATE OF s SKIP LOCKED`,
      [today, selfRenewing],
    );
    const mailbox = mailboxes.rows[0];
    if (!mailbox) return undefined;
    const { rows } = await tx.query<{ product_id: string }>(
      'SELECT product_id FROM subscriptions WHERE id = $1',
      [mailbox.id],
    );
    const product = findProduct(deps.catalog, rows[0]!.product_id);
    if (!product) throw new Error('renewal of an unknown product');
    return renewAddons(tx, mailbox, product, context);
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
    actionRequired: 0,
    failed: 0,
    addonsRenewed: 0,
    addonsDeactivated: 0,
    mailboxesRenewed: 0,
  };
  for (let i = 0; i < RENEWALS_PER_RUN; i++) {
    if (!(await handleOne(deps, report))) break;
  }
  const { renewed, refused, actionRequired, failed } = report;
  const { addonsRenewed, addonsDeactivated, mailboxesRenewed } = report;
  if (Object.values(report).some((n) => n > 0)) {
    deps.logger.info(
      `renewals: renewed=${renewed} refused=${refused} action-required=${actionRequired} failed=${failed} addons-renewed=${addonsRenewed} addons-deactivated=${addonsDeactivated} mailboxes-renewed=${mailboxesRenewed}`,
    );
  }
  const notices = await sendCardExpiryNotices(deps);
  if (notices > 0) deps.logger.info(`renewals: card-expiry-notices=${notices}`);
  return report;
}

/** A card-expiry email goes this many months before the charge. */
export const CARD_EXPIRY_NOTICE_MONTHS = 1;

/**
 * "Your card expires before the next charge": for every automatic renewal whose saved card
 * expires before its charge date, an email from a month before that date, once per card and
 * charge date (card_expiry_notices), with what to do (another card in the customer area).
 */
export async function sendCardExpiryNotices(
  deps: Pick<RenewalDeps, 'db' | 'catalog' | 'clock' | 'publicUrl' | 'accountUrl' | 'payments'>,
): Promise<number> {
  const today = deps.clock.today();
  const now = deps.clock.now();
  const horizon = addMonths(today, CARD_EXPIRY_NOTICE_MONTHS);
  const { rows } = await deps.db.query<{
    order_id: string;
    payment_method_id: string;
    charge_on: string;
    card_expires_on: string;
    label: string;
  }>(
    `SELECT o.id AS order_id, pm.id AS payment_method_id,
            o.renewal_charge_date::text AS charge_on, pm.card_expires_on::text AS card_expires_on,
            pm.label
       FROM orders o JOIN payment_methods pm ON pm.id = o.saved_payment_method_id
      WHERE o.renewal_state = 'scheduled' AND o.auto_renew
        AND pm.type = 'card' AND pm.card_expires_on IS NOT NULL
        AND o.renewal_charge_date IS NOT NULL AND o.renewal_charge_date <= $1::date
        AND pm.card_expires_on < o.renewal_charge_date
        AND NOT EXISTS (SELECT 1 FROM card_expiry_notices n
                         WHERE n.payment_method_id = pm.id AND n.charge_on = o.renewal_charge_date)
      ORDER BY o.renewal_charge_date, o.id LIMIT ${RENEWALS_PER_RUN}`,
    [horizon],
  );
  let sent = 0;
  for (const row of rows) {
    await deps.db.transaction(async (tx) => {
      // Once per card and charge date, whichever instance gets there first.
      const claimed = await tx.query(
        `INSERT INTO card_expiry_notices (payment_method_id, charge_on, order_id, created_at)
         VALUES ($1, $2::date, $3, $4) ON CONFLICT DO NOTHING RETURNING charge_on`,
        [row.payment_method_id, row.charge_on, row.order_id, now],
      );
      if (claimed.rows.length === 0) return;
      const order = (await findOrder(tx, row.order_id))!;
      const product = findProduct(deps.catalog, order.productId);
      const origin = publicOrigin(deps);
      await queueEmail(
        tx,
        cardExpiringEmail(
          order.holder.email,
          {
            number: order.number,
            productName: product?.name[order.locale] ?? order.productId,
            methodLabel: row.label,
            cardExpiresOn: row.card_expires_on,
            chargeOn: row.charge_on,
            ...(deps.accountUrl ? { accountUrl: new URL(deps.accountUrl, origin).href } : {}),
          },
          order.locale,
        ),
        { now, orderId: order.id },
      );
      sent++;
    });
  }
  return sent;
}
