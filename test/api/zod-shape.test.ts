// The widget builds swap zod/mini for src/api/zod-shape.ts (the Vite alias). These tests build
// the contract twice the way the widget is built (`__CASSA_WIDGET__` defined), once with the alias
// and once with zod itself, and hold the shim to zod's answers: the same verdict, the same data,
// the same first issue (path and message), for every schema, on valid bodies, damaged bodies and anything.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { build } from 'vite';
import * as zod from 'zod/mini';
import * as shim from '../../src/api/zod-shape.ts';
import type { Catalog, CatalogParseResult } from '../../src/domain/catalog.ts';
import { zodShapeAlias } from '../../vite.config.ts';
import { customer, holder, order, orderRequest, quote, quoteRequest } from './fixtures.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const catalog = JSON.parse(await readFile(join(root, 'demo/catalog.json'), 'utf8')) as Catalog;

type ParseResult =
  | { success: true; data: unknown }
  | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
interface Contract {
  [name: string]: unknown;
  parseCatalog(input: unknown): CatalogParseResult;
}
interface Build {
  code: string;
  contract: Contract;
}

/** Builds the contract's schemas as the widget builds do, with or without the shim. */
async function buildContract(dir: string, name: string, withShim: boolean): Promise<Build> {
  const entry = join(dir, 'entry.js');
  await writeFile(
    entry,
    [
      `export * from ${JSON.stringify(join(root, 'src/api/schemas.ts'))};`,
      `export * from ${JSON.stringify(join(root, 'src/domain/catalog.ts'))};`,
    ].join('\n'),
  );
  const outDir = join(dir, name);
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    publicDir: false,
    define: { __CASSA_WIDGET__: 'true' },
    resolve: { alias: withShim ? [zodShapeAlias] : [] },
    build: {
      outDir,
      emptyOutDir: true,
      write: true,
      target: 'es2022',
      lib: { entry, formats: ['es'], fileName: () => 'contract.mjs' },
    },
  });
  const file = join(outDir, 'contract.mjs');
  return {
    code: await readFile(file, 'utf8'),
    contract: (await import(pathToFileURL(file).href)) as Contract,
  };
}

let dir: string;
let real: Build;
let shimmed: Build;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cassa-zod-shape-'));
  real = await buildContract(dir, 'zod', false);
  shimmed = await buildContract(dir, 'shim', true);
});
after(() => rm(dir, { recursive: true, force: true }));

const schemaOf = (contract: Contract, name: string) =>
  contract[name] as { safeParse(input: unknown): ParseResult };

/** Asserts that the shim and zod answer `input` alike; returns zod's verdict. */
function assertSameAnswer(name: string, input: unknown): boolean {
  const expected = schemaOf(real.contract, name).safeParse(input);
  const actual = schemaOf(shimmed.contract, name).safeParse(input);
  assert.equal(actual.success, expected.success, `${name}: verdict`);
  if (expected.success && actual.success) {
    assert.deepStrictEqual(actual.data, expected.data, `${name}: data`);
  } else if (!expected.success && !actual.success) {
    const [issue] = expected.error.issues;
    assert.deepStrictEqual(actual.error.issues, [{ path: issue!.path, message: issue!.message }]);
  }
  return expected.success;
}

