// The value types the contract's schemas are built from (catalog.ts, api/schemas.ts), with every
// value check (lengths, ranges, formats). The server, the widget, the tests and the OpenAPI
// document all use these same schemas: a backend's answer is untrusted input to the widget, so a
// negative amount of cents or a malformed date is refused there as on the server.
import * as z from 'zod/mini';

/** A whole number. */
export const int = () => z.int();
/** A whole number ≥ 0 (a count, an amount of cents). */
export const count = () => z.int().check(z.nonnegative());
export const cents = count;
/** A whole number > 0. */
export const positiveInt = () => z.int().check(z.positive());
/** A calendar date `YYYY-MM-DD`. */
export const isoDate = () => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
/** A text of at most `max` characters. */
export const text = (max = 200) => z.string().check(z.maxLength(max));
/** A text that is not empty (at most `max` characters when given). */
export const filled = (max?: number) =>
  z.string().check(...(max ? [z.maxLength(max)] : []), z.minLength(1));
/** A list of at least one item. */
export const nonEmpty = <T extends z.ZodMiniType>(item: T) => z.array(item).check(z.minLength(1));
/** A list of at most `max` items. */
export const upTo = <T extends z.ZodMiniType>(max: number, item: T) =>
  z.array(item).check(z.maxLength(max));
/** A rate in basis points, 0 to 10000. */
export const basisPoints = () => z.int().check(z.nonnegative(), z.lte(10000));
