// The value types the contract's schemas are built from (catalog.ts, api/schemas.ts). The server,
// the tests and the OpenAPI document get them with every value check (lengths, ranges, formats).
// The widget builds define `__CASSA_WIDGET__`: there they check the shape only (types, enums,
// literals, required keys), which is all the widget relies on; the server is the strict side, and
// the checks' code stays out of the bundle (issue 8). There `zod/mini` itself is swapped for
// src/api/zod-shape.ts (a Vite alias), which has only the shape functions: every value check
// (`z.int`, `.check(…)`) must sit behind `STRICT` in this file, where the build drops it.
import * as z from 'zod/mini';

declare const __CASSA_WIDGET__: boolean | undefined;

/** False only in the widget builds (a build-time constant, so the unused branch is dropped). */
export const STRICT = typeof __CASSA_WIDGET__ === 'undefined';

/** A whole number (any number in the widget). */
export const int = () => (STRICT ? z.int() : z.number());
/** A whole number ≥ 0 (a count, an amount of cents). */
export const count = () => (STRICT ? z.int().check(z.nonnegative()) : z.number());
export const cents = count;
/** A whole number > 0. */
export const positiveInt = () => (STRICT ? z.int().check(z.positive()) : z.number());
/** A calendar date `YYYY-MM-DD`. */
export const isoDate = () =>
  STRICT ? z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)) : z.string();
/** A text of at most `max` characters. */
export const text = (max = 200) => (STRICT ? z.string().check(z.maxLength(max)) : z.string());
/** A text that is not empty (at most `max` characters when given). */
export const filled = (max?: number) =>
  STRICT ? z.string().check(...(max ? [z.maxLength(max)] : []), z.minLength(1)) : z.string();
/** A list of at least one item. */
export const nonEmpty = <T extends z.ZodMiniType>(item: T) =>
  STRICT ? z.array(item).check(z.minLength(1)) : z.array(item);
/** A list of at most `max` items. */
export const upTo = <T extends z.ZodMiniType>(max: number, item: T) =>
  STRICT ? z.array(item).check(z.maxLength(max)) : z.array(item);
/** A rate in basis points, 0 to 10000 (any number in the widget). */
export const basisPoints = () =>
  STRICT ? z.int().check(z.nonnegative(), z.lte(10000)) : z.number();
