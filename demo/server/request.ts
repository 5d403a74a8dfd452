// Reading untrusted request bodies: JSON first (400), then the contract's schema (422).
import type { Context } from 'hono';
import * as z from 'zod/mini';
import type { FieldError } from '../../src/domain/types.ts';
import { invalidRequest, Problem } from './problems.ts';

/** The body as JSON, or a 400 `invalid-json` problem. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Problem(400, 'invalid-json', 'The request body must be a JSON document.');
  }
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** zod issues as field errors: `required`, `too_long` or `invalid`, with dotted paths. */
export function schemaErrors(input: unknown, issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const errors: FieldError[] = [];
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
