// What the store sends while the buyer chooses, derived from its state: the quote request, and
// server field errors mapped back to the UI (the order's body is ordering's: order-requests.ts).
import type { ApiFieldError, QuoteRequest } from '../api/schemas.ts';
import { addonOnPlan } from '../domain/addon-on-plan.ts';
import type { CheckoutState } from './types.ts';

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
