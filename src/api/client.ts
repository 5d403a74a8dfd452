// The widget's HTTP client (DESIGN.md 3.3): ky with a retry policy per call, every answer parsed
// by its schema (a backend is untrusted input) and turned into an ApiResult with one closed
// ErrorCode.
import ky, { HTTPError, TimeoutError, type Options } from 'ky';
import { ProductSchema } from '../domain/catalog.ts';
import type { ErrorCode } from '../domain/errors.ts';
import type { ApiError, ApiResult, CallOptions, CassaClient } from './types.ts';

type Contract = typeof import('./schemas.ts');
let contract: Promise<Contract> | undefined;
/**
 * The contract's schemas other than the catalog's (issue 21): a file of their own, fetched by the
 * first call that parses one (the first step parses only the catalog). The call's request goes out
 * at the same time; a file that cannot be fetched fails the call as `network`, and is asked again
 * by the next call.
 */
const loadContract = (): Promise<Contract> =>
  (contract ??= import('./schemas.ts').catch((error: unknown) => {
    contract = undefined;
    throw error;
  }));

export interface ClientOptions {
  /** Per attempt until the response headers arrive, and again for reading the body. Default 10 s. */
  timeoutMs?: number;
  /** Replaces the global `fetch` (tests, server-side use). */
  fetch?: typeof fetch;
  /** Wait before retry number `attempt` (1, 2); default 300 ms, 600 ms. A `Retry-After` wins (capped). */
  retryDelayMs?: (attempt: number) => number;
  /**
   * A GET already on its way (the drop-in script starts the catalog's): the first attempt of a GET
   * of that `url` without a token uses its response instead of a new request; parsing, errors and
   * retries are the client's as always.
   */
  started?: { url: string; response: Promise<Response> };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

interface Schema<T> {
  /** The body as text (an invoice's XML), not JSON. */
  raw?: boolean;
  safeParse(input: unknown): { success: true; data: T } | { success: false };
}

/** A schema, or where to find it among the contract's (loaded with the call). */
type SchemaOf<T> = Schema<T> | ((contract: Contract) => Schema<T>);

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

/**
 * `promise`, or a rejection with the signal's reason as soon as `signal` aborts, even where the
 * promise's own work ignores the signal (a `fetch` that does): ky's `fetch` option is wrapped with
 * it, so the caller's abort always settles a call.
 */
const untilAborted = <T>(promise: Promise<T>, signal: AbortSignal) =>
  new Promise<T>((resolve, reject) => {
    promise.then(resolve, reject);
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });

/** What reading a body that stalled rejects with. */
const BODY_TIMEOUT = new Error('body timeout');
const isTimeout = (error: unknown) => error === BODY_TIMEOUT || error instanceof TimeoutError;

/**
 * The body as text within `ms`. ky's `timeout` ends when the headers arrive; a body that stalls
 * after them is a timeout too (ky has no option for that, so the read is timed here).
 */
const bodyOf = (response: Response, ms: number, signal?: AbortSignal) => {
  const timer = new AbortController();
  const id = setTimeout(() => timer.abort(BODY_TIMEOUT), ms);
  const until = signal ? AbortSignal.any([signal, timer.signal]) : timer.signal;
  return untilAborted(response.text(), until).finally(() => clearTimeout(id));
};

/** Last segment of the problem `type` URI: `…/price-changed` → `price-changed`. */
const problemCode = (type = '') => type.slice(type.lastIndexOf('/') + 1);

/**
 * A `Retry-After` as ms from now (RFC 9110: whole seconds, or an HTTP date; a date gone by is 0),
 * or `undefined` when it is neither: what `retryAfterSeconds` reports. (ky reads the header for
 * its own waits between retries.)
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

/**
 * A client of one backend (`backend` is the base URL, e.g. `https://shop.example/api`).
 *
 * Every call resolves to an `ApiResult`: a value parsed by its schema, or an error with a closed
 * `ErrorCode` (`invalid_response` for a body that is not JSON or not the contract's shape).
 * GETs and `createOrder` (re-sent with the same `Idempotency-Key`) are retried by ky up to twice
 * on a network error, a timeout, 408/429/5xx or a 409 `request-in-progress`, waiting for a
 * `Retry-After` (at most 5 s); quotes, login and register never are. `login`/`register` store the
 * returned token in `token`; `logout` clears it.
 *
 * Aborting: when `options.signal` aborts, the call **rejects** with `signal.reason` (an
 * `AbortError` unless the caller gave another reason), as `fetch` does; it never resolves.
 */
export function createClient(backend: string, options: ClientOptions = {}): CassaClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const delay = options.retryDelayMs ?? ((attempt: number) => attempt * 300);
  let { started } = options;
  const http = ky.create({
    // Paths such as `v1/quotes` join `…/api` and `…/api/` alike.
    prefixUrl: backend,
    timeout: timeoutMs,
    throwHttpErrors: true,
    // Read at call time: tests and special environments replace the global `fetch`.
    fetch: (input, init) => {
      const request = input as Request;
      const answer =
        started &&
        request.method === 'GET' &&
        request.url === started.url &&
        !request.headers.has('authorization')
          ? started.response
          : null;
      // Once: a retry is a request of its own.
      if (answer) started = undefined;
      return untilAborted(
        answer ?? (options.fetch ?? globalThis.fetch)(input, init),
        request.signal,
      );
    },
  });

