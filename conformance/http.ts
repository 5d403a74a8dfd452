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
  /** Exchanges of the check that is running (the runner resets it for each check). */
  exchanges: Exchange[] = [];

  constructor(backend: string, timeoutMs: number) {
    this.backend = backend.replace(/\/+$/, '');
    this.#ky = ky.create({
      prefixUrl: this.backend,
      throwHttpErrors: false,
      retry: 0,
      timeout: timeoutMs,
      redirect: 'manual',
    });
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    let body = options.body;
    if (options.json !== undefined) body = JSON.stringify(options.json);
    if (body !== undefined && !Object.keys(headers).some((h) => /^content-type$/i.test(h))) {
      headers['Content-Type'] = 'application/json';
    }
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    const exchange: Exchange = {
      request: {
        method,
        url: `${this.backend}/${path}`,
        headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, redact(k, v)])),
        ...(body !== undefined ? { body: clip(redactBody(body)) } : {}),
      },
    };
    this.exchanges.push(exchange);
    try {
      const response = await this.#ky(path, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
      });
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
