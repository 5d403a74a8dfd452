// The customer area's calls (issue 24), over the checkout's client (the same ky instance, retries,
// token and closed error codes): GETs are retried, changes are not (each is safe to repeat by hand:
// a PATCH sets a value, a DELETE of a removed method is a 404).
import {
  AccountInvoicesSchema,
  AccountOrdersSchema,
  AccountSubscriptionsSchema,
  AccountSubscriptionSchema,
  ProviderRedirectSchema,
  type PaymentMethodSetup,
  type SubscriptionUpdate,
  type TopUpRequest,
} from './account-schemas.ts';
import { PaymentMethodsSchema } from './schemas.ts';
import type { CallOptions, CassaClient } from './types.ts';

const id = encodeURIComponent;

export function accountCalls(client: CassaClient) {
  return {
    subscriptions: (o?: CallOptions) =>
      client.request('GET', 'v1/me/subscriptions', AccountSubscriptionsSchema, o),
    paymentMethods: (o?: CallOptions) =>
      client.request('GET', 'v1/me/payment-methods', PaymentMethodsSchema, o),
    invoices: (o?: CallOptions) =>
      client.request('GET', 'v1/me/invoices', AccountInvoicesSchema, o),
    awaitingOrders: (o?: CallOptions) =>
      client.request('GET', 'v1/me/orders?status=awaiting_payment', AccountOrdersSchema, o),
    updateSubscription: (subscriptionId: string, change: SubscriptionUpdate, o?: CallOptions) =>
      client.request(
        'PATCH',
        `v1/subscriptions/${id(subscriptionId)}`,
        AccountSubscriptionSchema,
        o,
        change,
      ),
    /** With `replacementId`, the auto-renewals that used it move to that method first. */
    removePaymentMethod: (methodId: string, replacementId?: string, o?: CallOptions) =>
      client.request(
        'DELETE',
        `v1/me/payment-methods/${id(methodId)}` +
          (replacementId ? `?replacement=${id(replacementId)}` : ''),
        null,
        o,
      ),
    addPaymentMethod: (request: PaymentMethodSetup, o?: CallOptions) =>
      client.request('POST', 'v1/me/payment-methods', ProviderRedirectSchema, o, request),
    topUp: (request: TopUpRequest, o?: CallOptions) =>
      client.request('POST', 'v1/me/credit/top-ups', ProviderRedirectSchema, o, request),
    /** An invoice's XML (`xmlUrl` of the list), as text, with the customer's token. */
    invoiceXml: (xmlUrl: string, o?: CallOptions) =>
      client.request('GET', xmlUrl.replace(/^\//, ''), { raw: true, safeParse: xmlText }, o),
  };
}

export type AccountCalls = ReturnType<typeof accountCalls>;

/** An XML body, read as text (`raw`). */
function xmlText(input: unknown): { success: true; data: string } | { success: false } {
  return typeof input === 'string' ? { success: true, data: input } : { success: false };
}
