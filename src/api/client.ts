// The widget's HTTP client (DESIGN.md 3.3): the platform `fetch` with a small retry policy,
// every answer parsed by its schema (a backend is untrusted input) and turned into an ApiResult
// with one closed ErrorCode.
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
/** Answers worth repeating a call for; after 409, 429 and 503 a `Retry-After` sets the wait. */
const RETRY_STATUSES = [408, 409, 429, 500, 502, 503, 504];
const RETRY_AFTER_STATUSES = [409, 429, 503];

const json = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
/**
 * `promise`, or a rejection with the signal's reason as soon as `signal` aborts (the timeout, the
 * caller), even where `fetch` ignores its signal: for the request and for reading its body.
 */
const untilAborted = <T>(promise: Promise<T>, signal: AbortSignal) =>
  new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason));
    promise.then(resolve, reject);
  });
/** The body as text; rejects when `signal` aborts. */
const bodyOf = (response: Response, signal: AbortSignal) => untilAborted(response.text(), signal);
/** The problem+json of an error answer, if it has one; a timeout while reading it throws. */
const problemOf = async (response: Response, signal: AbortSignal) =>
  ProblemSchema.safeParse(
    json(
      await bodyOf(response, signal).catch(() => {
        signal.throwIfAborted();
        return '';
      }),
    ),
  ).data;
/** Last segment of the problem `type` URI: `…/price-changed` → `price-changed`. */
const problemCode = (type = '') => type.slice(type.lastIndexOf('/') + 1);

/**
 * A `Retry-After` as ms from now (RFC 9110: whole seconds, or an HTTP date; a date gone by is 0),
 * or `undefined` when it is neither. The automatic retries and `retryAfterSeconds` both read it.
 */
const retryAfterMs = (value: string): number | undefined => {
  // Every HTTP date form starts with the day's name; V8 would read `1.5` as a date too.
  const ms = /^\d+$/.test(value)
    ? +value * 1000
    : /^[a-z]{3}/i.test(value)
      ? Date.parse(value) - Date.now()
      : NaN;
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
};

/** Resolves after `ms`; rejects at once when `signal` aborts. */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

/**
 * The wait before repeating a call that got `response` (none: a network error or a timeout), or
 * `undefined` when repeating it is pointless.
 */