// Valid bodies for every schema the contract exports (the property below insists on each).
const product = catalog.products[0]!;
const pecProduct = catalog.products[1]!;
const pecHolder = {
  type: 'professional',
  name: 'Maria Bianchi',
  taxCode: 'BNCMRA80A41L219X',
  address: {
    street: 'Via Po 2',
    postalCode: '10123',
    city: 'Torino',
    province: 'TO',
    country: 'IT',
  },
  email: 'maria@example.it',
  eInvoice: { pec: 'maria@pec.example.it' },
};
const fieldError = { path: 'holder.email', code: 'email', message: 'Indirizzo non valido' };
const seeds: Record<string, unknown[]> = {
  LocalizedTextSchema: [product.name],
  CustomerTypeSchema: ['company', 'private'],
  PaymentMethodTypeSchema: ['card', 'none'],
  InclusionSchema: [{ id: 'users', quantity: 5 }],
  PlanSchema: [...product.plans, ...pecProduct.plans],
  AddonSchema: [...product.addons, ...pecProduct.addons],
  ProductSchema: catalog.products,
  CatalogSchema: [catalog],
  AddonQuantitySchema: quoteRequest.addons,
  QuoteRequestSchema: [
    quoteRequest,
    { productId: 'pec-addons', planId: 'member', years: 1, subscriptionId: 'sub_1' },
  ],
  QuoteLineSchema: quote.lines,
  QuoteSchema: [quote, { ...quote, lines: [], freeUntil: '2027-01-31', minimumTopUpCents: 500 }],
  AddressSchema: [holder.address],
  EInvoiceSchema: [holder.eInvoice, pecHolder.eInvoice],
  HolderSchema: [holder, pecHolder],
  LoginRequestSchema: [{ username: 'maria', password: 'secret' }],
  RegisterRequestSchema: [{ password: 'secret', holder: pecHolder }],
  CustomerSchema: [customer, { id: 'cus_2', username: 'maria', holder: pecHolder }],
  AuthResponseSchema: [{ token: 'tok_1', customer }],
  PortalSessionRequestSchema: [{ username: 'maria' }],
  PortalSessionResponseSchema: [{ token: 'tok_2' }],
  PaymentMethodsSchema: [
    {
      items: [
        { id: 'pm_1', type: 'card', label: 'Visa •••• 4242' },
        { id: 'pm_2', type: 'paypal', label: 'maria@example.it' },
      ],
    },
    { items: [] },
  ],
  SubscriptionsSchema: [
    {
      creditCents: 1200,
      items: [{ id: 'sub_1', productId: 'pec-addons', label: 'PEC', expiresOn: '2027-03-01' }],
    },
  ],
  OrderRequestSchema: [
    orderRequest,
    {
      ...quoteRequest,
      expectedTotalCents: 1000,
      paymentMethod: { type: 'card', savedId: 'pm_1' },
      topUpCents: 1000,
      holder: pecHolder,
      acceptTerms: true,
      returnUrl: 'https://example.it/back',
      locale: 'en',
    },
  ],
  OrderStatusSchema: ['paid', 'refused'],
  InstructionsSchema: [order.instructions],
  OrderSchema: [
    order,
    {
      ...order,
      status: 'pending_payment',
      paymentMethod: 'card',
      instructions: undefined,
      topUpCents: 500,
      freeUntil: null,
      renewalChargeDate: '2027-11-16',
      action: { type: 'redirect', url: 'https://pay.example.it/1' },
    },
  ],
  FieldErrorSchema: [fieldError],
  ProblemSchema: [
    { type: 'https://cassa.dev/problems/not-found', title: 'Not found', status: 404 },
    {
      type: 'https://cassa.dev/problems/invalid-request',
      title: 'Invalid request',
      status: 422,
      detail: 'Check the fields',
      errors: [fieldError],
    },
    { type: 'https://cassa.dev/problems/price-changed', title: 'Price', status: 409, quote },
  ],
};

// Words a damaged body is made of: the contract's own enum values and keys, near misses, oddities.
const words = [
  ...['EUR', 'eur', 'redirect', 'card', 'paypal', 'bank_transfer', 'credit', 'none', 'company'],
  ...['term', 'coterm', 'gb', 'flag', 'paid', 'active', 'it', 'en', 'bogus', '', '2027-01-31'],
];
const keys = [
  ...['id', 'pec', 'sdiCode', 'vatNumber', 'topUpCents', 'action', 'instructions', 'quote'],
  ...['errors', 'detail', 'max', 'plans', 'addons', 'subscriptionId', 'locale', 'extra'],
  ...['__proto__', 'constructor', 'toString', 'hasOwnProperty'],
];
const anything = fc.anything({
  withBoxedValues: true,
  withNullPrototype: true,
  withSparseArray: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withBigInt: true,
  withTypedArray: true,
  withObjectString: true,
});
const oddValue = fc.oneof(
  fc.constantFrom(null, undefined, 0, -0, 1, 1.5, -1, NaN, Infinity, -Infinity, true, false),
  fc.constantFrom(...words),
  fc.constantFrom('[]', '{}', '[1]', '["x"]', '[{}]').map((json) => JSON.parse(json) as unknown),
  anything,
);
type Mutation =
  | { op: 'set'; at: number; value: unknown }
  | { op: 'delete'; at: number }
  | { op: 'add'; at: number; key: string; value: unknown }
  | { op: 'copy'; at: number; from: number };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: oddValue }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('add' as const),
    at: fc.nat(),
    key: fc.oneof(fc.constantFrom(...keys), fc.string()),
    value: oddValue,
  }),
  fc.record({ op: fc.constant('copy' as const), at: fc.nat(), from: fc.nat() }),
);

