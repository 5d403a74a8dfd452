// The catalog model: what is sold, at which yearly price, in which steps. Shared by widget and server.
import * as z from 'zod/mini';
import {
  basisPoints,
  cents,
  count,
  filled,
  int,
  nonEmpty,
  positiveInt,
} from './contract-values.ts';

/** A text in each supported language (Italian is the source). */
export const LocalizedTextSchema = z.object({ it: z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const CustomerTypeSchema = z.enum(['company', 'professional', 'private']);
export type CustomerType = z.infer<typeof CustomerTypeSchema>;

export const PaymentMethodTypeSchema = z.enum([
  'card',
  'paypal',
  'bank_transfer',
  'postal_slip',
  'credit',
  'none',
]);
export type PaymentMethodType = z.infer<typeof PaymentMethodTypeSchema>;

/** Something a plan includes, e.g. `{ id: 'additional-users', quantity: 14 }`. */
export const InclusionSchema = z.object({ id: z.string(), quantity: int() });

export const PlanSchema = z.object({
  id: filled(),
  name: LocalizedTextSchema,
  /** Yearly price in cents, VAT excluded. 0 for a free plan. */
  yearlyCents: cents(),
  includes: z.array(InclusionSchema),
});
export type Plan = z.infer<typeof PlanSchema>;

export const AddonSchema = z.object({
  id: filled(),
  name: LocalizedTextSchema,
  /** The unit a quantity counts: users, external users, GB, or a flag (0/1). */
  unit: z.enum(['user', 'external-user', 'gb', 'flag']),
  step: positiveInt(),
  min: count(),
  /** Largest quantity, in the add-on's unit; absent = unbounded. */
  max: z.optional(positiveInt()),
  /** Yearly price in cents, VAT excluded, of one step (one user, 50 external users, 5 GB, 1 GB). */
  unitCents: cents(),
  /** Plans the add-on may be bought with; absent = every plan of the product (PEC add-ons attach to the €0 `member` plan). */
  plans: z.optional(z.array(z.string())),
});
export type Addon = z.infer<typeof AddonSchema>;

export const ProductSchema = z.object({
  id: filled(),
  name: LocalizedTextSchema,
  currency: z.literal('EUR'),
  vatRateBasisPoints: basisPoints(),
  /**
   * `term`: (plan + add-ons) × years, renewed 7 days before expiry (Certified Platform).
   * `coterm`: add-ons on a subscription, co-termed with its expiry, paid from credit (PEC add-ons).
   */
  pricing: z.enum(['term', 'coterm']),
  terms: z.array(positiveInt()),
  paymentMethods: z.array(PaymentMethodTypeSchema),
  eligibleCustomers: z.array(CustomerTypeSchema),
  termsUrl: z.string(),
  plans: nonEmpty(PlanSchema),
  addons: z.array(AddonSchema),
  /**
   * `coterm` only: the subscription the add-ons attach to is renewed by whoever pays for it (the
   * Ordine renews each member's PEC mailbox) for a year at each expiry, with or without add-ons.
   * Optional (additive); absent means `true`. `false`: a subscription without add-ons expires.
   */
  renewsSubscription: z.optional(z.boolean()),
});
export type Product = z.infer<typeof ProductSchema>;

export const CatalogSchema = z.object({ products: nonEmpty(ProductSchema) });
export type Catalog = z.infer<typeof CatalogSchema>;

export type CatalogParseResult =
  { ok: true; catalog: Catalog } | { ok: false; path: string; message: string };

/** Parses an untrusted catalog; on failure names the first bad field (e.g. `products.0.plans.1.yearlyCents`). */
export function parseCatalog(input: unknown): CatalogParseResult {
  const result = CatalogSchema.safeParse(input);
  if (result.success) return { ok: true, catalog: result.data };
  const issue = result.error.issues[0];
  return {
    ok: false,
    path: issue ? issue.path.map(String).join('.') : '',
    message: issue ? issue.message : 'invalid catalog',
  };
}

export function findProduct(catalog: Catalog, productId: string): Product | undefined {
  return catalog.products.find((p) => p.id === productId);
}