async function retryDelay(
  response: Response | undefined,
  attempt: number,
  signal: AbortSignal,
  delayMs = (attempt: number) => attempt * 300,
): Promise<number | undefined> {
  if (response) {
    const { status, headers } = response;
    if (!RETRY_STATUSES.includes(status)) return;
    // Of the 409s only `request-in-progress` is worth repeating: a price change is an answer.
    if (
      status === 409 &&
      problemCode((await problemOf(response.clone(), signal))?.type) !== 'request-in-progress'
    )
      return;
    const retryAfter = headers.get('retry-after');
    if (retryAfter && RETRY_AFTER_STATUSES.includes(status)) {
      // One that is neither seconds nor a date waits the cap.
      return Math.min(retryAfterMs(retryAfter) ?? RETRY_AFTER_CAP_MS, RETRY_AFTER_CAP_MS);
    }
  }
  return delayMs(attempt);
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

async function fromErrorResponse(
  response: Response,
  signal: AbortSignal,
): Promise<ApiResult<never>> {
  const { status, headers } = response;
  const problem = await problemOf(response, signal);
  const code = codeOf(status, problemCode(problem?.type));
  const retryAfter = headers.get('retry-after');
  const ms = retryAfter ? retryAfterMs(retryAfter) : undefined;
  return failure(code, status, {
    detail: problem?.detail,
    fieldErrors: problem?.errors ?? [],
    quote: code === 'price_changed' ? problem?.quote : undefined,
    retryAfterSeconds: ms === undefined ? undefined : Math.ceil(ms / 1000),
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
  // Paths such as `v1/quotes` join `…/api` and `…/api/` alike.
  const base = backend.replace(/([^/])$/, '$1/');

  async function call<T>(
    method: string,
    path: string,
    schema: Schema<T> | null,
    { signal }: CallOptions = {},
    payload?: object,
    headers: Record<string, string> = {},
  ): Promise<ApiResult<T>> {
    if (client.token) headers.authorization = `Bearer ${client.token}`;
    if (payload) headers['content-type'] = 'application/json';
    const body = payload && JSON.stringify(payload);
    // Reads, and a POST whose Idempotency-Key makes repeating it safe (createOrder).
    const retried = method === 'GET' || 'idempotency-key' in headers;
    // One controller per attempt (and per wait between two): the caller's abort or a timeout
    // stops it, and it settles the attempt even with a `fetch` that ignores its signal.
    let controller = new AbortController();
    const abort = () => controller.abort();
    signal?.addEventListener('abort', abort);
    try {
      for (let attempt = 1; ; attempt++) {
        signal?.throwIfAborted();
        const current = controller;
        // Built outside the retried part: a URL or a header `Request` refuses is never repeated.
        const request = new Request(base + path, { method, headers, body, signal: current.signal });
        // The timeout covers the whole answer, body included: headers then a stalled body time out.
        const timer = setTimeout(() => current.abort(), options.timeoutMs ?? 10_000);
        let wait: number | undefined;
        try {
          const response = await untilAborted(
            (options.fetch ?? globalThis.fetch)(request),
            current.signal,
          ).catch(() => undefined);
          signal?.throwIfAborted();
          if (response?.ok) {
            if (!schema) return { ok: true, value: null as T };
            const parsed = schema.safeParse(json(await bodyOf(response, current.signal)));
            return parsed.success
              ? { ok: true, value: parsed.data }
              : failure('invalid_response', response.status);
          }
          wait =
            retried && attempt <= 2 // at most two retries
              ? await retryDelay(response, attempt, current.signal, options.retryDelayMs)
              : undefined;
          // Without an answer: a timeout is what aborts an attempt the caller did not abort.
          if (wait === undefined)
            return response
              ? await fromErrorResponse(response, current.signal)
              : failure(current.signal.aborted ? 'timeout' : 'network');
        } finally {
          clearTimeout(timer);
        }
        signal?.throwIfAborted();
        controller = new AbortController();
        await sleep(wait, controller.signal);
      }
    } catch {
      signal?.throwIfAborted();
      // A body cut off by the timeout, or by the connection.
      return failure(controller.signal.aborted ? 'timeout' : 'network');
    } finally {
      signal?.removeEventListener('abort', abort);
    }
  }

  async function authenticate(path: string, body: object, callOptions?: CallOptions) {
    const result = await call('POST', path, AuthResponseSchema, callOptions, body);
    if (result.ok) client.token = result.value.token;
    return result;
  }

  const client: CassaClient = {
    backend,
    token: null,
    getProduct: (id, o) => call('GET', `v1/products/${encodeURIComponent(id)}`, ProductSchema, o),
    quote: (body, o) => call('POST', 'v1/quotes', QuoteSchema, o, body),
    login: (body, o) => authenticate('v1/auth/login', body, o),
    register: (body, o) => authenticate('v1/auth/register', body, o),
    logout: async (o) => {
      const result = await call<null>('POST', 'v1/auth/logout', null, o);
      client.token = null;
      return result;
    },
    me: (o) => call('GET', 'v1/me', CustomerSchema, o),
    paymentMethods: (o) => call('GET', 'v1/me/payment-methods', PaymentMethodsSchema, o),
    subscriptions: (o) => call('GET', 'v1/me/subscriptions', SubscriptionsSchema, o),
    createOrder: (body, idempotencyKey, o) =>
      call('POST', 'v1/orders', OrderSchema, o, body, { 'idempotency-key': idempotencyKey }),
    getOrder: (id, o) =>
      call(
        'GET',
        `v1/orders/${encodeURIComponent(id)}`,
        OrderSchema,
        o,
        undefined,
        o?.resumeToken ? { 'cassa-resume': o.resumeToken } : {},
      ),
  };
  return client;
}