type Container = Record<PropertyKey, unknown>;
const isContainer = (value: unknown): value is Container => {
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};
const put = (target: Container, key: PropertyKey, value: unknown) =>
  // defineProperty, so a `__proto__` key becomes an own key, as JSON.parse makes it.
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
/** A copy we may damage: arrays and plain objects are copied, other values shared. */
function copy(value: unknown): unknown {
  if (!isContainer(value)) return value;
  const out: Container = Array.isArray(value) ? [] : Object.create(Object.getPrototypeOf(value));
  for (const key of Object.keys(value)) put(out, key, copy(value[key]));
  return out;
}
/** Every place in `value`: [parent, key] pairs, plus the root as [undefined, undefined]. */
function places(value: unknown, out: [Container | undefined, PropertyKey | undefined][] = []) {
  if (out.length === 0) out.push([undefined, undefined]);
  if (isContainer(value))
    for (const key of Object.keys(value)) {
      out.push([value, key]);
      places(value[key], out);
    }
  return out;
}
function mutate(seed: unknown, mutations: Mutation[]): unknown {
  let body = copy(seed);
  for (const m of mutations) {
    const all = places(body);
    const [parent, key] = all[m.at % all.length]!;
    const current = parent ? parent[key!] : body;
    const replace = (value: unknown) => (parent ? put(parent, key!, value) : (body = value));
    if (m.op === 'set') replace(copy(m.value));
    else if (m.op === 'copy') {
      const [fromParent, fromKey] = all[m.from % all.length]!;
      replace(copy(fromParent ? fromParent[fromKey!] : body));
    } else if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else if (parent) delete parent[key!];
    } else if (isContainer(current) && !Array.isArray(current)) {
      put(current, m.key, copy(m.value));
    }
  }
  return body;
}

describe('zod-shape: the widget builds get the same answers as from zod/mini', () => {
  it('compares a shim build with a real zod build', () => {
    assert.match(real.code, /\$ZodObject/);
    assert.doesNotMatch(shimmed.code, /\$Zod|zod\/mini/);
  });

  it('is compared on zod in widget mode (value checks off)', () => {
    // A fractional, negative amount is the server's problem: in the widget build zod accepts it.
    const body = { ...quote, totalCents: -1.5, freeUntil: 'soon' };
    assert.equal(assertSameAnswer('QuoteSchema', body), true);
  });

  it('has valid bodies for every schema the contract exports, accepted by both', () => {
    const schemaNames = Object.keys(real.contract).filter((name) => name.endsWith('Schema'));
    assert.deepEqual(Object.keys(shimmed.contract).sort(), Object.keys(real.contract).sort());
    assert.deepEqual(schemaNames.sort(), Object.keys(seeds).sort());
    for (const [name, bodies] of Object.entries(seeds))
      for (const body of bodies) assert.equal(assertSameAnswer(name, body), true, name);
  });

  for (const name of Object.keys(seeds)) {
    it(`${name}: the same verdict and data on damaged bodies`, () => {
      const verdicts = { accepted: 0, refused: 0 };
      fc.assert(
        fc.property(
          fc.constantFrom(...seeds[name]!),
          fc.array(mutation, { maxLength: 4 }),
          (seed, mutations) => {
            verdicts[assertSameAnswer(name, mutate(seed, mutations)) ? 'accepted' : 'refused']++;
          },
        ),
        { numRuns: 400 },
      );
      // Both outcomes must occur, or the property proves nothing about one of them.
      assert.ok(verdicts.accepted > 0 && verdicts.refused > 0, JSON.stringify(verdicts));
    });
  }

  it('every schema: the same verdict on anything at all', () => {
    fc.assert(
      fc.property(anything, (input) => {
        for (const name of Object.keys(seeds)) assertSameAnswer(name, input);
      }),
      { numRuns: 300 },
    );
  });

  it('parseCatalog names the same first bad field, with the same message', () => {
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 3 }), (mutations) => {
        const input = mutate(catalog, mutations);
        const expected = real.contract.parseCatalog(input);
        const actual = shimmed.contract.parseCatalog(input);
        assert.equal(actual.ok, expected.ok);
        if (actual.ok && expected.ok) assert.deepStrictEqual(actual.catalog, expected.catalog);
        if (!actual.ok && !expected.ok) assert.deepStrictEqual(actual, expected);
      }),
      { numRuns: 300 },
    );
  });
});

