// The HTTP contract (DESIGN.md 3.3) as zod/mini schemas: the single source of truth.
// The server parses every request with them, the client every response, and
// GET /v1/openapi.json is generated from them.
import * as z from 'zod/mini';
import { CustomerTypeSchema, PaymentMethodTypeSchema, ProductSchema } from '../domain/catalog.ts';
import { cents, filled, int, isoDate, text, upTo } from '../domain/contract-values.ts';
import type { Holder, Quote, Selection } from '../domain/types.ts';

// zod probes `new Function` for its JIT; a strict CSP reports that probe. Never use it.
z.config({ jitless: true });

export { ProductSchema };

export const AddonQuantitySchema = z.object({
  id: text(64),
  quantity: int(),
});

export const QuoteRequestSchema = z.object({
  productId: text(64),
  planId: text(64),
  years: int(),
  addons: z._default(upTo(20, AddonQuantitySchema), []),
  subscriptionId: z.optional(text(64)),
  /**
   * The buyer is a public administration under split payment (optional, additive): the quote
   * then answers `splitPayment` and `payableCents`. An order decides from its holder instead.
   */
  splitPayment: z.optional(z.boolean()),
});

export const QuoteLineSchema = z.object({
  id: z.string(),
  label: z.string(),
  quantity: int(),
  unitCents: cents(),
  amountCents: cents(),
});

export const QuoteSchema = z.object({
  currency: z.literal('EUR'),
  lines: z.array(QuoteLineSchema),
  taxableCents: cents(),
  vatRateBasisPoints: int(),
  vatCents: cents(),
  totalCents: cents(),
  freeUntil: z.nullable(isoDate()),
  renewal: z.object({ date: isoDate(), chargeDate: isoDate(), totalCents: cents() }),
  minimumTopUpCents: z.nullable(cents()),
  /**
   * Add-ons paid from credit: the credit the quote was made with, else `null` (an additive change:
   * a backend that leaves it out is read as `null`).
   */
  creditCents: z._default(z.nullable(cents()), null),
  /**
   * Scissione dei pagamenti (additive, optional): `true` when the buyer is a public
   * administration; the buyer then pays `payableCents` (the taxable amount) and the VAT goes to
   * the Treasury. `totalCents` stays taxable + VAT, the invoice's total.
   */
  splitPayment: z.optional(z.boolean()),
  payableCents: z.optional(cents()),
});

export const AddressSchema = z.object({
  street: text(),
  postalCode: text(10),
  city: text(100),
  province: text(4),
  country: text(2),
});

// Codes take spaces around and inside (as they are pasted): the server normalises them with
// the widget's own `normalizeHolder`, then the Italian checks decide.
export const EInvoiceSchema = z.union([
  z.object({ sdiCode: text(16) }),
  z.object({ pec: text(254) }),
]);

export const HolderSchema = z.object({
  type: CustomerTypeSchema,
  name: text(),
  vatNumber: z.optional(text(32)),
  taxCode: text(32),
  address: AddressSchema,
  email: text(254),
  eInvoice: EInvoiceSchema,
  /** Public administrations only (6-character office code): CIG and CUP, optional, additive. */
  cig: z.optional(text(32)),
  cup: z.optional(text(32)),
});

export const LoginRequestSchema = z.object({
  username: filled(254),
  password: filled(200),
});

export const RegisterRequestSchema = z.object({
  password: text(200),
  holder: HolderSchema,
  /** The buyer's language, for the registration email (optional, additive; else Accept-Language). */
  locale: z.optional(z.enum(['it', 'en'])),
});

export const CustomerSchema = z.object({
  id: z.string(),
  username: z.string(),
  holder: HolderSchema,
});

export const AuthResponseSchema = z.object({ token: z.string(), customer: CustomerSchema });

/**
 * Back from the payment page without a session (it lives in memory only): the return URL's resume
 * token opens a session once, for an order whose payment was cancelled or refused, so the buyer
 * picks another method without logging in again; or (`setupId`) for the customer area back from
 * adding a payment method. One of the two. Optional for a backend (additive).
 */
export const ResumeSessionRequestSchema = z.object({
  orderId: z.optional(filled(64)),
  setupId: z.optional(filled(64)),
});

export const PortalSessionRequestSchema = z.object({ username: filled(254) });
export const PortalSessionResponseSchema = z.object({ token: z.string() });

export const PaymentMethodsSchema = z.object({
  items: z.array(z.object({ id: z.string(), type: z.enum(['card', 'paypal']), label: z.string() })),
});

export const SubscriptionItemSchema = z.object({
  id: z.string(),
  productId: z.string(),
  label: z.string(),
  expiresOn: isoDate(),
});

export const SubscriptionsSchema = z.object({
  creditCents: cents(),
  items: z.array(SubscriptionItemSchema),
});

