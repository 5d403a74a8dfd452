// The authoritative quote: resolves the product and the caller's subscription, then prices
// the selection with the domain's priceSelection (the same code the widget previews with).
import {
  type Catalog,
  type Locale,
  priceSelection,
  type Product,
  type Quote,
  type QuoteRequest,
  type SubscriptionItem,
} from 'cassa/contract';
import type { CustomerRecord } from '../accounts/accounts.ts';
import type { Queryable } from '../db/database.ts';
import { notFound, Problem, unauthorized } from '../http/problems.ts';
import { activeAddons, findCustomerSubscription } from '../subscriptions/subscriptions.ts';

export interface PricedSelection {
  product: Product;
  quote: Quote;
  subscription: SubscriptionItem | undefined;
}

/** Each catalog's products by id, built on first use (a catalog does not change once loaded). */
const productsById = new WeakMap<Catalog, ReadonlyMap<string, Product>>();

export function productOrNotFound(catalog: Catalog, productId: string): Product {
  let products = productsById.get(catalog);
  if (!products) {
    const byId = new Map<string, Product>();
    // The first of a repeated id, as findProduct would find it.
    for (const p of catalog.products) if (!byId.has(p.id)) byId.set(p.id, p);
    products = byId;
    productsById.set(catalog, products);
  }
  const product = products.get(productId);
  if (!product) throw notFound('Unknown product.');
  return product;
}

export async function priceRequest(
  db: Queryable,
  catalog: Catalog,
  request: QuoteRequest,
  context: { customer: CustomerRecord | undefined; today: string; locale: Locale },
): Promise<PricedSelection> {
  const product = productOrNotFound(catalog, request.productId);
  let subscription: SubscriptionItem | undefined;
  if (product.pricing === 'coterm') {
    // Add-ons attach to one of the caller's subscriptions: the caller must be known.
    if (!context.customer) throw unauthorized();
    if (request.subscriptionId) {
      subscription = await findCustomerSubscription(
        db,
        request.subscriptionId,
        context.customer.id,
      );
      if (!subscription || subscription.productId !== product.id)
        throw notFound('Unknown subscription.');
    }
  }
  const selection = {
    productId: request.productId,
    planId: request.planId,
    years: request.years,
    addons: request.addons,
    ...(request.subscriptionId ? { subscriptionId: request.subscriptionId } : {}),
  };
  const active = subscription ? await activeAddons(db, subscription.id, context.today) : {};
  const priced = priceSelection(product, selection, {
    today: context.today,
    locale: context.locale,
    ...(subscription && context.customer
      ? {
          subscription: {
            expiresOn: subscription.expiresOn,
            creditCents: context.customer.creditCents,
            activeAddons: active,
          },
        }
      : {}),
  });
  if (!priced.ok) {
    throw new Problem(422, 'invalid-selection', 'The selection breaks a product rule.', {
      errors: priced.errors,
    });
  }
  // The credit the quote was made with: the widget states what the card pays now, what the credit
  // pays and the credit left after (DESIGN 1.2), from these figures.
  const quote =
    subscription && context.customer
      ? { ...priced.quote, creditCents: context.customer.creditCents }
      : priced.quote;
  return { product, quote, subscription };
}