/** The same schema built with zod/mini and with the shim. */
function both(make: (z: typeof shim) => shim.Schema) {
  return { zod: make(zod as unknown as typeof shim), shim: make(shim) };
}
/** Parses `input` with both; asserts they agree and returns the shim's answer. */
function parseBoth(make: (z: typeof shim) => shim.Schema, input: unknown) {
  const schemas = both(make);
  const expected = schemas.zod.safeParse(input);
  const actual = schemas.shim.safeParse(input);
  assert.equal(actual.success, expected.success, 'verdict');
  if (actual.success && expected.success) assert.deepStrictEqual(actual.data, expected.data);
  return actual;
}
const dataOf = (result: ReturnType<shim.Schema['safeParse']>) => {
  assert.ok(result.success, 'accepted');
  return result.data;
};

describe('zod-shape: behaviours, each checked against zod/mini', () => {
  it('object: strips unknown keys into a new object', () => {
    const input = { id: 'a', extra: 1 };
    const data = dataOf(parseBoth((z) => z.object({ id: z.string() }), input));
    assert.deepStrictEqual(data, { id: 'a' });
    assert.notEqual(data, input);
  });

  it('looseObject: keeps unknown keys, never an own __proto__', () => {
    const input = JSON.parse('{"id":"a","extra":1,"__proto__":{"polluted":true}}');
    const data = dataOf(parseBoth((z) => z.looseObject({ id: z.string() }), input));
    assert.deepStrictEqual(data, { id: 'a', extra: 1 });
    assert.equal(Object.getPrototypeOf(data), Object.prototype);
  });

  it('object: refuses null, arrays and functions; accepts any other object', () => {
    const make = (z: typeof shim) => z.object({ id: z.optional(z.string()) });
    for (const input of [null, [], () => {}, 'x', 1, undefined])
      assert.equal(parseBoth(make, input).success, false);
    assert.deepStrictEqual(dataOf(parseBoth(make, new Date(0))), {});
    // Inherited keys are read like own ones (zod uses `in` and `input[key]`).
    assert.deepStrictEqual(dataOf(parseBoth(make, Object.create({ id: 'x' }))), { id: 'x' });
  });

  it('optional: an absent key stays absent, a present undefined stays present', () => {
    const make = (z: typeof shim) => z.object({ a: z.optional(z.number()) });
    assert.deepStrictEqual(dataOf(parseBoth(make, {})), {});
    const data = dataOf(parseBoth(make, { a: undefined })) as object;
    assert.ok(Object.hasOwn(data, 'a'));
    assert.equal(parseBoth(make, { a: null }).success, false);
  });

  it('nullable: accepts null, not undefined nor an absent key', () => {
    const make = (z: typeof shim) => z.object({ a: z.nullable(z.string()) });
    assert.deepStrictEqual(dataOf(parseBoth(make, { a: null })), { a: null });
    assert.equal(parseBoth(make, { a: undefined }).success, false);
    assert.equal(parseBoth(make, {}).success, false);
    const optionalNullable = (z: typeof shim) =>
      z.object({ a: z.optional(z.nullable(z.string())) });
    assert.deepStrictEqual(dataOf(parseBoth(optionalNullable, {})), {});
  });

  it('_default: replaces undefined, present or absent, with a fresh copy, unchecked', () => {
    const fallback = [{ id: 'x' }];
    const make = (z: typeof shim) => z.object({ list: z._default(z.array(z.string()), fallback) });
    const first = dataOf(parseBoth(make, {})) as { list: unknown[] };
    assert.deepStrictEqual(first, { list: [{ id: 'x' }] });
    assert.notEqual(first.list, fallback);
    assert.equal(first.list[0], fallback[0]);
    assert.deepStrictEqual(dataOf(parseBoth(make, { list: undefined })), { list: [{ id: 'x' }] });
    assert.deepStrictEqual(dataOf(parseBoth(make, { list: ['a'] })), { list: ['a'] });
    assert.equal(parseBoth(make, { list: null }).success, false);
    const called = (z: typeof shim) => z._default(z.number(), () => 7);
    assert.equal(dataOf(parseBoth(called, undefined)), 7);
  });

  it('union: answers with the first option that fits', () => {
    const make = (z: typeof shim) =>
      z.union([z.object({ sdiCode: z.string() }), z.object({ pec: z.string() })]);
    assert.deepStrictEqual(dataOf(parseBoth(make, { sdiCode: 'A', pec: 'b' })), { sdiCode: 'A' });
    assert.deepStrictEqual(dataOf(parseBoth(make, { pec: 'b' })), { pec: 'b' });
    assert.equal(parseBoth(make, { sdiCode: 1 }).success, false);
  });

  it('number: refuses NaN and ±Infinity, keeps -0', () => {
    const make = (z: typeof shim) => z.number();
    for (const input of [NaN, Infinity, -Infinity, '1', 1n, null])
      assert.equal(parseBoth(make, input).success, false);
    assert.ok(Object.is(dataOf(parseBoth(make, -0)), -0));
  });

  it('enum and literal: compare without conversion', () => {
    const methods = (z: typeof shim) => z.enum(['card', 'paypal']);
    assert.equal(dataOf(parseBoth(methods, 'card')), 'card');
    assert.equal(parseBoth(methods, 'CARD').success, false);
    assert.equal(parseBoth(methods, new String('card')).success, false);
    const one = (z: typeof shim) => z.literal(1);
    assert.equal(parseBoth(one, '1').success, false);
    assert.equal(dataOf(parseBoth(one, 1)), 1);
  });

  it('array: maps every item into a new array; a hole is an undefined item', () => {
    const make = (z: typeof shim) => z.array(z.object({ id: z.string() }));
    const input = [{ id: 'a', x: 1 }];
    const data = dataOf(parseBoth(make, input));
    assert.deepStrictEqual(data, [{ id: 'a' }]);
    assert.notEqual(data, input);
    // eslint-disable-next-line no-sparse-arrays
    assert.equal(parseBoth(make, [, { id: 'a' }]).success, false);
    const optionalItems = (z: typeof shim) => z.array(z.optional(z.string()));
    // eslint-disable-next-line no-sparse-arrays
    assert.deepStrictEqual(dataOf(parseBoth(optionalItems, [, 'a'])), [undefined, 'a']);
  });

  it('a failure names the first bad path, as zod’s first issue does', () => {
    const make = (z: typeof shim) =>
      z.object({ items: z.array(z.object({ id: z.string(), n: z.number() })), ok: z.boolean() });
    const input = {
      items: [
        { id: 'a', n: 1 },
        { id: 'b', n: NaN },
      ],
      ok: 'no',
    };
    const { zod: real, shim: ours } = both(make);
    const expected = real.safeParse(input);
    const actual = ours.safeParse(input);
    assert.ok(!expected.success && !actual.success);
    assert.deepStrictEqual(actual.error.issues[0]!.path, ['items', 1, 'n']);
    assert.deepStrictEqual(actual.error.issues[0]!.path, expected.error.issues[0]!.path);
    // zod/mini loads no locale, so its message is this one until a locale is configured.
    assert.equal(actual.error.issues[0]!.message, 'Invalid input');
    assert.equal(actual.error.issues[0]!.message, expected.error.issues[0]!.message);
  });

  it('shape: exposes the object’s fields for spreading into another object', () => {
    const base = shim.object({ id: shim.string() });
    const extended = shim.object({ ...base.shape, n: shim.number() });
    assert.deepStrictEqual(dataOf(extended.safeParse({ id: 'a', n: 1, x: 2 })), { id: 'a', n: 1 });
  });
});
