// Payments, whatever the provider: what follows a payment (credit moves, add-ons attach, methods
// are saved, the confirmation is queued) and the end of a pending payment (what the provider said
// on the buyer's return, `PaymentResult` of provider.ts) with its resume token.
import { randomUUID } from 'node:crypto';
import {
  type Locale,
  type OrderStatus,
  type PaymentMethodType,
  type Product,
} from 'cassa/contract';
import { hashToken, newToken } from '../accounts/credentials.ts';
import type { Queryable } from '../db/database.ts';
import { markOrderPaid, queueOrderWebhook } from '../orders/fulfilment.ts';
import type { OrderRecord } from '../orders/orders.ts';
import {
  confirmationLineLabel,
  orderConfirmationEmail,
  queueEmail,
  type ConfirmationFacts,
} from '../notifications/outbox.ts';
import { issueInvoice, type InvoiceContext } from '../invoices/issue.ts';
import { invoiceDestination } from '../invoices/document.ts';
import type { PaymentResult } from './provider.ts';

/** How long the resume token of a payment page stays valid. */
export const RESUME_TTL_MS = 24 * 60 * 60 * 1000;

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
  cardExpiresOn?: string,
): Promise<string> {
  // Saved by a customer-initiated payment (strongly authenticated when the bank asked): the
  // credential is stored for merchant-initiated renewals from now on.
  const existing = await db.query<{ id: string }>(
    `UPDATE payment_methods
        SET card_expires_on = COALESCE($4::date, card_expires_on),
            merchant_initiated_since = COALESCE(merchant_initiated_since, $5)
      WHERE customer_id = $1 AND type = $2 AND label = $3 RETURNING id`,
    [customerId, type, label, cardExpiresOn ?? null, now],
  );
  if (existing.rows[0]) return existing.rows[0].id;
  const id = `pm_${randomUUID()}`;
  await db.query(
    `INSERT INTO payment_methods (id, customer_id, type, label, created_at, merchant_initiated_since, card_expires_on)
     VALUES ($1, $2, $3, $4, $5, $5, $6::date)`,
    [id, customerId, type, label, now, cardExpiresOn ?? null],
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

/**
 * What the confirmation email says of the invoice: issued (paid, with its number and copy link),
 * to come (awaiting a bank transfer or postal slip), or nothing (€0: no invoice).
 */
export async function invoiceForConfirmation(
  db: Queryable,
  order: OrderRecord,
  context: InvoiceContext,
): Promise<ConfirmationFacts['invoice']> {
  if (order.totalCents <= 0) return undefined;
  if (order.status === 'awaiting_payment') return { destination: invoiceDestination(order.holder) };
  const invoice = await issueInvoice(db, order.id, context);
  if (!invoice) return undefined;
  return {
    destination: invoice.destination,
    number: invoice.number,
    ...(invoice.copyUrl ? { copyUrl: invoice.copyUrl } : {}),
  };
}

/** Queues the confirmation email of a completed order (paid, active or awaiting payment). */
export async function queueConfirmation(
  db: Queryable,
  order: OrderRecord,
  product: Product,
  now: Date,
  extra: {
    savedLabel?: string;
    creditAfterCents?: number;
    invoice?: ConfirmationFacts['invoice'];
    accountUrl?: string;
  } = {},
) {
  await queueEmail(
    db,
    orderConfirmationEmail(
      order.holder.email,
      {
        number: order.number,
        productName: product.name[order.locale],
        quote: order.quote,
        lineLabels: order.quote.lines.map((line) =>
          confirmationLineLabel(product, order.years, line, order.locale),
        ),
        paymentMethodLabel: paymentMethodLabel(order.paymentMethod, order.locale, extra.savedLabel),
        autoRenew: order.autoRenew,
        ...(order.topUpCents ? { topUpCents: order.topUpCents } : {}),
        ...(extra.creditAfterCents !== undefined
          ? { creditAfterCents: extra.creditAfterCents }
          : {}),
        ...(extra.invoice ? { invoice: extra.invoice } : {}),
        ...(extra.accountUrl ? { accountUrl: extra.accountUrl } : {}),
        // A service paid by transfer or slip runs from the payment: its expiry is not known yet.
        ...(order.status === 'awaiting_payment' &&
        product.pricing === 'term' &&
        !order.extendsOrderId
          ? { startsOnPayment: order.years }
          : {}),
      },
      order.locale,
    ),
    { now, orderId: order.id },
  );
}

/**
 * Ends a pending payment with the provider's result and issues a resume token for the return
 * URL. An order that is no longer pending keeps its status; a new token is issued.
 */
export async function completePayment(
  db: Queryable,
  order: OrderRecord,
  result: PaymentResult,
  context: { product: Product; now: Date; today: string; invoice: InvoiceContext },
): Promise<{ status: OrderStatus; resumeToken: string }> {
  const { now, product } = context;
  let status = order.status;
  if (order.status === 'pending_payment') {
    if (result.outcome === 'approved') {
      status = 'paid';
      const { type, label, cardExpiresOn } = result.saved;
      const savedId = await savePaymentMethod(
        db,
        order.customerId,
        type,
        label,
        now,
        cardExpiresOn,
      );
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
        await markOrderPaid(db, order, product, { now, today: context.today });
        await db.query('UPDATE orders SET saved_payment_method_id = $2 WHERE id = $1', [
          order.id,
          savedId,
        ]);
        // Paid from here on: the invoice is issued for a paid order only.
        const paid = { ...order, status };
        const invoice = await invoiceForConfirmation(db, paid, context.invoice);
        await queueConfirmation(db, paid, product, now, {
          savedLabel: label,
          ...(creditAfterCents !== undefined ? { creditAfterCents } : {}),
          ...(invoice ? { invoice } : {}),
          ...(context.invoice.accountUrl ? { accountUrl: context.invoice.accountUrl } : {}),
        });
      }
    } else {
      status = result.outcome === 'refused' ? 'refused' : 'cancelled';
    }
  }
  const resumeToken = newToken();
  await db.query(
    `UPDATE orders SET status = $2, resume_token_hash = $3, resume_expires_at = $4, updated_at = $5
      WHERE id = $1`,
    [order.id, status, hashToken(resumeToken), new Date(now.getTime() + RESUME_TTL_MS), now],
  );
  if (status === 'paid' && order.status === 'pending_payment') {
    await queueOrderWebhook(db, 'order.completed', order.id, now);
  }
  return { status, resumeToken };
}
