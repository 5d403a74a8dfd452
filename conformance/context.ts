// What the checks share: the options, the client, and what earlier checks learned or created.
import type { AuthResponse, Order, OrderRequest, QuoteRequest } from '../src/api/schemas.ts';
import type { Product } from '../src/domain/catalog.ts';
import type { Quote } from '../src/domain/types.ts';
import type { BackendClient } from './http.ts';

export interface ConformanceOptions {
  /** Base URL of the backend, e.g. `http://localhost:8080/api` (paths are relative to it). */
  backend: string;
  /** The product whose catalog, quotes and orders are checked. */
  productId: string;
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
  timeoutMs: number;
}

export interface Buyer {
  token: string;
  /** How the session was obtained. */
  via: 'login' | 'portal session' | 'registration';
}

export interface ConformanceContext {
  client: BackendClient;
  options: ConformanceOptions;
  /** A random tag for this run, in throwaway usernames and idempotency keys. */
  runId: string;
  product?: Product;
  /** A selection the catalog allows, and its quote. */
  selection?: QuoteRequest;
  quote?: Quote;
  buyer?: Buyer;
  /** A second customer, for "another customer's order is a 404". */
  otherBuyer?: Buyer;
  /** The order created by the idempotency checks, with its request and key. */
  order?: { request: OrderRequest; key: string; status: number; body: unknown; order: Order };
}

export type { AuthResponse };
