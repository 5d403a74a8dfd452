// A renewal the bank answered "authentication required" (renewals.ts): the buyer pays it by the
// email's link, on the provider's page, with strong authentication. The same path for every
// provider: the link (GET /api/renewal-payments/{id}) sends the buyer to the provider
// (`startAuthentication`); the provider's page hands its result to `completeRenewalPayment`,
// which in one transaction (the payment and the order locked) asks the provider what happened
// (`completeAuthentication`) and, when paid, completes the renewal as the scheduler would
// (markRenewalPaid: the service extended, its invoice, the email, `subscription.renewed`).
// The link works while the renewal waits (action_required) and the service has not expired.
import { findProduct, type IsoDate, type Quote } from 'cassa/contract';
import { hashToken, newToken } from '../accounts/credentials.ts';
import type { Queryable } from '../db/database.ts';
import type { AppDeps } from '../http/context.ts';
import { notFound } from '../http/problems.ts';
import type { IssuedInvoice } from '../invoices/issue.ts';
import { findOrder, type OrderRecord } from '../orders/orders.ts';
import { markRenewalPaid, savedMethodOf } from '../subscriptions/renewals.ts';
import { paymentMethodLabel, RESUME_TTL_MS } from './payments.ts';
import type { AuthenticationResult } from './provider.ts';

export interface RenewalPayment {
  id: string;
  orderId: string;
  cycleExpiresOn: IsoDate;
  amountCents: number;
  /** The term `amountCents` pays (null: asked before it was kept; the service's terms then). */
  quote: Quote | null;
  status: 'action_required' | 'paid' | 'expired';
}

/** Whether the link still pays: waiting, and the service not yet expired (today < expiry). */
async function payable(db: Queryable, payment: RenewalPayment, today: IsoDate) {
  if (payment.status !== 'action_required' || today >= payment.cycleExpiresOn) return false;
  const { rows } = await db.query<{ renewal_state: string | null }>(
    'SELECT renewal_state FROM orders WHERE id = $1',
    [payment.orderId],
  );
  return rows[0]?.renewal_state === 'action_required';
}

export async function findRenewalPayment(
  db: Queryable,
  id: string,
  lock = false,
): Promise<RenewalPayment | undefined> {
  const { rows } = await db.query<RenewalPayment>(
    `SELECT id, order_id AS "orderId", cycle_expires_on::text AS "cycleExpiresOn",
            amount_cents AS "amountCents", quote, status
       FROM renewal_payments WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0];
}

/** The order's renewal payment waiting for the buyer, if any (the customer area's link). */
export async function openRenewalPaymentId(
  db: Queryable,
  orderId: string,
): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM renewal_payments WHERE order_id = $1 AND status = 'action_required'
      ORDER BY cycle_expires_on DESC LIMIT 1`,
    [orderId],
  );
  return rows[0]?.id;
}

export type RenewalPaymentView =
  | { kind: 'redirect'; url: string }
  /** Paid already, or the link expired (the renewal failed): a page says so. */
  | { kind: 'closed'; payment: RenewalPayment; order: OrderRecord };

/** The email's link: where the buyer goes to pay (the provider's page), or why not. */
export async function startRenewalPayment(
  deps: Pick<AppDeps, 'db' | 'clock' | 'payments'>,
  id: string,
  origin: string,
): Promise<RenewalPaymentView> {
  const payment = await findRenewalPayment(deps.db, id);
  const order = payment && (await findOrder(deps.db, payment.orderId));
  if (!payment || !order) throw notFound('Unknown payment.');
  const saved = await savedMethodOf(deps.db, order);
  if (!saved || !(await payable(deps.db, payment, deps.clock.today())))
    return { kind: 'closed', payment, order };
  const { url } = await deps.payments.startAuthentication({
    paymentId: payment.id,
    orderId: order.id,
    orderNumber: order.number,
    amountCents: payment.amountCents,
    currency: order.currency,
    locale: order.locale,
    origin,
    saved,
  });
  return { kind: 'redirect', url };
}

