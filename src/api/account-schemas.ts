// The customer area's part of the HTTP contract (issue 24, DESIGN.md 2.1): what `<cassa-account>`
// reads and changes after a purchase. Part of the one contract with ./schemas.ts (the server
// parses requests with these, the widget answers, GET /v1/openapi.json describes them), kept in a
// file of its own so that the checkout's first step never loads it: only the customer area's file
// and the server import it.
import * as z from 'zod/mini';
import { cents, filled, int, isoDate, text } from '../domain/contract-values.ts';
import { OrderSchema } from './schemas.ts';

/** An add-on of a subscription, as it is today. */
export const AccountAddonSchema = z.object({
  id: z.string(),
  quantity: int(),
  /**
   * `active` (paid, renews with the subscription), `free` (free until `freeUntil`, then renews),
   * `deactivated` (not renewed: the credit did not cover it, or auto-renew was off; it may be
   * bought again).
   */
  status: z.enum(['active', 'free', 'deactivated']),
  /** The end of the period it is active for (the subscription's expiry). */
  expiresOn: isoDate(),
  freeUntil: z.nullable(isoDate()),
  deactivatedOn: z.nullable(isoDate()),
});

/** The next automatic charge of a subscription. */
export const AccountNextChargeSchema = z.object({
  date: isoDate(),
  totalCents: cents(),
  /** `card`/`paypal`: the saved method `paymentMethodId`; `credit`: the prepaid credit. */
  source: z.enum(['card', 'paypal', 'credit']),
});

/**
 * A subscription as the customer area shows it: a Certified Platform service (its order is
 * `orderId`) or a PEC mailbox (`productId: 'pec-addons'`, `label`: the address). A superset of the
 * checkout's `SubscriptionsSchema` item: the same `GET /v1/me/subscriptions` answers both (the
 * checkout's schema drops the fields it does not read).
 */
export const AccountSubscriptionSchema = z.object({
  id: z.string(),
  productId: z.string(),
  label: z.string(),
  expiresOn: isoDate(),
  /** The plan (Certified Platform), `member` for a PEC mailbox. */
  planId: z.optional(z.string()),
  /** The renewal term in years (Certified Platform). */
  years: z.optional(int()),
  /**
   * `action_required`: the bank asked for the buyer's authentication of the renewal charge; the
   * service stays active until its expiry, and `actionUrl` (when given) completes the payment.
   */
  status: z._default(z.enum(['active', 'action_required', 'renewal_failed', 'expired']), 'active'),
  /**
   * `action_required`: where the buyer completes the renewal payment (with their bank's
   * authentication), relative to the backend as the contract's other paths, or absolute.
   */
  actionUrl: z.optional(z.string()),
  addons: z._default(z.array(AccountAddonSchema), []),
  /** Whether it renews by itself at expiry (card/PayPal for a service, credit for add-ons). */
  autoRenew: z._default(z.boolean(), false),
  nextCharge: z._default(z.nullable(AccountNextChargeSchema), null),
  /** The saved card or PayPal account the renewal is charged to (Certified Platform). */
  paymentMethodId: z._default(z.nullable(z.string()), null),
  /** The order that started it (Certified Platform), for buying more on it. */
  orderId: z._default(z.nullable(z.string()), null),
});

export const AccountSubscriptionsSchema = z.object({
  creditCents: cents(),
  items: z.array(AccountSubscriptionSchema),
});

/** `PATCH /v1/subscriptions/{id}`: what the buyer changes (at least one member). */
export const SubscriptionUpdateSchema = z.object({
  autoRenew: z.optional(z.boolean()),
  /** A saved method of the caller's (card or PayPal) the renewal will be charged to. */
  paymentMethodId: z.optional(text(64)),
});

/** The provider page a top-up or a new payment method continues on (like an order's action). */
export const ProviderRedirectSchema = z.object({
  id: z.string(),
  action: z.object({ type: z.literal('redirect'), url: z.string() }),
});

/** `POST /v1/me/payment-methods`: save a new card or PayPal account on the provider's page. */
export const PaymentMethodSetupSchema = z.object({
  type: z.enum(['card', 'paypal']),
  returnUrl: filled(2000),
  locale: z.optional(z.enum(['it', 'en'])),
});

/** `POST /v1/me/credit/top-ups`: load the prepaid credit by card on the provider's page. */
export const TopUpRequestSchema = z.object({
  amountCents: cents(),
  returnUrl: filled(2000),
  locale: z.optional(z.enum(['it', 'en'])),
});

/** One invoice of the customer's (FatturaPA), `GET /v1/me/invoices`. */
export const AccountInvoiceSchema = z.object({
  id: z.string(),
  number: z.string(),
  issuedOn: isoDate(),
  orderId: z.nullable(z.string()),
  orderNumber: z.optional(z.string()),
  subscriptionId: z._default(z.nullable(z.string()), null),
  taxableCents: z.optional(cents()),
  vatCents: z.optional(cents()),
  totalCents: cents(),
  currency: z._default(z.literal('EUR'), 'EUR'),
  /** Where the electronic invoice was sent: an SDI recipient code or a PEC address. */
  sentTo: z.object({
    channel: z.enum(['sdi', 'pec']),
    /** The code or address (the reference server's `to`; `address` accepted too). */
    to: z.optional(z.string()),
    address: z.optional(z.string()),
  }),
  /** The XML, relative to the backend: needs the customer's token (`GET /v1/orders/{id}/invoice`). */
  xmlUrl: z.string(),
  /** The readable copy (a capability link, absolute or relative to the backend), when there is one. */
  copyUrl: z._default(z.nullable(z.string()), null),
});

export const AccountInvoicesSchema = z.object({ items: z.array(AccountInvoiceSchema) });

/** `GET /v1/me/orders?status=awaiting_payment`: orders still waiting for a transfer or slip. */
export const AccountOrdersSchema = z.object({ items: z.array(OrderSchema) });

/** The `subscription.updated` webhook's data: the subscription after the buyer's change. */
export const SubscriptionUpdatedSchema = z.object({
  subscription: AccountSubscriptionSchema,
  changes: z.array(z.enum(['autoRenew', 'paymentMethodId'])),
});

export type AccountAddon = z.infer<typeof AccountAddonSchema>;
export type AccountNextCharge = z.infer<typeof AccountNextChargeSchema>;
export type AccountSubscription = z.infer<typeof AccountSubscriptionSchema>;
export type AccountSubscriptions = z.infer<typeof AccountSubscriptionsSchema>;
export type SubscriptionUpdate = z.infer<typeof SubscriptionUpdateSchema>;
export type ProviderRedirect = z.infer<typeof ProviderRedirectSchema>;
export type PaymentMethodSetup = z.infer<typeof PaymentMethodSetupSchema>;
export type TopUpRequest = z.infer<typeof TopUpRequestSchema>;
export type AccountInvoice = z.infer<typeof AccountInvoiceSchema>;
export type AccountInvoices = z.infer<typeof AccountInvoicesSchema>;
export type AccountOrders = z.infer<typeof AccountOrdersSchema>;

/** Problem code of a refused `DELETE /v1/me/payment-methods/{id}`: an auto-renewal uses it. */
export const METHOD_IN_USE = 'payment-method-in-use';
