// The signed webhooks a backend sends to the seller's server (README "Fulfil from the webhook"),
// as zod/mini schemas: the body `{ type, timestamp, data }` of each event type. Objects are
// loose: a backend may add members (an additive change), as with the problem details.
import * as z from 'zod/mini';
import { cents, int, isoDate } from '../domain/contract-values.ts';
import { AccountSubscriptionSchema } from './account-schemas.ts';
import { AddonQuantitySchema, OrderSchema } from './schemas.ts';

export const WEBHOOK_EVENT_TYPES = [
  'order.completed',
  'order.payment_received',
  'subscription.renewed',
  'subscription.renewal_failed',
  'subscription.renewal_action_required',
  'addon.deactivated',
  'subscription.updated',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** A term-priced order's service (a Certified Platform subscription). */
export const ServiceSchema = z.looseObject({
  id: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  productId: z.string(),
  planId: z.string(),
  status: z.string(),
  expiresOn: z.nullable(isoDate()),
  autoRenew: z.boolean(),
  nextChargeOn: z.nullable(isoDate()),
  /**
   * What the next renewal charges: the service's current term, or under split payment (a public
   * administration) its taxable amount — the same as the order's `nextCharge.totalCents`.
   */
  renewalTotalCents: cents(),
  refusedAttempts: int(),
});

/** A subscription add-ons attach to (a PEC mailbox), as GET /v1/me/subscriptions lists it. */
export const MailboxSchema = z.looseObject({
  id: z.string(),
  productId: z.string(),
  label: z.string(),
  expiresOn: isoDate(),
});

const OrderEventData = z.looseObject({ order: OrderSchema });
const ServiceEventData = z.looseObject({ subscription: ServiceSchema, order: OrderSchema });
const AddonsRenewedData = z.looseObject({
  subscription: MailboxSchema,
  addons: z.array(AddonQuantitySchema),
  chargedCents: cents(),
  creditCents: cents(),
});

/** What an event is about: events of one subject come in the order of their `sequence`. */
export const WebhookSubjectSchema = z.object({
  type: z.enum(['order', 'subscription']),
  id: z.string(),
});

const event = <T extends WebhookEventType, D extends z.ZodMiniType>(type: T, data: D) =>
  z.looseObject({
    type: z.literal(type),
    timestamp: z.string(),
    /** Optional (additive): the subject and its sequence number, 1, 2, … per subject. */
    subject: z.optional(WebhookSubjectSchema),
    sequence: z.optional(z.int().check(z.positive())),
    data,
  });

export const WebhookEventSchemas = {
  'order.completed': event('order.completed', OrderEventData),
  'order.payment_received': event('order.payment_received', OrderEventData),
  'subscription.renewed': event(
    'subscription.renewed',
    z.union([ServiceEventData, AddonsRenewedData]),
  ),
  'subscription.renewal_failed': event('subscription.renewal_failed', ServiceEventData),
  /**
   * The bank asked for the buyer's strong authentication of a renewal charge: nothing charged,
   * the buyer was emailed `action.url` (it pays the renewal until `action.expiresOn`, the expiry;
   * then `subscription.renewal_failed`).
   */
  'subscription.renewal_action_required': event(
    'subscription.renewal_action_required',
    z.looseObject({
      subscription: ServiceSchema,
      order: OrderSchema,
      action: z.looseObject({
        type: z.literal('authentication'),
        url: z.string(),
        expiresOn: isoDate(),
      }),
    }),
  ),
  'addon.deactivated': event(
    'addon.deactivated',
    z.looseObject({
      subscription: MailboxSchema,
      addons: z.array(AddonQuantitySchema),
      reason: z.string(),
      requiredCents: cents(),
      creditCents: cents(),
      deactivatedOn: isoDate(),
    }),
  ),
  /** The buyer changed it in the customer area (auto-renew, the renewal method): its state now. */
  'subscription.updated': event(
    'subscription.updated',
    z.looseObject({
      subscription: AccountSubscriptionSchema,
      changes: z.array(z.enum(['autoRenew', 'paymentMethodId', 'addons'])),
    }),
  ),
} as const satisfies Record<WebhookEventType, z.ZodMiniType>;

export const WebhookEventSchema = z.union(Object.values(WebhookEventSchemas));
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;
