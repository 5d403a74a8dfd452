// What an order sends and keeps, derived from the store's state: the order body and what survives
// the payment page (ordering.ts's, loaded with it after the first step).
import type { OrderRequest, QuoteRequest } from '../api/schemas.ts';
import type { Quote } from '../domain/types.ts';
import type { CheckoutState, PaymentChoice, SavedCheckout } from './types.ts';

/** The order body: the selection, the total the buyer saw, how they pay, who they are. */
export function orderRequestOf(
  state: CheckoutState,
  request: QuoteRequest,
  quote: Quote,
  paymentMethod: PaymentChoice,
  returnUrl: string,
  locale?: OrderRequest['locale'],
): OrderRequest {
  const { product, holder, topUpCents } = state;
  const topUp = product?.pricing === 'coterm' && paymentMethod.type === 'card';
  return {
    ...request,
    expectedTotalCents: quote.totalCents,
    paymentMethod,
    ...(topUp ? { topUpCents: topUpCents ?? 0 } : {}),
    // PEC add-ons are invoiced to the account's registered holder (no holder step).
    ...(holder && product?.pricing === 'term' ? { holder } : {}),
    acceptTerms: true,
    returnUrl,
    ...(locale ? { locale } : {}),
  };
}

/** What survives the payment page: choices and typed data, never a token. */
export function savedCheckoutOf(state: CheckoutState, orderId: string): SavedCheckout {
  const { planId, years, quantities, subscriptionId, holderDraft, holder, payment, topUpCents } =
    state;
  return {
    orderId,
    acceptedCents: state.termsAccepted ? (state.quote?.totalCents ?? null) : null,
    planId,
    years,
    quantities,
    subscriptionId,
    holderDraft,
    holder,
    payment,
    topUpCents,
  };
}