export const OrderRequestSchema = z.object({
  ...QuoteRequestSchema.shape,
  expectedTotalCents: cents(),
  paymentMethod: z.object({
    type: PaymentMethodTypeSchema,
    savedId: z.optional(text(64)),
  }),
  /** PEC add-ons: amount loaded onto the prepaid credit by card (≥ the quote's minimum). */
  topUpCents: z.optional(cents()),
  holder: z.optional(HolderSchema),
  acceptTerms: z.boolean(),
  returnUrl: z.optional(text(2000)),
  /**
   * The buyer's language (the widget's `locale`); optional, an additive change. The payment page
   * (`lang=` on the redirect URL) and the order's emails use it; absent, `Accept-Language` decides.
   */
  locale: z.optional(z.enum(['it', 'en'])),
});

export const OrderStatusSchema = z.enum([
  'pending_payment',
  'paid',
  'awaiting_payment',
  'active',
  'refused',
  'cancelled',
]);

export const InstructionsSchema = z.object({
  method: z.enum(['bank_transfer', 'postal_slip']),
  beneficiary: z.string(),
  /** IBAN for a bank transfer, postal account number for a postal slip. */
  account: z.string(),
  amountCents: cents(),
  currency: z.literal('EUR'),
  reference: z.string(),
});

export const OrderSchema = z.object({
  id: z.string(),
  number: z.string(),
  status: OrderStatusSchema,
  totalCents: cents(),
  currency: z.literal('EUR'),
  productId: z.string(),
  planId: z.string(),
  addons: z.array(AddonQuantitySchema),
  years: int(),
  paymentMethod: PaymentMethodTypeSchema,
  autoRenew: z.boolean(),
  topUpCents: z.optional(cents()),
  /** Add-ons paid from credit, once paid: the credit left after the order (optional, additive). */
  creditAfterCents: z.optional(cents()),
  freeUntil: z.optional(z.nullable(isoDate())),
  renewalChargeDate: z.optional(z.nullable(isoDate())),
  action: z.optional(z.object({ type: z.literal('redirect'), url: z.string() })),
  instructions: z.optional(InstructionsSchema),
  /** Split payment (additive): a public administration pays `payableCents`, the taxable amount. */
  splitPayment: z.optional(z.boolean()),
  payableCents: z.optional(cents()),
});

export const FieldErrorSchema = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
});

/**
 * RFC 9457 problem details. `type` ends with the problem code, e.g. `…/price-changed`. Other
 * members are allowed and kept.
 */
export const ProblemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: int(),
  detail: z.optional(z.string()),
  errors: z.optional(z.array(FieldErrorSchema)),
  quote: z.optional(QuoteSchema),
});

export type QuoteRequest = z.infer<typeof QuoteRequestSchema>;
export type OrderRequest = z.infer<typeof OrderRequestSchema>;
export type Order = z.infer<typeof OrderSchema>;
export type OrderStatus = z.infer<typeof OrderStatusSchema>;
export type Instructions = z.infer<typeof InstructionsSchema>;
export type Customer = z.infer<typeof CustomerSchema>;
export type AuthResponse = z.infer<typeof AuthResponseSchema>;
export type PaymentMethods = z.infer<typeof PaymentMethodsSchema>;
export type SavedPaymentMethod = PaymentMethods['items'][number];
export type Subscriptions = z.infer<typeof SubscriptionsSchema>;
export type SubscriptionItem = Subscriptions['items'][number];
export type Problem = z.infer<typeof ProblemSchema>;
export type ApiFieldError = z.infer<typeof FieldErrorSchema>;
export type LoginRequest = z.infer<typeof LoginRequestSchema>;
export type ResumeSessionRequest = z.infer<typeof ResumeSessionRequestSchema>;
export type RegisterRequest = z.infer<typeof RegisterRequestSchema>;

// The domain's hand-written shapes and the contract must agree (compile-time check).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree: [
  Same<z.infer<typeof QuoteSchema>, Quote>,
  Same<z.infer<typeof HolderSchema>, Holder>,
  Same<Omit<QuoteRequest, 'subscriptionId' | 'splitPayment'>, Omit<Selection, 'subscriptionId'>>,
] = [true, true, true];
void agree;

/** Problem type URIs: `${PROBLEM_BASE}${code}`. */
export const PROBLEM_BASE = 'https://cassa.dev/problems/';
export const PROBLEM_CODES = [
  'invalid-json',
  'missing-idempotency-key',
  'unauthorized',
  'ineligible-customer',
  'forbidden',
  'not-found',
  'price-changed',
  'request-in-progress',
  'payload-too-large',
  'invalid-selection',
  'invalid-request',
  'payment-refused',
  'payment-method-in-use',
  'rate-limited',
  'server-error',
  'service-unavailable',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];
