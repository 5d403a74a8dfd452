// After the sale (issue 22): the present of what a customer bought and their invoices, as
// `GET /v1/orders/{id}`, `GET /v1/me/subscriptions`, `GET /v1/me/invoices` and webhooks show it.
// Apart from schemas.ts so that the widget, which reads none of it, does not carry it: the
// widget's OrderSchema and SubscriptionsSchema parse these answers too (unknown members are
// dropped). Exported by `cassa/contract` and in the OpenAPI document.
import * as z from 'zod/mini';
import { cents, int, isoDate } from '../domain/contract-values.ts';
import { OrderSchema, SubscriptionItemSchema } from './schemas.ts';

/** An add-on of a subscription as it is today (`deactivated`: not renewed for want of credit). */
export const AddonStateSchema = z.object({
  id: z.string(),
  quantity: int(),
  status: z.enum(['active', 'deactivated', 'expired']),
  expiresOn: isoDate(),
  deactivatedOn: z.nullable(isoDate()),
});

/** The next automatic charge: when, and how much (VAT included). */
export const NextChargeSchema = z.object({ date: isoDate(), totalCents: cents() });

/** One invoice of the customer's (GET /v1/me/invoices); links are relative to the backend. */
export const InvoiceSummarySchema = z.object({
  id: z.string(),
  /** `F-2026-000001`. */
  number: z.string(),
  issuedOn: isoDate(),
  /** `order`: a sale; `renewal`: a term renewed by card or PayPal; `addon_renewal`: from credit. */
  kind: z.enum(['order', 'renewal', 'addon_renewal']),
  orderId: z.nullable(z.string()),
  orderNumber: z.string(),
  subscriptionId: z.nullable(z.string()),
  periodStart: z.nullable(isoDate()),
  periodEnd: z.nullable(isoDate()),
  currency: z.literal('EUR'),
  taxableCents: cents(),
  vatCents: cents(),
  totalCents: cents(),
  /** What the buyer paid: the total, or the taxable amount under split payment. */
  paidCents: cents(),
  format: z.enum(['FPR12', 'FPA12']),
  splitPayment: z.boolean(),
  /** Where it was sent through SDI: a Codice Destinatario or a PEC address. */
  sentTo: z.object({ channel: z.enum(['sdi', 'pec']), to: z.string() }),
  /** The FatturaPA XML and the readable copy (HTML), for the owner's bearer token. */
  xmlUrl: z.string(),
  copyUrl: z.string(),
});

export const InvoicesSchema = z.object({ items: z.array(InvoiceSummarySchema) });

/** An order as it is now: the order, plus (additive, optional) the present of what it bought. */
export const OrderViewSchema = z.extend(OrderSchema, {
  /**
   * The end of the period paid (Certified Platform) or the mailbox's expiry (add-ons), the next
   * automatic charge (null when none), each add-on's status, the order's invoices (owner only).
   */
  expiresOn: z.optional(z.nullable(isoDate())),
  nextCharge: z.optional(z.nullable(NextChargeSchema)),
  addonStates: z.optional(z.array(AddonStateSchema)),
  invoices: z.optional(z.array(InvoiceSummarySchema)),
});

/** Subscriptions as they are now: each with (additive, optional) its add-ons and next charge. */
export const SubscriptionsViewSchema = z.object({
  creditCents: cents(),
  items: z.array(
    z.extend(SubscriptionItemSchema, {
      /** Each add-on bought for it, with its status today. */
      addons: z.optional(z.array(AddonStateSchema)),
      /** Whether the subscription itself renews at expiry (the Ordine pays for it). */
      autoRenew: z.optional(z.boolean()),
      /** The next charge of its add-ons from credit, null when none is due. */
      nextCharge: z.optional(z.nullable(NextChargeSchema)),
    }),
  ),
});

export type InvoiceSummary = z.infer<typeof InvoiceSummarySchema>;
export type Invoices = z.infer<typeof InvoicesSchema>;
export type AddonState = z.infer<typeof AddonStateSchema>;
export type OrderView = z.infer<typeof OrderViewSchema>;
export type SubscriptionView = z.infer<typeof SubscriptionsViewSchema>['items'][number];
