// What the API client promises its callers (the checkout store): typed values or one closed ErrorCode.
import type { ErrorCode } from '../domain/errors.ts';
import type { Product } from '../domain/catalog.ts';
import type { Quote } from '../domain/types.ts';
import type {
  ApiFieldError,
  AuthResponse,
  Customer,
  LoginRequest,
  Order,
  OrderRequest,
  PaymentMethods,
  QuoteRequest,
  RegisterRequest,
  Subscriptions,
} from './schemas.ts';

export interface ApiError {
  code: ErrorCode;
  /** HTTP status when the server answered. */
  status?: number;
  /** The server's `detail`, for logs and fallbacks; the widget shows its own translated text. */
  detail?: string;
  /** Field errors of a 422 (paths such as `holder.vatNumber`, `addons.0.quantity`). */
  fieldErrors: ApiFieldError[];
  /** Whether trying the same call again may succeed. */
  retryable: boolean;
  /** The fresh quote of a 409 price change. */
  quote?: Quote;
  /** Seconds from `Retry-After` (429, 409 request-in-progress). */
  retryAfterSeconds?: number;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export interface CallOptions {
  signal?: AbortSignal;
}

export interface CassaClient {
  readonly backend: string;
  /** Bearer token sent on every call once set (login, register, host session token). */
  token: string | null;
  getProduct(productId: string, options?: CallOptions): Promise<ApiResult<Product>>;
  quote(request: QuoteRequest, options?: CallOptions): Promise<ApiResult<Quote>>;
  login(request: LoginRequest, options?: CallOptions): Promise<ApiResult<AuthResponse>>;
  register(request: RegisterRequest, options?: CallOptions): Promise<ApiResult<AuthResponse>>;
  logout(options?: CallOptions): Promise<ApiResult<null>>;
  me(options?: CallOptions): Promise<ApiResult<Customer>>;
  paymentMethods(options?: CallOptions): Promise<ApiResult<PaymentMethods>>;
  subscriptions(options?: CallOptions): Promise<ApiResult<Subscriptions>>;
  /** Re-sending with the same key is safe: the server answers the first order. */
  createOrder(
    request: OrderRequest,
    idempotencyKey: string,
    options?: CallOptions,
  ): Promise<ApiResult<Order>>;
  /**
   * After a cancelled or refused payment page (`orderId`), or back from adding a payment method in
   * the customer area (`setupId`): the return URL's resume token opens a session once
   * (`POST /v1/auth/resume`), so the buyer is not asked to log in again.
   */
  resumeSession?(
    request: ({ orderId: string } | { setupId: string }) & { resumeToken: string },
    options?: CallOptions,
  ): Promise<ApiResult<AuthResponse>>;
  /**
   * Any other call of the contract (the customer area's, src/api/account-client.ts): parsed by
   * `schema` (`null`: no body expected), not retried unless it is a GET.
   */
  request<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    schema: {
      raw?: boolean;
      safeParse(input: unknown): { success: true; data: T } | { success: false };
    } | null,
    options?: CallOptions,
    body?: object,
  ): Promise<ApiResult<T>>;
  /** With `resumeToken` (after a payment page) reads that one order without a session. */
  getOrder(id: string, options?: CallOptions & { resumeToken?: string }): Promise<ApiResult<Order>>;
}
