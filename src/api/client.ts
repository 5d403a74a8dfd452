// The widget's HTTP client (DESIGN.md 3.3): ky underneath, every answer parsed by its schema
// (a backend is untrusted input) and turned into an ApiResult with one closed ErrorCode.
import ky, { type HTTPError, type KyInstance, type Options } from 'ky';
import type { ErrorCode } from '../domain/errors.ts';
import {
  AuthResponseSchema,
  CustomerSchema,
  OrderSchema,
  PaymentMethodsSchema,
  ProblemSchema,
  ProductSchema,
  QuoteSchema,
  SubscriptionsSchema,
} from './schemas.ts';
import type { ApiError, ApiResult, CallOptions, CassaClient } from './types.ts';

export interface ClientOptions {
  /** Per attempt, until the response headers arrive. Default 10 s. */
  timeoutMs?: number;
  /** Replaces the global `fetch` (tests, server-side use). */
  fetch?: typeof fetch;
  /** Wait before retry number `attempt` (1, 2); default 300 ms, 600 ms. A `Retry-After` wins (capped). */
  retryDelayMs?: (attempt: number) => number;
}

interface Schema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false };
}

/** Longest `Retry-After` honoured between automatic retries. */
const RETRY_AFTER_CAP_MS = 5000;
const RETRYABLE: ErrorCode[] = ['network', 'timeout', 'server', 'invalid_response'];

const json = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
const problemOf = async (response: Response) =>
  ProblemSchema.safeParse(json(await response.text().catch(() => ''))).data;
/** Last segment of the problem `type` URI: `…/price-changed` → `price-changed`. */
const problemCode = (type = '') => type.slice(type.lastIndexOf('/') + 1);

const instances = new Map<string, KyInstance>();

/** One ky instance per backend: the retry policy lives here, per-client settings extend it. */
function instanceFor(backend: string): KyInstance {
  let instance = instances.get(backend);
  if (!instance) {
    instance = ky.create({
      prefixUrl: backend,
      retry: {
        limit: 2,
        // Reads only; POST /v1/orders opts in per call (its Idempotency-Key makes it safe).
        methods: ['get'],
        statusCodes: [408, 409, 429, 500, 502, 503, 504],
        afterStatusCodes: [409, 429, 503],
        maxRetryAfter: RETRY_AFTER_CAP_MS,
        retryOnTimeout: true,
        // Of the 409s only `request-in-progress` is worth repeating: a price change is an answer.
        shouldRetry: async ({ error }) => {
          const response = (error as Partial<HTTPError>).response;
          return response?.status === 409 &&
            problemCode((await problemOf(response.clone()))?.type) !== 'request-in-progress'
            ? false
            : undefined;
        },
      },
    });
    instances.set(backend, instance);
  }
  return instance;
}

function codeOf(status: number, problem: string): ErrorCode {
  if (status === 402 || problem === 'payment-refused') return 'payment_refused';
  if (status === 401) return 'unauthorized';
  if (status === 403)
    return problem === 'ineligible-customer' ? 'ineligible_customer' : 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return problem === 'price-changed' ? 'price_changed' : 'server';
  if (status === 429) return 'rate_limited';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'server';
  return [400, 413, 422].includes(status) ? 'invalid_selection' : 'invalid_response';
}

const failure = (code: ErrorCode, status?: number, more?: Partial<ApiError>): ApiResult<never> => ({
  ok: false,
  error: { code, status, fieldErrors: [], retryable: RETRYABLE.includes(code), ...more },
});

async function fromErrorResponse(response: Response): Promise<ApiResult<never>> {
  const { status, headers } = response;
  const problem = await problemOf(response);
  const code = codeOf(status, problemCode(problem?.type));
  const retryAfter = headers.get('retry-after');
  // Seconds, or an HTTP date.
  const seconds = retryAfter
    ? Math.max(
        0,
        /^\d+$/.test(retryAfter)
          ? +retryAfter
          : Math.ceil((Date.parse(retryAfter) - Date.now()) / 1000),
      )
    : NaN;
  return failure(code, status, {
    detail: problem?.detail,
    fieldErrors: problem?.errors ?? [],
    quote: code === 'price_changed' ? problem?.quote : undefined,
    retryAfterSeconds: seconds >= 0 ? seconds : undefined,
  });
}

/**
 * A client of one backend (`backend` is the base URL, e.g. `https://shop.example/api`).
 *
 * Every call resolves to an `ApiResult`: a value parsed by its schema, or an error with a closed
 * `ErrorCode` (`invalid_response` for a body that is not JSON or not the contract's shape).
 * GETs and `createOrder` (re-sent with the same `Idempotency-Key`) are retried up to twice on a
 * network error, a timeout, 408/429/5xx or a 409 `request-in-progress`; quotes, login and
 * register never are. `login`/`register` store the returned token in `token`; `logout` clears it.
 *
 * Aborting: when `options.signal` aborts, the call **rejects** with `signal.reason` (an
 * `AbortError` unless the caller gave another reason), as `fetch` does; it never resolves.
 */
export function createClient(backend: string, options: ClientOptions = {}): CassaClient {
  const http = instanceFor(backend).extend({
    timeout: options.timeoutMs ?? 10_000,
    fetch: options.fetch,
    retry: { delay: options.retryDelayMs },
  });

  async function call<T>(
    method: string,
    path: string,
    schema: Schema<T> | null,
    { signal }: CallOptions = {},
    extra: Options & { headers?: Record<string, string> } = {},
  ): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { ...extra.headers };
    if (client.token) headers.authorization = `Bearer ${client.token}`;
    try {
      const response = await http(path, { ...extra, method, signal, headers });
      if (!schema) return { ok: true, value: null as T };
      const parsed = schema.safeParse(json(await response.text()));
      return parsed.success
        ? { ok: true, value: parsed.data }
        : failure('invalid_response', response.status);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const { name, response } = error as { name?: string; response?: Response };
      if (name === 'HTTPError' && response) return fromErrorResponse(response);
      return failure(name === 'TimeoutError' ? 'timeout' : 'network');
    }
  }

  async function authenticate(path: string, body: object, callOptions?: CallOptions) {
    const result = await call('post', path, AuthResponseSchema, callOptions, { json: body });
    if (result.ok) client.token = result.value.token;
    return result;
  }

  const client: CassaClient = {
    backend,
    token: null,
    getProduct: (id, o) => call('get', `v1/products/${encodeURIComponent(id)}`, ProductSchema, o),
    quote: (body, o) => call('post', 'v1/quotes', QuoteSchema, o, { json: body }),
    login: (body, o) => authenticate('v1/auth/login', body, o),
    register: (body, o) => authenticate('v1/auth/register', body, o),
    logout: async (o) => {
      const result = await call<null>('post', 'v1/auth/logout', null, o);
      client.token = null;
      return result;
    },
    me: (o) => call('get', 'v1/me', CustomerSchema, o),
    paymentMethods: (o) => call('get', 'v1/me/payment-methods', PaymentMethodsSchema, o),
    subscriptions: (o) => call('get', 'v1/me/subscriptions', SubscriptionsSchema, o),
    createOrder: (body, idempotencyKey, o) =>
      call('post', 'v1/orders', OrderSchema, o, {
        json: body,
        headers: { 'idempotency-key': idempotencyKey },
        retry: { methods: ['post'] },
      }),
    getOrder: (id, o) =>
      call('get', `v1/orders/${encodeURIComponent(id)}`, OrderSchema, o, {
        headers: o?.resumeToken ? { 'cassa-resume': o.resumeToken } : {},
      }),
  };
  return client;
}
