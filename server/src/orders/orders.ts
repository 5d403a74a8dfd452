// Stored orders: rows, their public shape (OrderSchema), numbering and insertion.
import {
  type AddonQuantity,
  type Holder,
  type Instructions,
  type Locale,
  type Order,
  type OrderStatus,
  type PaymentMethodType,
  type Quote,
  settlement,
} from 'cassa/contract';
import { hashToken } from '../accounts/credentials.ts';
import type { Queryable } from '../db/database.ts';

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
  /** Buy more: the Certified Platform service (its order) this order adds to; else null. */
  extendsOrderId?: string | null;
  /**
   * A Certified Platform service grown by buy more: its current terms (what its renewals charge),
   * kept apart from `addons` and `quote`, which stay what this order bought and was charged.
   * Null or absent: the order's own. Read them through `serviceTerms`.
   */
  serviceTerms?: ServiceTerms | null;
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

/** A service's add-on quantities and the quote of one term (split payment included). */
export interface ServiceTerms {
  addons: AddonQuantity[];
  quote: Quote;
}

/** The terms a service renews on: the grown ones after a buy more, else the order's own. */
export const serviceTerms = (order: OrderRecord): ServiceTerms =>
  order.serviceTerms ?? { addons: order.addons, quote: order.quote };

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
  extends_order_id: string | null;
  service_addons: AddonQuantity[] | null;
  service_quote: Quote | null;
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
  extends_order_id, service_addons, service_quote, payment_method, saved_payment_method_id, total_cents, currency, top_up_cents, auto_renew,
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
  extendsOrderId: row.extends_order_id,
  serviceTerms:
    row.service_addons && row.service_quote
      ? { addons: row.service_addons, quote: row.service_quote }
      : null,
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

/** A paid add-on order: the credit left after it (the quote's credit + the top-up − due now). */
function creditAfter(order: OrderRecord): { creditAfterCents?: number } {
  const figures = settlement({
    totalCents: order.totalCents,
    creditCents: order.quote.creditCents,
    method: order.paymentMethod,
    topUpCents: order.topUpCents,
  });
  const paid = order.status === 'paid' || order.status === 'active';
  return paid && order.topUpCents !== null && figures
    ? { creditAfterCents: figures.creditAfterCents }
    : {};
}

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
    ...creditAfter(order),
    freeUntil: order.freeUntil,
    renewalChargeDate: order.renewalChargeDate,
    ...(order.status === 'pending_payment' && order.paymentUrl
      ? { action: { type: 'redirect' as const, url: order.paymentUrl } }
      : {}),
    ...(order.instructions ? { instructions: order.instructions } : {}),
    ...(order.quote.splitPayment
      ? { splitPayment: true, payableCents: order.quote.payableCents ?? order.quote.taxableCents }
      : {}),
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
       payment_url, locale, created_at, updated_at, extends_order_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13, $14, $15, $16::date,
       $17::date, $18::jsonb, $19::jsonb, $20::jsonb, $21, $22, $23, $24, $24, $25)`,
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
      order.extendsOrderId ?? null,
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
