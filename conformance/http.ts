// The kit's only HTTP code: ky against the backend under test, every exchange recorded so a
// failed check can show what was sent and what came back.
import ky, { type KyInstance } from 'ky';

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface Reply {
  status: number;
  headers: Headers;
  /** The raw body text. */
  text: string;
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  json: unknown;
  contentType: string;
}

export interface Exchange {
  request: SentRequest;
  response?: { status: number; headers: Record<string, string>; body: string };
  error?: string;
}

export interface RequestOptions {
  /** A JSON body (serialized here) or a raw string sent as is. */
  json?: unknown;
  body?: string;
  token?: string;
  headers?: Record<string, string>;
  /**
   * A call a server makes, not the widget (the portal's session minting): sent without `Origin`
   * and left out of the CORS checks.
   */
  fromServer?: boolean;
}

/** One answer to a call sent with `Origin`, for the CORS area. */
export interface CorsAnswer {
  check: string;
  method: string;
  path: string;
  status: number;
  allowOrigin: string | null;
}

/** Headers worth showing in a report (the rest is noise). */
const SHOWN_HEADERS =
  /^(content-type|retry-after|www-authenticate|location|idempotent-replayed|access-control-.*)$/i;
const MAX_SHOWN_BODY = 1500;

/** Never print a whole secret in a report: tokens and portal secrets are shortened. */
function redact(name: string, value: string): string {
  if (!/^(authorization|cassa-resume)$/i.test(name)) return value;
  const [scheme, secret] = value.includes(' ') ? value.split(' ', 2) : ['', value];
  const shown = secret && secret.length > 8 ? `${secret.slice(0, 4)}…` : '…';
  return scheme ? `${scheme} ${shown}` : shown;
}

const SECRET_KEYS = /^(password|token)$/i;

/** A JSON body as shown in a report: passwords and tokens shortened like the headers. */
function redactBody(text: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  if (!value || typeof value !== 'object') return text;
  const hide = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(hide);
    if (!item || typeof item !== 'object') return item;
    return Object.fromEntries(
      Object.entries(item).map(([key, inner]) => [
        key,
        SECRET_KEYS.test(key) && typeof inner === 'string'
          ? redact('cassa-resume', inner)
          : hide(inner),
      ]),
    );
  };
  return JSON.stringify(hide(value));
}

const clip = (text: string) =>
  text.length > MAX_SHOWN_BODY ? `${text.slice(0, MAX_SHOWN_BODY)}… (${text.length} chars)` : text;

export class BackendClient {
  readonly backend: string;
  readonly #ky: KyInstance;
  /** For path '' (the URL itself, e.g. a webhook receiver): no prefix, no trailing slash. */
  readonly #kyAbsolute: KyInstance;
  /** Exchanges of the check that is running (the runner resets it for each check). */
  exchanges: Exchange[] = [];
  /** The check that is running (set by the runner), for the CORS answers. */
  currentCheck = '';
  /** With an origin: every call the widget would make carries it, and its answer is kept here. */
  readonly origin: string | undefined;
  readonly corsAnswers: CorsAnswer[] = [];

  constructor(backend: string, timeoutMs: number, origin?: string) {
    this.backend = backend.replace(/\/+$/, '');
    this.origin = origin;
    const common = {
      throwHttpErrors: false,
      retry: 0,
      timeout: timeoutMs,
      redirect: 'manual',
    } as const;
    this.#ky = ky.create({ prefixUrl: this.backend, ...common });
    this.#kyAbsolute = ky.create(common);
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    const hasOrigin = Object.keys(headers).some((h) => /^origin$/i.test(h));
    const withOrigin = this.origin !== undefined && !options.fromServer && !hasOrigin;
    if (withOrigin) headers.Origin = this.origin as string;
    let body = options.body;
    if (options.json !== undefined) body = JSON.stringify(options.json);
    if (body !== undefined && !Object.keys(headers).some((h) => /^content-type$/i.test(h))) {
      headers['Content-Type'] = 'application/json';
    }
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    const exchange: Exchange = {
      request: {
        method,
        url: path ? `${this.backend}/${path}` : this.backend,
        headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, redact(k, v)])),
        ...(body !== undefined ? { body: clip(redactBody(body)) } : {}),
      },
    };
    this.exchanges.push(exchange);
    try {
      const response = await (path
        ? this.#ky(path, {
            method,
            headers,
            ...(body !== undefined ? { body } : {}),
          })
        : this.#kyAbsolute(this.backend, {
            method,
            headers,
            ...(body !== undefined ? { body } : {}),
          }));
      const text = await response.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      const shown: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (SHOWN_HEADERS.test(name)) shown[name] = value;
      });
      exchange.response = { status: response.status, headers: shown, body: clip(redactBody(text)) };
      if (withOrigin && method !== 'OPTIONS') {
        this.corsAnswers.push({
          check: this.currentCheck,
          method,
          path: path.split('?')[0] as string,
          status: response.status,
          allowOrigin: response.headers.get('access-control-allow-origin'),
        });
      }
      return {
        status: response.status,
        headers: response.headers,
        text,
        json,
        contentType: response.headers.get('content-type') ?? '',
      };
    } catch (error) {
      const cause =
        error instanceof Error
          ? (error.cause as { code?: string; message?: string } | undefined)
          : undefined;
      exchange.error =
        error instanceof Error
          ? `${error.name}: ${error.message}${cause?.code ? ` (${cause.code}${cause.message ? `: ${cause.message}` : ''})` : ''}`
          : String(error);
      throw error;
    }
  }
}
