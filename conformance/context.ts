// What the checks share: the options, the client, and what earlier checks learned or created.
import type { AccountSubscription } from '../src/api/account-schemas.ts';
import type {
  AuthResponse,
  Order,
  OrderRequest,
  QuoteRequest,
  SubscriptionItem,
} from '../src/api/schemas.ts';
import type { Product } from '../src/domain/catalog.ts';
import type { Quote } from '../src/domain/types.ts';
import type { BackendClient } from './http.ts';

export interface ConformanceOptions {
  /** Base URL of the backend, e.g. `http://localhost:8080/api` (paths are relative to it). */
  backend: string;
  /** The products whose catalog, quotes and orders are checked (term-priced and co-termed). */
  productIds: string[];
  /** An origin the backend should allow (CORS checks run only with one). */
  origin?: string;
  username?: string;
  password?: string;
  /** Bearer secret of `POST /v1/portal/sessions`, to mint a session for `username`. */
  portalSecret?: string;
  /** Creates no account and no order: no registration, no `POST /v1/orders`. */
  readOnly: boolean;
  /** An order id and resume token from a payment page's return URL. */
  resume?: { orderId: string; token: string };
  /** Only these areas run (the others are reported as not selected). */
  areas?: string[];
  timeoutMs: number;
}

export interface Buyer {
  token: string;
  /** How the session was obtained. */
  via: 'login' | 'portal session' | 'registration';
  /** The account's username, when the kit registered it. */
  username?: string;
}

/** An order placed by the kit, with what it asked for. */
export interface PlacedOrder {
  request: OrderRequest;
  order: Order;
  /** The session that placed it. */
  token: string;
}

export interface ConformanceContext {
  client: BackendClient;
  options: ConformanceOptions;
  /** A random tag for this run, in throwaway usernames and idempotency keys. */
  runId: string;
  /** Every product of --product that loaded. */
  products: Product[];
  /** The first term-priced product: quotes, orders and payment pages are checked with it. */
  product?: Product;
  /** The first co-termed product (add-ons on a subscription, e.g. PEC mailboxes). */
  mailboxProduct?: Product;
  /** A selection the catalog allows, and its quote. */
  selection?: QuoteRequest;
  quote?: Quote;
  buyer?: Buyer;
  /** A second customer, for "another customer's order is a 404". */
  otherBuyer?: Buyer;
  /** The order created by the idempotency checks, with its request and key. */
  order?: { request: OrderRequest; key: string; status: number; body: unknown; order: Order };
  /** Orders by card or PayPal, their payment pages driven to the end (with their resume tokens). */
  paidOnline?: { order: Order; resume?: { orderId: string; token: string } }[];
  /** The buyer's subscription of the co-termed product, and the account's credit. */
  mailbox?: { subscription: SubscriptionItem; creditCents: number };
  /** The services the run's paid orders started, as the customer area listed them. */
  services?: AccountSubscription[];
  /** The URL payment pages come back to (on --origin, else on the backend's own origin). */
  returnUrl: string;
  /** Orders placed so far, for the checks that read them back. */
  placed: PlacedOrder[];
}

export type { AuthResponse };