export type RenewalPaymentOutcome<Page> =
  /** Paid: the renewal is complete (with its invoice); `location`: the shop's return URL. */
  | { kind: 'paid'; order: OrderRecord; invoice: IssuedInvoice; location?: string }
  /** The authentication failed: nothing charged, the link still works until the expiry. */
  | { kind: 'refused'; payment: RenewalPayment; order: OrderRecord }
  | { kind: 'page'; page: Page; payment: RenewalPayment; order: OrderRecord }
  | { kind: 'closed'; payment: RenewalPayment; order: OrderRecord };

/**
 * Completes the buyer's return from the provider's authentication of renewal payment `id`.
 * `decide` runs in the transaction with the payment and the order locked, only while the link
 * pays: the provider's result, or a page to show instead.
 */
export async function completeRenewalPayment<Page>(
  deps: Pick<AppDeps, 'db' | 'catalog' | 'clock' | 'seller' | 'payments'>,
  id: string,
  decide: (
    payment: RenewalPayment,
    order: OrderRecord,
    tx: Queryable,
  ) => Promise<AuthenticationResult | { page: Page }>,
): Promise<RenewalPaymentOutcome<Page>> {
  const today = deps.clock.today();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const payment = await findRenewalPayment(tx, id, true);
    const order = payment && (await findOrder(tx, payment.orderId, true));
    if (!payment || !order) throw notFound('Unknown payment.');
    const product = findProduct(deps.catalog, order.productId);
    if (!product) throw notFound('Unknown product.');
    const saved = await savedMethodOf(tx, order);
    if (!saved || !(await payable(tx, payment, today)))
      return { kind: 'closed' as const, payment, order };
    const decision = await decide(payment, order, tx);
    if ('page' in decision) return { kind: 'page' as const, page: decision.page, payment, order };
    if (decision.outcome !== 'paid') return { kind: 'refused' as const, payment, order };
    const { rows } = await tx.query<{ attempt: number }>(
      `SELECT COALESCE(MAX(attempt), 0) + 1 AS attempt FROM renewal_charges
        WHERE order_id = $1 AND cycle_expires_on = $2::date`,
      [order.id, payment.cycleExpiresOn],
    );
    await tx.query(
      `INSERT INTO renewal_charges (order_id, cycle_expires_on, attempt, outcome, amount_cents, charged_on, created_at)
       VALUES ($1, $2::date, $3, 'approved', $4, $5::date, $6)`,
      [order.id, payment.cycleExpiresOn, rows[0]!.attempt, payment.amountCents, today, now],
    );
    await tx.query(
      `UPDATE renewal_payments SET status = 'paid', attempt_hash = NULL, completed_at = $2
        WHERE id = $1`,
      [payment.id, now],
    );
    const methodLabel = paymentMethodLabel(
      order.paymentMethod,
      order.locale,
      deps.payments.describeSaved(saved, order.locale),
    );
    const invoice = await markRenewalPaid(
      tx,
      order,
      product,
      {
        expiresOn: payment.cycleExpiresOn,
        amountCents: payment.amountCents,
        methodLabel,
        // Invoiced as charged: the term the amount was priced on.
        quote: payment.quote ?? undefined,
      },
      { catalog: deps.catalog, seller: deps.seller, today, now },
    );
    if (!order.returnUrl) return { kind: 'paid' as const, order, invoice };
    // Back to the shop as after the checkout: the order id and a resume token.
    const resumeToken = newToken();
    await tx.query(
      `UPDATE orders SET resume_token_hash = $2, resume_expires_at = $3 WHERE id = $1`,
      [order.id, hashToken(resumeToken), new Date(now.getTime() + RESUME_TTL_MS)],
    );
    const back = new URL(order.returnUrl);
    back.searchParams.set('cassa_order', order.id);
    back.searchParams.set('cassa_resume', resumeToken);
    return { kind: 'paid' as const, order, invoice, location: back.toString() };
  });
}

export { issueRenewalAttempt, takeRenewalAttempt } from './attempts.ts';
