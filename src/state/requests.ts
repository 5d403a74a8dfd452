// What the store sends and keeps, derived from its state: the quote request, the order body,
// the draft saved across the payment page, and server field errors mapped back to the UI.
import type { ApiFieldError, OrderRequest, QuoteRequest } from '../api/schemas.ts';
import type { Quote } from '../domain/types.ts';
import { addonOnPlan } from '../domain/selection.ts';
import type { CheckoutState, PaymentChoice, SavedCheckout } from './types.ts';

/** The selection as a quote request; null while something it needs is missing. */
export function quoteRequestOf(state: CheckoutState): QuoteRequest | null {
  const { product, planId, years, quantities, subscriptionId, session } = state;
  if (!product || !planId) return null;
  // A public administration's office code: the quote shows split payment (what it pays now).
  const eInvoice = (state.holder ?? session?.customer.holder)?.eInvoice;
  // (Six characters: isPublicAdministrationCode, inlined so the store's chunk stays small.)
  const splitPayment =
    eInvoice !== undefined && 'sdiCode' in eInvoice && eInvoice.sdiCode.length === 6;
  const coterm = product.pricing === 'coterm';
  // PEC add-ons are priced on one of the caller's mailboxes: a session and a mailbox first.
  if (coterm && (!subscriptionId || !session)) return null;
  const addons = product.addons
    .filter((a) => addonOnPlan(a, planId) && (quantities[a.id] ?? 0) > 0)
    .map((a) => ({ id: a.id, quantity: quantities[a.id]! }));
  return {
    productId: product.id,
    planId,
    years: coterm ? 1 : years,
    addons,
    ...(coterm ? { subscriptionId: subscriptionId! } : {}),
    ...(splitPayment ? { splitPayment: true } : {}),
  };
}

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

export interface FieldErrorViews {
  /** Paths relative to the holder (`vatNumber`, `address.city`), plus a registration `password`. */
  holder: { path: string; code: string }[];
  /** Add-on id → code; `addons.N.*` paths point into the add-ons of the request sent. */
  addons: Record<string, string>;
}

export function fieldErrorViews(
  fieldErrors: ApiFieldError[],
  sentAddonIds: string[],
): FieldErrorViews {
  const addons: Record<string, string> = {};
  for (const { path, code } of fieldErrors) {
    const index = /^addons\.(\d+)\./.exec(path)?.[1];
    const id = index === undefined ? undefined : sentAddonIds[Number(index)];
    if (id) addons[id] = code;
  }
  const holder = fieldErrors
    .filter((e) => e.path.startsWith('holder.') || e.path === 'password')
    .map((e) => ({ path: e.path.replace(/^holder\./, ''), code: e.code }));
  return { holder, addons };
}
