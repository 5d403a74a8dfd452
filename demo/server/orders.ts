// Stored orders: rows, their public shape (OrderSchema), and what happens when a payment ends.
import type { AddonQuantity, Holder, Quote } from '../../src/domain/types.ts';
import type { Instructions, Order, OrderStatus } from '../../src/api/schemas.ts';
import type { PaymentMethodType, Product } from '../../src/domain/catalog.ts';
import type { Locale } from '../../src/i18n/index.ts';
import { randomUUID } from 'node:crypto';
import { hashToken, newToken } from './credentials.ts';
import type { Queryable } from './db/database.ts';
import { orderConfirmationEmail, queueEmail } from './outbox.ts';

/** How long the resume token of a payment page stays valid. */
export const RESUME_TTL_MS = 24 * 60 * 60 * 1000;

export interface OrderRecord {
  id: string;
  number: string;
  customerId: string;
  status: OrderStatus;
  productId: string;
  planId: string;
  years: number;
  addons: AddonQuantity[];
  subscriptionId: string | null;
  paymentMethod: PaymentMethodType;
  savedPaymentMethodId: string | null;
  totalCents: number;
  currency: 'EUR';
  topUpCents: number | null;
  autoRenew: boolean;
  freeUntil: string | null;
  renewalChargeDate: string | null;
  holder: Holder;
  quote: Quote;
  instructions: Instructions | null;
  returnUrl: string | null;
  paymentUrl: string | null;
  locale: Locale;
}

interface OrderRow {
  id: string;
  number: string;
  customer_id: string;
  status: OrderStatus;
  product_id: string;
  plan_id: string;
  years: number;
  addons: AddonQuantity[];
  subscription_id: string | null;
  payment_method: PaymentMethodType;
  saved_payment_method_id: string | null;
  total_cents: number;
  currency: 'EUR';
  top_up_cents: number | null;
  auto_renew: boolean;
  free_until: string | null;
  renewal_charge_date: string | null;
  holder: Holder;
  quote: Quote;
  instructions: Instructions | null;
  return_url: string | null;
  payment_url: string | null;
  locale: Locale;
}

const COLUMNS = `id, number, customer_id, status, product_id, plan_id, years, addons, subscription_id,
  payment_method, saved_payment_method_id, total_cents, currency, top_up_cents, auto_renew,
  free_until::text AS free_until, renewal_charge_date::text AS renewal_charge_date, holder, quote,
  instructions, return_url, payment_url, locale`;

const toRecord = (row: OrderRow): OrderRecord => ({
  id: row.id,
  number: row.number,
  customerId: row.customer_id,
  status: row.status,
  productId: row.product_id,
  planId: row.plan_id,
  years: row.years,
  addons: row.addons,
  subscriptionId: row.subscription_id,
  paymentMethod: row.payment_method,
  savedPaymentMethodId: row.saved_payment_method_id,
  totalCents: row.total_cents,
  currency: row.currency,
  topUpCents: row.top_up_cents,
  autoRenew: row.auto_renew,
  freeUntil: row.free_until,
  renewalChargeDate: row.renewal_charge_date,
  holder: row.holder,
  quote: row.quote,
  instructions: row.instructions,
  returnUrl: row.return_url,
  paymentUrl: row.payment_url,
  locale: row.locale,
});

/** The contract's view of an order (never the holder, the return URL or any token). */
export function publicOrder(order: OrderRecord): Order {
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    totalCents: order.totalCents,
    currency: order.currency,
    productId: order.productId,
    planId: order.planId,
    addons: order.addons,
    years: order.years,
    paymentMethod: order.paymentMethod,
    autoRenew: order.autoRenew,
    ...(order.topUpCents !== null ? { topUpCents: order.topUpCents } : {}),
    freeUntil: order.freeUntil,
    renewalChargeDate: order.renewalChargeDate,
    ...(order.status === 'pending_payment' && order.paymentUrl
      ? { action: { type: 'redirect' as const, url: order.paymentUrl } }
      : {}),
    ...(order.instructions ? { instructions: order.instructions } : {}),
  };
}

