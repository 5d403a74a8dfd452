// Sample events of every type the contract defines (src/api/webhooks.ts), as a backend sends
// them: a bank-transfer order, its payment, a renewal, a renewal the bank wants authenticated,
// a failed renewal, PEC add-ons renewed
// from credit and deactivated. Each is parsed with the contract's schema before it is sent.
import type { Order } from '../../src/api/schemas.ts';
import {
  WEBHOOK_EVENT_TYPES,
  WebhookEventSchemas,
  type WebhookEventType,
} from '../../src/api/webhooks.ts';

const order = (status: Order['status']): Order => ({
  id: '7d1f0c3e-0000-4000-8000-00000000c0a5',
  number: '2026-000042',
  status,
  totalCents: 14640,
  currency: 'EUR',
  productId: 'certified-platform',
  planId: 'base',
  addons: [{ id: 'extra-users', quantity: 1 }],
  years: 1,
  paymentMethod: status === 'awaiting_payment' ? 'bank_transfer' : 'card',
  autoRenew: status !== 'awaiting_payment',
  ...(status === 'awaiting_payment'
    ? {
        instructions: {
          method: 'bank_transfer' as const,
          beneficiary: 'Cassa Demo S.r.l.',
          account: 'IT60X0542811101000000123456',
          amountCents: 14640,
          currency: 'EUR' as const,
          reference: 'Ordine 2026-000042',
        },
      }
    : {}),
});

const service = (status: 'active' | 'action_required' | 'renewal_failed') => ({
  id: 'svc_7d1f0c3e',
  orderId: '7d1f0c3e-0000-4000-8000-00000000c0a5',
  orderNumber: '2026-000042',
  productId: 'certified-platform',
  planId: 'base',
  status,
  expiresOn: status === 'active' ? '2028-01-15' : '2027-01-15',
  autoRenew: status !== 'renewal_failed',
  nextChargeOn: status === 'active' ? '2028-01-08' : null,
  renewalTotalCents: 16104,
  refusedAttempts: status === 'renewal_failed' ? 4 : 0,
});

const mailbox = {
  id: 'sub_conformance',
  productId: 'pec-addons',
  label: 'mario.rossi@architettitorinopec.it',
  expiresOn: '2027-08-01',
};

const DATA: Record<WebhookEventType, Record<string, unknown>[]> = {
  'order.completed': [{ order: order('awaiting_payment') }, { order: order('paid') }],
  'order.payment_received': [{ order: { ...order('awaiting_payment'), status: 'paid' } }],
  'subscription.renewed': [
    { subscription: service('active'), order: order('paid') },
    {
      subscription: mailbox,
      addons: [{ id: 'extra-space', quantity: 1 }],
      chargedCents: 366,
      creditCents: 1634,
    },
  ],
  'subscription.renewal_failed': [
    { subscription: service('renewal_failed'), order: order('paid') },
  ],
  'subscription.renewal_action_required': [
    {
      subscription: { ...service('action_required'), expiresOn: '2027-01-15' },
      order: order('paid'),
      action: {
        type: 'authentication',
        url: 'https://shop.example/api/renewal-payments/rp_conformance',
        expiresOn: '2027-01-15',
      },
    },
  ],
  'addon.deactivated': [
    {
      subscription: mailbox,
      addons: [{ id: 'extra-space', quantity: 1 }],
      reason: 'insufficient_credit',
      requiredCents: 366,
      creditCents: 100,
      deactivatedOn: '2026-08-01',
    },
  ],
  'subscription.updated': [
    {
      subscription: {
        id: '7d1f0c3e-0000-4000-8000-0000000051e5',
        productId: 'certified-platform',
        label: 'Certified Platform',
        expiresOn: '2027-08-01',
        planId: 'base',
        years: 1,
        status: 'active',
        addons: [],
        autoRenew: false,
        nextCharge: null,
        paymentMethodId: null,
        orderId: '7d1f0c3e-0000-4000-8000-00000000c0a5',
      },
      changes: ['autoRenew'],
    },
  ],
};

export interface SampleEvent {
  type: WebhookEventType;
  /** Which sample of its type (several shapes of `data` for one type). */
  variant: number;
  body: {
    type: WebhookEventType;
    timestamp: string;
    subject: { type: 'order' | 'subscription'; id: string };
    sequence: number;
    data: Record<string, unknown>;
  };
}

/** The subject an event is about: its order, or its subscription (a service or a mailbox). */
function subjectOf(data: Record<string, unknown>): SampleEvent['body']['subject'] {
  const subscription = data.subscription as { id: string } | undefined;
  if (subscription) return { type: 'subscription', id: subscription.id };
  return { type: 'order', id: (data.order as { id: string }).id };
}

/** Every sample, checked against the contract's schema of its type (throws if one is not). */
export function sampleEvents(now = new Date()): SampleEvent[] {
  const sequences = new Map<string, number>();
  return WEBHOOK_EVENT_TYPES.flatMap((type) =>
    DATA[type].map((data, variant) => {
      const subject = subjectOf(data);
      const key = `${subject.type}:${subject.id}`;
      const sequence = (sequences.get(key) ?? 0) + 1;
      sequences.set(key, sequence);
      const body = { type, timestamp: now.toISOString(), subject, sequence, data };
      const parsed = WebhookEventSchemas[type].safeParse(body);
      if (!parsed.success)
        throw new Error(`the sample ${type} #${variant + 1} breaks the contract's schema`);
      return { type, variant, body };
    }),
  );
}
