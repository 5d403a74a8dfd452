// The request body limit (413 over MAX_BODY_BYTES), at the cost of a header read when the size
// is declared: only a body without `Content-Length` is counted as it streams in.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './context.ts';
import { Problem, problemResponse } from './problems.ts';

/** Request bodies above this many bytes get 413. */
export const MAX_BODY_BYTES = 64 * 1024;

const DECIMAL = /^\d{1,15}$/;

/**
 * 413 `payload-too-large` for a body over `maxBytes`, before any route reads it. GET and HEAD
 * carry no body (Node never reads one for them), so they pass untouched. A declared
 * `Content-Length` is trusted: Node's parser delivers exactly that many bytes or fails the
 * request. Without it (chunked, or a `Request` built in-process) the body is counted chunk by
 * chunk and reading stops one chunk past the limit.
 */
export function limitBody(maxBytes: number = MAX_BODY_BYTES): MiddlewareHandler<AppEnv> {
  const detail = `The request body is over ${maxBytes / 1024} KB.`;
  const onError = (c: Context) => problemResponse(c, new Problem(413, 'payload-too-large', detail));
  const counted = bodyLimit({ maxSize: maxBytes, onError });
  return (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const declared = c.req.header('Content-Length');
    if (declared !== undefined && DECIMAL.test(declared) && !c.req.header('Transfer-Encoding')) {
      return Number(declared) > maxBytes ? Promise.resolve(onError(c)) : next();
    }
    return counted(c, next);
  };
}
