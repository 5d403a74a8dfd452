// The widget builds' stand-in for `zod/mini` (a Vite alias in vite.config.ts and
// vite.esm.config.ts). In those builds the contract's schemas check the shape only (see
// domain/contract-values.ts), so they need only this subset, with zod/mini 4.6.7's results:
// `object` strips unknown keys into a new object, `looseObject` keeps them; an absent `optional`
// key stays absent, a present `undefined` stays present; `_default` replaces `undefined` with a
// fresh copy of its value; `union` answers with the first option that fits; `number` refuses NaN
// and ±Infinity; `enum` and `literal` compare like a `Set`. test/api/zod-shape.test.ts holds it
// to zod's answers for every contract schema. A failure reports one issue: zod's first (its path,
// and zod/mini's message when no locale is loaded). Types still come from zod; only builds swap.

/** Returned by `run` when the input does not fit; `path` then names where. */
const NO = Symbol();
let path: PropertyKey[] = [];

type Shape = Record<string, Schema>;
type SafeParseResult<T> =
  | { success: true; data: T }
  | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };

export interface Schema<T = unknown> {
  run(input: unknown): T | typeof NO;
  /** True when an absent key is allowed and left out of the output (zod's `optin`). */
  optional?: boolean;
  safeParse(input: unknown): SafeParseResult<T>;
}

const schema = <T>(run: (input: unknown) => T | typeof NO, optional?: boolean): Schema<T> => ({
  run,
  optional,
  safeParse(input) {
    path = [];
    const data = run(input);
    return data === NO
      ? { success: false, error: { issues: [{ path, message: 'Invalid input' }] } }
      : { success: true, data };
  },
});

const check = (fits: (input: unknown) => boolean) => schema((v) => (fits(v) ? v : NO));

/** Runs `item` for one key or index, prefixing the failure path with it. */
const step = (item: Schema, value: unknown, key: PropertyKey) => {
  const result = item.run(value);
  if (result === NO) path.unshift(key);
  return result;
};

const shaped = (shape: Shape, loose?: boolean) => ({
  ...schema((input) => {
    if (typeof input != 'object' || !input || Array.isArray(input)) return NO;
    const value = input as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(shape)) {
      const item = shape[key]!;
      if (item.optional && !(key in value)) continue;
      const result = step(item, value[key], key);
      if (result === NO) return NO;
      out[key] = result;
    }
    // zod never copies `__proto__`: assigning it would replace the output's prototype.
    if (loose)
      for (const key in value)
        if (!Object.hasOwn(shape, key) && key != '__proto__') out[key] = value[key];
    return out;
  }),
  shape,
});

export const object = (shape: Shape) => shaped(shape);
export const looseObject = (shape: Shape) => shaped(shape, true);
export const string = () => check((v) => typeof v == 'string');
export const number = () => check(Number.isFinite);
export const boolean = () => check((v) => typeof v == 'boolean');
const oneOf = (values: readonly unknown[]) => check((v) => values.includes(v));
export { oneOf as enum };
export const literal = (value: unknown) => oneOf([value].flat());

export const array = (item: Schema) =>
  schema((input) => {
    if (!Array.isArray(input)) return NO;
    const out = [];
    for (let i = 0; i < input.length; i++) {
      const result = step(item, input[i], i);
      if (result === NO) return NO;
      out[i] = result;
    }
    return out;
  });

export const union = (options: Schema[]) =>
  schema(
    (input) => {
      for (const option of options) {
        const result = option.run(input);
        if (result !== NO) return result;
        path = [];
      }
      return NO;
    },
    options.some((option) => option.optional),
  );

export const optional = (inner: Schema) =>
  schema((v) => (v === undefined ? v : inner.run(v)), true);
export const nullable = (inner: Schema) =>
  schema((v) => (v === null ? v : inner.run(v)), inner.optional);
export const _default = (inner: Schema, value: unknown) =>
  schema((v) => {
    const result = v === undefined ? v : inner.run(v);
    if (result !== undefined) return result;
    // zod's copy: a function's result, else a shallow copy of an array or plain object.
    if (typeof value == 'function') return value();
    if (Array.isArray(value)) return [...value];
    return value && Object.getPrototypeOf(value) == Object.prototype ? { ...value } : value;
  });

/** zod's `config`; the only option used, `jitless`, has no meaning here. */
export const config = (_config?: object) => {};