export async function findOrder(db: Queryable, id: string, forUpdate = false) {
  const { rows } = await db.query<OrderRow>(
    `SELECT ${COLUMNS} FROM orders WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] && toRecord(rows[0]);
}

export async function findCustomerOrder(db: Queryable, id: string, customerId: string) {
  const { rows } = await db.query<OrderRow>(
    `SELECT ${COLUMNS} FROM orders WHERE id = $1 AND customer_id = $2`,
    [id, customerId],
  );
  return rows[0] && toRecord(rows[0]);
}

/** The one order a resume token was issued for, while the token is valid. */
export async function findResumableOrder(
  db: Queryable,
  id: string,
  resumeToken: string,
  now: Date,
) {
  const { rows } = await db.query<OrderRow>(
    `SELECT ${COLUMNS} FROM orders
      WHERE id = $1 AND resume_token_hash = $2 AND resume_expires_at > $3`,
    [id, hashToken(resumeToken), now],
  );
  return rows[0] && toRecord(rows[0]);
}

/** `C-2026-000123`: the year and a database sequence shared by every instance. */
export async function nextOrderNumber(db: Queryable, year: string): Promise<string> {
  const { rows } = await db.query<{ n: string | number }>(
    "SELECT nextval('order_number_seq')::text AS n",
  );
  return `C-${year}-${String(rows[0]?.n ?? 0).padStart(6, '0')}`;
}

export async function insertOrder(db: Queryable, order: OrderRecord, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO orders (id, number, customer_id, status, product_id, plan_id, years, addons,
       subscription_id, payment_method, saved_payment_method_id, total_cents, currency, top_up_cents,
       auto_renew, free_until, renewal_charge_date, holder, quote, instructions, return_url,
       payment_url, locale, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13, $14, $15, $16::date,
       $17::date, $18::jsonb, $19::jsonb, $20::jsonb, $21, $22, $23, $24, $24)`,
    [
      order.id,
      order.number,
      order.customerId,
      order.status,
      order.productId,
      order.planId,
      order.years,
      JSON.stringify(order.addons),
      order.subscriptionId,
      order.paymentMethod,
      order.savedPaymentMethodId,
      order.totalCents,
      order.currency,
      order.topUpCents,
      order.autoRenew,
      order.freeUntil,
      order.renewalChargeDate,
      JSON.stringify(order.holder),
      JSON.stringify(order.quote),
      order.instructions ? JSON.stringify(order.instructions) : null,
      order.returnUrl,
      order.paymentUrl,
      order.locale,
      now,
    ],
  );
  for (const [position, line] of order.quote.lines.entries()) {
    await db.query(
      `INSERT INTO order_lines (order_id, position, line_id, label, quantity, unit_cents, amount_cents)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [order.id, position, line.id, line.label, line.quantity, line.unitCents, line.amountCents],
    );
  }
}

/**
 * Moves prepaid credit: + top-up − what is due now. Null when the credit would go negative
 * (another order spent it meanwhile).
 */
export async function applyCredit(db: Queryable, customerId: string, deltaCents: number) {
  const { rows } = await db.query<{ credit_cents: number }>(
    `UPDATE customers SET credit_cents = credit_cents + $2
      WHERE id = $1 AND credit_cents + $2 >= 0 RETURNING credit_cents`,
    [customerId, deltaCents],
  );
  return rows[0]?.credit_cents ?? null;
}

/** Attaches the bought add-ons to the subscription, ending with it. */
export async function attachAddons(
  db: Queryable,
  order: OrderRecord,
  expiresOn: string,
  now: Date,
) {
  if (!order.subscriptionId) return;
  for (const addon of order.addons) {
    await db.query(
      `INSERT INTO subscription_addons (subscription_id, order_id, addon_id, quantity, expires_on, free_until, created_at)
       VALUES ($1, $2, $3, $4, $5::date, $6::date, $7)`,
      [order.subscriptionId, order.id, addon.id, addon.quantity, expiresOn, order.freeUntil, now],
    );
  }
}

export async function savePaymentMethod(
  db: Queryable,
  customerId: string,
  type: 'card' | 'paypal',
  label: string,
  now: Date,
): Promise<string> {
  const existing = await db.query<{ id: string }>(
    'SELECT id FROM payment_methods WHERE customer_id = $1 AND type = $2 AND label = $3',
    [customerId, type, label],
  );
  if (existing.rows[0]) return existing.rows[0].id;
  const id = `pm_${randomUUID()}`;
  await db.query(
    'INSERT INTO payment_methods (id, customer_id, type, label, created_at) VALUES ($1, $2, $3, $4, $5)',
    [id, customerId, type, label, now],
  );
  return id;
}

export function paymentMethodLabel(
  method: PaymentMethodType,
  locale: Locale,
  saved?: string,
): string {
  const names: Record<PaymentMethodType, [string, string]> = {
    card: ['Carta di credito', 'Credit card'],
    paypal: ['PayPal', 'PayPal'],
    bank_transfer: ['Bonifico bancario', 'Bank transfer'],
    postal_slip: ['Bollettino postale', 'Postal slip'],
    credit: ['Credito prepagato', 'Prepaid credit'],
    none: ['Nessun pagamento', 'No payment'],
  };
  const name = names[method][locale === 'en' ? 1 : 0];
  return saved ? `${name} (${saved})` : name;
}

/** Queues the confirmation email of a completed order (paid, active or awaiting payment). */
export async function queueConfirmation(
  db: Queryable,
  order: OrderRecord,
  product: Product,
  now: Date,
  extra: { savedLabel?: string; creditAfterCents?: number } = {},
) {
  await queueEmail(
    db,
    orderConfirmationEmail(
      order.holder.email,
      {
        number: order.number,
        productName: product.name[order.locale],
        quote: order.quote,
        paymentMethodLabel: paymentMethodLabel(order.paymentMethod, order.locale, extra.savedLabel),
        autoRenew: order.autoRenew,
        ...(order.topUpCents ? { topUpCents: order.topUpCents } : {}),
        ...(extra.creditAfterCents !== undefined
          ? { creditAfterCents: extra.creditAfterCents }
          : {}),
      },
      order.locale,
    ),
    { now, orderId: order.id },
  );
}

export type PaymentOutcome =
  | { kind: 'card-approved'; label: string }
  | { kind: 'card-refused' }
  | { kind: 'paypal-approved'; label: string }
  | { kind: 'cancelled' };

/**
 * Ends a pending payment (the sandbox provider's answer) and issues a resume token for the
 * return URL. An order that is no longer pending keeps its status; a new token is issued.
 */
export async function completePayment(
  db: Queryable,
  order: OrderRecord,
  outcome: PaymentOutcome,
  context: { product: Product; now: Date },
): Promise<{ status: OrderStatus; resumeToken: string }> {
  const { now, product } = context;
  let status = order.status;
  if (order.status === 'pending_payment') {
    if (outcome.kind === 'card-approved' || outcome.kind === 'paypal-approved') {
      status = 'paid';
      const type = outcome.kind === 'card-approved' ? 'card' : 'paypal';
      const savedId = await savePaymentMethod(db, order.customerId, type, outcome.label, now);
      let creditAfterCents: number | undefined;
      if (product.pricing === 'coterm') {
        const credit = await applyCredit(
          db,
          order.customerId,
          (order.topUpCents ?? 0) - order.totalCents,
        );
        if (credit === null) status = 'refused';
        else creditAfterCents = credit;
      }
      if (status === 'paid') {
        const subscription = order.subscriptionId
          ? await db.query<{ expires_on: string }>(
              'SELECT expires_on::text AS expires_on FROM subscriptions WHERE id = $1',
              [order.subscriptionId],
            )
          : undefined;
        const expiresOn = subscription?.rows[0]?.expires_on;
        if (expiresOn) await attachAddons(db, order, expiresOn, now);
        await db.query('UPDATE orders SET saved_payment_method_id = $2 WHERE id = $1', [
          order.id,
          savedId,
        ]);
        await queueConfirmation(db, { ...order, status }, product, now, {
          savedLabel: outcome.label,
          ...(creditAfterCents !== undefined ? { creditAfterCents } : {}),
        });
      }
    } else {
      status = outcome.kind === 'card-refused' ? 'refused' : 'cancelled';
    }
  }
  const resumeToken = newToken();
  await db.query(
    `UPDATE orders SET status = $2, resume_token_hash = $3, resume_expires_at = $4, updated_at = $5
      WHERE id = $1`,
    [order.id, status, hashToken(resumeToken), new Date(now.getTime() + RESUME_TTL_MS), now],
  );
  return { status, resumeToken };
}