  /** ky's retry policy of a call: none, or up to two with ky's `Retry-After` handling. */
  const retryPolicy = (method: 'get' | 'post' | null): Options['retry'] =>
    method
      ? {
          limit: 2,
          methods: [method],
          statusCodes: [408, 409, 429, 500, 502, 503, 504],
          afterStatusCodes: [409, 429, 503],
          maxRetryAfter: RETRY_AFTER_CAP_MS,
          retryOnTimeout: true,
          delay,
          // Of the 409s only `request-in-progress` is worth repeating: a price change is an answer.
          shouldRetry: async ({ error }) => {
            if (!(error instanceof HTTPError) || error.response.status !== 409) return undefined;
            const body = await bodyOf(error.response.clone(), timeoutMs).catch(() => '');
            const schemas = await loadContract().catch(() => null);
            const problem = schemas?.ProblemSchema.safeParse(json(body)).data;
            return problemCode(problem?.type) === 'request-in-progress' ? undefined : false;
          },
        }
      : 0;

  async function fromErrorResponse(response: Response, signal?: AbortSignal) {
    const { status, headers } = response;
    const body = await bodyOf(response, timeoutMs, signal).catch((error: unknown) => {
      signal?.throwIfAborted();
      if (isTimeout(error)) throw error;
      return '';
    });
    const { ProblemSchema } = await loadContract();
    const problem = ProblemSchema.safeParse(json(body)).data;
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

  async function call<T>(
    method: Method,
    path: string,
    schemaOf: SchemaOf<T> | null,
    { signal }: CallOptions = {},
    payload?: object,
    headers: Record<string, string> = {},
  ): Promise<ApiResult<T>> {
    if (client.token) headers.authorization = `Bearer ${client.token}`;
    // Reads, and a POST whose Idempotency-Key makes repeating it safe (createOrder).
    const retried = method === 'GET' || 'idempotency-key' in headers;
    const schemas = typeof schemaOf === 'function' ? loadContract() : null;
    // Read after the response; a failure to fetch it before then is seen there.
    schemas?.catch(() => undefined);
    try {
      // A URL or a header that `Request` refuses throws before anything is sent: `network`.
      const response = await http(path, {
        method,
        headers,
        json: payload,
        signal,
        retry: retryPolicy(retried ? (method === 'GET' ? 'get' : 'post') : null),
      });
      if (!schemaOf) return { ok: true, value: null as T };
      const schema = schemas
        ? (schemaOf as (c: Contract) => Schema<T>)(await schemas)
        : (schemaOf as Schema<T>);
      const body = await bodyOf(response, timeoutMs, signal);
      const parsed = schema.safeParse(schema.raw ? body : json(body));
      return parsed.success
        ? { ok: true, value: parsed.data }
        : failure('invalid_response', response.status);
    } catch (error) {
      signal?.throwIfAborted();
      let cause = error;
      if (error instanceof HTTPError) {
        try {
          return await fromErrorResponse(error.response, signal);
        } catch (bodyError) {
          cause = bodyError;
        }
      }
      signal?.throwIfAborted();
      // A timeout before the headers or while reading the body; else the connection failed.
      return failure(isTimeout(cause) ? 'timeout' : 'network');
    }
  }

  async function authenticate(
    path: string,
    body: object,
    callOptions?: CallOptions,
    headers?: Record<string, string>,
  ) {
    const result = await call(
      'POST',
      path,
      (c) => c.AuthResponseSchema,
      callOptions,
      body,
      headers,
    );
    if (result.ok) client.token = result.value.token;
    return result;
  }

  const client: CassaClient = {
    backend,
    token: null,
    getProduct: (id, o) => call('GET', `v1/products/${encodeURIComponent(id)}`, ProductSchema, o),
    quote: (body, o) => call('POST', 'v1/quotes', (c) => c.QuoteSchema, o, body),
    login: (body, o) => authenticate('v1/auth/login', body, o),
    register: (body, o) => authenticate('v1/auth/register', body, o),
    resumeSession: ({ resumeToken, ...which }, o) =>
      authenticate('v1/auth/resume', which, o, { 'cassa-resume': resumeToken }),
    logout: async (o) => {
      const result = await call<null>('POST', 'v1/auth/logout', null, o);
      client.token = null;
      return result;
    },
    me: (o) => call('GET', 'v1/me', (c) => c.CustomerSchema, o),
    paymentMethods: (o) => call('GET', 'v1/me/payment-methods', (c) => c.PaymentMethodsSchema, o),
    subscriptions: (o) => call('GET', 'v1/me/subscriptions', (c) => c.SubscriptionsSchema, o),
    createOrder: (body, idempotencyKey, o) =>
      call('POST', 'v1/orders', (c) => c.OrderSchema, o, body, {
        'idempotency-key': idempotencyKey,
      }),
    request: (method, path, schema, o, body) => call(method, path, schema, o, body),
    getOrder: (id, o) =>
      call(
        'GET',
        `v1/orders/${encodeURIComponent(id)}`,
        (c) => c.OrderSchema,
        o,
        undefined,
        o?.resumeToken ? { 'cassa-resume': o.resumeToken } : {},
      ),
  };
  return client;
}
