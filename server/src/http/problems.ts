// RFC 9457 problem details: every error the server answers, with closed codes (PROBLEM_CODES).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  type ApiFieldError,
  FIELD_ERROR_CODES,
  type FieldError,
  type FieldErrorCode,
  holderTextLimit,
  loadLocale,
  msg,
  msgOr,
  PROBLEM_BASE,
  type ProblemCode,
  type Quote,
} from 'cassa/contract';

// The widget loads English on demand; the server answers in both languages from its first request.
await loadLocale('en');

const TITLES: Record<ProblemCode, string> = {
  'invalid-json': 'The request body is not valid JSON',
  'missing-idempotency-key': 'The Idempotency-Key header is required',
  unauthorized: 'Authentication required',
  'ineligible-customer': 'This customer may not buy this product',
  forbidden: 'Forbidden',
  'not-found': 'Not found',
  'price-changed': 'The price has changed',
  'request-in-progress': 'A request with this Idempotency-Key is still in progress',
  'payload-too-large': 'The request body is too large',
  'invalid-selection': 'The selection breaks a product rule',
  'invalid-request': 'The request is not valid',
  'payment-refused': 'The payment was refused',
  'payment-method-in-use': 'The payment method is in use',
  'rate-limited': 'Too many attempts',
  'server-error': 'Internal server error',
  'service-unavailable': 'The service is briefly unavailable',
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: ApiFieldError[];
  quote?: Quote;
}

/** A problem to answer, thrown from anywhere in a request and rendered by the error handler. */
export class Problem extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ProblemCode;
  readonly errors: FieldError[] | undefined;
  readonly quote: Quote | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: ContentfulStatusCode,
    code: ProblemCode,
    detail: string,
    extra: { errors?: FieldError[]; quote?: Quote; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'Problem';
    this.status = status;
    this.code = code;
    this.errors = extra.errors;
    this.quote = extra.quote;
    this.headers = extra.headers ?? {};
  }

  get body(): ProblemBody {
    return problemBody(this.status, this.code, this.message, this.errors, this.quote);
  }
}

export function problemBody(
  status: number,
  code: ProblemCode,
  detail: string,
  errors?: FieldError[],
  quote?: Quote,
): ProblemBody {
  return {
    type: PROBLEM_BASE + code,
    title: TITLES[code],
    status,
    detail,
    ...(errors ? { errors: errors.map(fieldError) } : {}),
    ...(quote ? { quote } : {}),
  };
}

/** A field error; a `too_long` one may carry its limit (else the holder's field limits tell it). */
export type LimitedFieldError = FieldError & { max?: number };

/** A field error with its English message (the widget shows its own translation). */
export function fieldError(error: LimitedFieldError): ApiFieldError {
  const max = error.code === 'too_long' ? (error.max ?? holderTextLimit(error.path)) : undefined;
  return {
    path: error.path,
    code: error.code,
    // A message never shows a placeholder: "{max} characters at most" names the limit.
    message:
      error.code === 'too_long'
        ? max === undefined
          ? 'This text is too long.'
          : msg('en', 'field.too_long', { max })
        : msgOr('en', `field.${error.code}`, 'field.invalid'),
  };
}

export function problemResponse(c: Context, problem: Problem): Response {
  for (const [name, value] of Object.entries(problem.headers)) c.header(name, value);
  return c.body(JSON.stringify(problem.body), problem.status, {
    'Content-Type': 'application/problem+json',
  });
}

export const notFound = (what = 'The resource does not exist.') =>
  new Problem(404, 'not-found', what);

export const unauthorized = (detail = 'A valid bearer token is required.') =>
  new Problem(401, 'unauthorized', detail, { headers: { 'WWW-Authenticate': 'Bearer' } });

export const invalidRequest = (errors: FieldError[], detail = 'Some fields are not valid.') =>
  new Problem(422, 'invalid-request', detail, { errors });

const KNOWN_CODES: ReadonlySet<string> = new Set(FIELD_ERROR_CODES);

export function isFieldErrorCode(code: string): code is FieldErrorCode {
  return KNOWN_CODES.has(code);
}

/** Prefixes every path, e.g. holder errors as `holder.vatNumber`. */
export function prefixed(prefix: string, errors: FieldError[]): FieldError[] {
  return errors.map((e) => ({ ...e, path: `${prefix}.${e.path}` }));
}
