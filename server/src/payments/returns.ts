// The buyer's way back from a provider's page: in one transaction the order is locked, the
// provider says what happened (`completeReturn`), the payment is completed (paid and invoiced,
// refused or cancelled) and a resume token is issued; the buyer is then sent to the shop's return
// URL with it. The same path for every provider (http/payments.ts; the demo sandbox's own page).
import { findProduct, payableNowCents } from 'cassa/contract';
import type { Queryable } from '../db/database.ts';
import type { AppDeps } from '../http/context.ts';
import { notFound } from '../http/problems.ts';
import { invoiceContext } from '../invoices/issue.ts';
import { findOrder, type OrderRecord } from '../orders/orders.ts';
import { completePayment } from './payments.ts';
import type { OnlineMethod, PaymentResult, PaymentReturn } from './provider.ts';

/** What the card (or PayPal account) is charged now: the total, or the top-up of an add-on order. */
export function amountChargedNow(order: OrderRecord): number {
  // Split payment: a public administration pays the taxable amount (the VAT to the Treasury).
  return order.topUpCents !== null ? order.topUpCents : payableNowCents(order.quote);
}

/** The provider's view of a returning buyer's payment. */
export function paymentReturn(
  order: OrderRecord,
  request: { query: Readonly<Record<string, string>>; form: Readonly<Record<string, string>> },
): PaymentReturn {
  return {
    orderId: order.id,
    method: order.paymentMethod as OnlineMethod,
    amountCents: amountChargedNow(order),
    currency: order.currency,
    query: request.query,
    form: request.form,
  };
}

/** Where this server expects the buyer back from the provider. */
export const providerReturnPath = (orderId: string) =>
  `/api/payments/${encodeURIComponent(orderId)}/return`;

export type ReturnOutcome<Page> =
  | { kind: 'redirect'; location: string; order: OrderRecord }
  | { kind: 'page'; page: Page; order: OrderRecord }
  /** The payment had already ended: nothing changed, and no resume token was issued. */
  | { kind: 'finished'; order: OrderRecord };

/**
 * The shop's return URL with the order id and no resume token: the way back from a payment that
 * had already ended (the buyer's own token, issued when it ended, is the only one).
 */
export function shopReturnUrl(order: OrderRecord): string {
  const back = new URL(order.returnUrl as string);
  back.searchParams.set('cassa_order', order.id);
  return back.toString();
}

/**
 * Completes the return of the buyer of `orderId`. `decide` runs in the transaction with the order
 * locked, only while its payment is pending (a later return keeps the order as it is and gets
 * no resume token: `finished`): the provider's result, or a page to show instead (a hosted form's errors).
 */
export async function completeReturn<Page>(
  deps: Pick<AppDeps, 'db' | 'catalog' | 'clock' | 'seller'>,
  orderId: string,
  origin: string,
  decide: (order: OrderRecord, tx: Queryable) => Promise<PaymentResult | { page: Page }>,
): Promise<ReturnOutcome<Page>> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const order = await findOrder(tx, orderId, true);
    if (!order || !order.returnUrl) throw notFound('Unknown payment.');
    const product = findProduct(deps.catalog, order.productId);
    if (!product) throw notFound('Unknown product.');
    // A later return (a replayed form, the provider's second notice) changes nothing and mints no
    // second resume token: that would revoke the one the buyer was sent back with.
    if (order.status !== 'pending_payment') return { kind: 'finished' as const, order };
    const decision: PaymentResult | { page: Page } = await decide(order, tx);
    if ('page' in decision) return { kind: 'page' as const, page: decision.page, order };
    const { resumeToken } = await completePayment(tx, order, decision, {
      product,
      now,
      invoice: invoiceContext(deps, origin),
      today: deps.clock.today(),
    });
    const back = new URL(order.returnUrl);
    back.searchParams.set('cassa_order', order.id);
    back.searchParams.set('cassa_resume', resumeToken);
    return { kind: 'redirect' as const, location: back.toString(), order };
  });
}
