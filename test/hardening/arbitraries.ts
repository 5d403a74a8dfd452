// fast-check generators of hostile input: strings no form would produce, header values,
// path segments, and valid JSON bodies with one part broken (so fuzzing gets past the parser
// and reaches the rules and the database).
import fc from 'fast-check';

/** Strings that have broken servers: SQL, NUL, lone surrogates, bidi controls, escapes. */
export const NASTY_STRINGS = [
  "'; DROP TABLE orders; --",
  '" OR 1=1 --',
  "' OR '1'='1",
  "Robert'); DROP TABLE customers;--",
  "1'; SELECT pg_sleep(10); --",
  '$1',
  '%s%s%s%n',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202eevil',
  '\ufeff',
  '\u2028\u2029',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '{"$ne":null}',
  '${7*7}',
  '\\',
  '\\u0000',
  '',
  ' ',
  'null',
  '__proto__',
  'constructor',
  '🧾💶🇮🇹',
  'Ä'.repeat(300),
  'x'.repeat(5000),
];

/** Any string: full UTF-16 (lone surrogates included), long graphemes, or a known nasty one. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 300 }) },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.constantFrom('\u0000', '\ud800', '\udfff', '\u202e', '%', '\\', '"', "'", 'a', ';'),
      maxLength: 20,
    }),
  },
);

/** A value that can be in a header (Latin-1, no control characters). */
export const headerValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({
    unit: fc
      .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff }))
      .map((code) => String.fromCharCode(code)),
    maxLength: 300,
  }),
  fc.constantFrom(
    "'; DROP TABLE sessions; --",
    'Bearer',
    'Bearer ',
    'Bearer null',
    'Basic YWRtaW46YWRtaW4=',
    'x'.repeat(4000),
    '%00',
    '../../',
  ),
);

/** A bearer header: none, garbage, or `Bearer <garbage>`. */
export const forgedAuthorization: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  headerValue,
  headerValue.map((v) => `Bearer ${v}`),
  fc.base64String({ minLength: 40, maxLength: 48 }).map((v) => `Bearer ${v}`),
);

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A path segment, percent-encoded or raw escapes (`%00`, broken UTF-8, dot-dot). */
export const pathSegment: fc.Arbitrary<string> = fc.oneof(
  // encodeURIComponent throws on a lone surrogate; raw broken UTF-8 comes from the constants.
  anyString.map((s) => encodeURIComponent(s.replace(LONE_SURROGATE, '\ufffd'))),
  fc.constantFrom(
    '%00',
    'a%00b',
    '%ff',
    '%ED%A0%80',
    '%E0%A4%A',
    '%',
    '%25',
    '..',
    '%2e%2e',
    '%2e%2e%2fsecret',
    '%2F',
    'x'.repeat(3000),
    '00000000-0000-0000-0000-000000000000',
  ),
);

/** A JSON leaf or small tree of any kind, numbers at their edges included. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: anyString },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      0,
      -1,
      1.5,
      -0,
      2 ** 31,
      2 ** 53,
      1e21,
      -1e308,
      Number.MAX_VALUE,
      true,
      false,
      null,
      [],
      {},
    ),
  },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

type Json = unknown;

/** Every path into a JSON tree (objects and arrays), root excluded. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => [[...prefix, i], ...pathsOf(item, [...prefix, i])]);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => [
      [...prefix, key],
      ...pathsOf(item, [...prefix, key]),
    ]);
  }
  return [];
}

type Mutation =
  | { kind: 'replace'; value: unknown }
  /** Text for text, a number for a number: the body keeps its shape and reaches the database. */
  | { kind: 'same-type'; text: string; number: number }
  | { kind: 'delete' }
  | { kind: 'add'; key: string; value: unknown };

function mutate(valid: Json, pick: number, mutation: Mutation): Json {
  const copy = structuredClone(valid) as Record<string | number, unknown>;
  const paths = pathsOf(copy);
  const path = paths[pick % paths.length] ?? [];
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1);
  if (last === undefined) return copy;
  if (mutation.kind === 'replace') parent[last] = mutation.value;
  else if (mutation.kind === 'same-type') {
    const current = parent[last];
    if (typeof current === 'string') parent[last] = mutation.text;
    else if (typeof current === 'number') parent[last] = mutation.number;
  } else if (mutation.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    const target = parent[last];
    if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
      (target as Record<string, unknown>)[mutation.key] = mutation.value;
    } else parent[last] = { [mutation.key]: mutation.value };
  }
  return copy;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: anyJson.map((value) => ({ kind: 'replace' as const, value })) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(anyString, fc.oneof(fc.integer(), fc.constantFrom(0, -1, 1.5, 2 ** 53, 1e21)))
      .map(([text, number]) => ({ kind: 'same-type' as const, text, number })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'delete' as const }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.oneof(anyString, fc.constantFrom('__proto__', 'constructor')), anyJson)
      .map(([key, value]) => ({ kind: 'add' as const, key, value })),
  },
);

/** The valid body as it is, or with one or two parts replaced, removed or added to. */
export function mutated(valid: () => Json): fc.Arbitrary<Json> {
  return fc
    .array(fc.tuple(fc.nat(), mutation), { minLength: 0, maxLength: 2 })
    .map((steps) => steps.reduce((body, [pick, m]) => mutate(body, pick, m), valid()));
}

/** Deep nesting within the 64 KB body limit: arrays or objects thousands of levels deep. */
const deeplyNested: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 100, max: 30_000 }).map((d) => '['.repeat(d) + ']'.repeat(d)),
  fc.integer({ min: 100, max: 10_000 }).map((d) => '{"a":'.repeat(d) + '1' + '}'.repeat(d)),
);

/**
 * A request body as sent: mostly the valid body mutated, else any JSON document, a deep one,
 * or text that is not JSON at all.
 */
export function bodyText(valid: () => Json): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: mutated(valid).map((body) => JSON.stringify(body)) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((body) => JSON.stringify(body)) },
    { weight: 1, arbitrary: deeplyNested },
    { weight: 1, arbitrary: anyString },
  );
}
