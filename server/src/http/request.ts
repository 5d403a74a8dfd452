// Reading untrusted request bodies: JSON first (400), then the contract's schema (422).
import type { Context } from 'hono';
import * as z from 'zod/mini';
import { type FieldError } from 'cassa/contract';
import { invalidRequest, Problem, type LimitedFieldError } from './problems.ts';

/** Far deeper than any request of the contract; anything deeper is refused before use. */
export const MAX_JSON_DEPTH = 32;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A NUL character or an unpaired surrogate: PostgreSQL text and jsonb cannot hold either. */
const unstorable = (text: string) => text.includes('\0') || LONE_SURROGATE.test(text);

const BAD_TEXT = 'Text may not contain NUL characters or unpaired UTF-16 surrogates.';
const dotted = (path: string[]) => path.join('.') || 'body';

/**
 * The first place where a parsed body holds what no request may: nesting past MAX_JSON_DEPTH
 * (code that walks a body recursively would overflow the stack) or text the database cannot
 * store (it would fail inside a query). Iterative, so a hostile depth cannot overflow it.
 */
function unacceptable(body: unknown): { error: FieldError; detail: string } | undefined {
  const pending: [unknown, string[]][] = [[body, []]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, path] = next;
    if (path.length > MAX_JSON_DEPTH) {
      const detail = `The request body is nested more than ${MAX_JSON_DEPTH} levels deep.`;
      return { error: { path: 'body', code: 'invalid' }, detail };
    }
    if (typeof value === 'string' && unstorable(value)) {
      return { error: { path: dotted(path), code: 'invalid' }, detail: BAD_TEXT };
    }
    if (typeof value !== 'object' || value === null) continue;
    for (const [key, item] of Object.entries(value)) {
      if (unstorable(key)) {
        return { error: { path: dotted([...path, key]), code: 'invalid' }, detail: BAD_TEXT };
      }
      pending.push([item, [...path, key]]);
    }
  }
  return undefined;
}

/** A backslash-u escape, a NUL or any surrogate: text where a refused string could hide. */
const MAYBE_UNSTORABLE = /[\0\ud800-\udfff]|\\u/;

/**
 * Whether `text` cannot hold what `unacceptable` looks for, decided without walking the parsed
 * value. A NUL or an unpaired surrogate reaches a parsed string only as itself or through a
 * `\u` escape (JSON has no other escape that makes one, and a raw surrogate pair stays a
 * pair); and a value can be nested no deeper than the number of `{` and `[` in the text. Most
 * bodies pass here; any other goes through the walk.
 */
function plainlyAcceptable(text: string): boolean {
  if (MAYBE_UNSTORABLE.test(text)) return false;
  let openers = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code === 0x7b || code === 0x5b) && ++openers > MAX_JSON_DEPTH) return false;
  }
  return true;
}

/**
 * The body as JSON, or a 400 `invalid-json` problem; a 422 `invalid-request` (with the field's
 * path) for a body too deep or with text the database cannot store.
 */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new Problem(400, 'invalid-json', 'The request body must be a JSON document.');
  }
  const refused = plainlyAcceptable(text) ? undefined : unacceptable(body);
  if (refused) throw invalidRequest([refused.error], refused.detail);
  return body;
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** zod issues as field errors: `required`, `too_long` (with its limit) or `invalid`, dotted paths. */
export function schemaErrors(
  input: unknown,
  issues: readonly z.core.$ZodIssue[],
): LimitedFieldError[] {
  const errors: LimitedFieldError[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    if (seen.has(path)) continue;
    seen.add(path);
    const missing = issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined;
    const tooLong = issue.code === 'too_big' && issue.origin === 'string';
    errors.push({
      path: path || 'body',
      code: missing ? 'required' : tooLong ? 'too_long' : 'invalid',
      // The limit the message names ("… {max} characters at most").
      ...(tooLong ? { max: Number(issue.maximum) } : {}),
    });
  }
  return errors;
}

/** Parses with a contract schema; a mismatch is a 422 `invalid-request` with field errors. */
export function parseBody<S extends z.ZodMiniType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalidRequest(schemaErrors(input, result.error.issues));
}

/** Canonical JSON (sorted keys): the fingerprint of a request body for idempotency. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
