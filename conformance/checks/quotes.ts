// Quotes of the term-priced product: the shape, the arithmetic recomputed from the catalog the
// backend serves (with the domain's own pricing, the code the widget previews with), the field
// errors of broken rules, a body that is not JSON and one that is too large.
import { QuoteSchema, type QuoteRequest } from '../../src/api/schemas.ts';
import type { Product } from '../../src/domain/catalog.ts';
import { addDays, todayInRome } from '../../src/domain/dates.ts';
import { priceSelection, RENEWAL_CHARGE_DAYS_BEFORE } from '../../src/domain/pricing.ts';
import type { Quote, SubscriptionContext } from '../../src/domain/types.ts';
import type { ConformanceContext } from '../context.ts';
import { expectFieldErrors, expectProblem } from '../problem.ts';
import {
  ensure,
  expectJson,
  expectShape,
  expectStatus,
  fail,
  notApplicable,
  type Check,
} from '../runner.ts';
import { needProduct, validSelection } from './catalog.ts';

type C = ConformanceContext;

const euros = (cents: number) => `${(cents / 100).toFixed(2)} €`;

/** What the catalog says a selection costs: the domain's priceSelection, on today in Rome. */
export function expectedQuote(
  product: Product,
  selection: QuoteRequest,
  subscription?: SubscriptionContext,
): Quote {
  const priced = priceSelection(product, selection, {
    today: todayInRome(),
    ...(subscription ? { subscription } : {}),
  });
  if (!priced.ok)
    fail(
      `the kit's own selection breaks the catalog's rules (${priced.errors.map((e) => `${e.path}: ${e.code}`).join(', ')}): the catalog is inconsistent`,
    );
  return priced.quote;
}

const describeSelection = (s: QuoteRequest) =>
  `${s.planId}, ${s.years} year${s.years === 1 ? '' : 's'}${s.addons.map((a) => `, ${a.quantity} × ${a.id}`).join('')}`;

/**
 * The backend's quote against the catalog's arithmetic: each line (price × quantity ÷ step ×
 * years, or co-termed), the taxable sum, VAT at the catalog's rate rounded half-up once on that
 * sum, the total, the renewal and the minimum top-up. Labels and dates that depend on the
 * backend's clock are not compared, except where they follow from the quote itself.
 */
export function expectQuoteMatches(quote: Quote, expected: Quote, what: string): void {
  const ids = (q: Quote) => q.lines.map((l) => l.id).join(', ') || 'none';
  ensure(
    quote.lines.length === expected.lines.length,
    `${what}: the quote has lines [${ids(quote)}], the catalog gives [${ids(expected)}]`,
  );
  for (const line of expected.lines) {
    const got = quote.lines.find((l) => l.id === line.id);
    ensure(got, `${what}: the quote has no line "${line.id}" (lines: ${ids(quote)})`);
    ensure(
      got.quantity === line.quantity,
      `${what}: line "${line.id}" has quantity ${got.quantity}, the request ${line.quantity}`,
    );
    ensure(
      got.unitCents === line.unitCents,
      `${what}: line "${line.id}" is priced ${got.unitCents} per step, the catalog says ${line.unitCents}`,
    );
    ensure(
      got.amountCents === line.amountCents,
      `${what}: line "${line.id}" amounts to ${got.amountCents} (${euros(got.amountCents)}), the catalog gives ${line.amountCents} (${euros(line.amountCents)})`,
    );
  }
  ensure(
    quote.taxableCents === expected.taxableCents,
    `${what}: taxableCents ${quote.taxableCents}, the catalog gives ${expected.taxableCents}`,
  );
  ensure(
    quote.vatRateBasisPoints === expected.vatRateBasisPoints,
    `${what}: the VAT rate is ${quote.vatRateBasisPoints} basis points, the catalog's is ${expected.vatRateBasisPoints}`,
  );
  ensure(
    quote.vatCents === expected.vatCents,
    `${what}: vatCents ${quote.vatCents}, but ${expected.vatRateBasisPoints / 100}% of ${quote.taxableCents} rounded half-up is ${expected.vatCents}`,
  );
  ensure(
    quote.totalCents === expected.totalCents,
    `${what}: totalCents ${quote.totalCents}, the catalog gives ${expected.totalCents}`,
  );
  ensure(
    quote.renewal.totalCents === expected.renewal.totalCents,
    `${what}: the renewal totals ${quote.renewal.totalCents}, the catalog gives ${expected.renewal.totalCents}`,
  );
  ensure(
    quote.minimumTopUpCents === expected.minimumTopUpCents,
    `${what}: minimumTopUpCents ${quote.minimumTopUpCents}, the catalog gives ${expected.minimumTopUpCents}`,
  );
  ensure(
    (quote.freeUntil === null) === (expected.freeUntil === null),
    `${what}: freeUntil is ${quote.freeUntil}, expected ${expected.freeUntil}`,
  );
}

/** Selections that exercise the catalog: every term, every add-on at its step and at twice it. */
export function arithmeticSelections(product: Product): QuoteRequest[] {
  const base = validSelection(product);
  const addons = product.addons.filter((a) => !a.plans || a.plans.includes(base.planId));
  const at = (multiple: number) =>
    addons
      .map((a) => {
        const quantity = Math.max(a.min, a.step * multiple);
        return { id: a.id, quantity: a.max !== undefined && quantity > a.max ? a.max : quantity };
      })
      .filter((a) => a.quantity > 0);
  const selections: QuoteRequest[] = [];
  for (const years of product.terms) {
    selections.push({ ...base, years, addons: at(1) });
    selections.push({ ...base, years, addons: at(2) });
  }
  return selections;
}

export const quoteChecks: Check<C>[] = [
  {
    id: 'quote-valid',
    area: 'quotes',
    setup: true,
    title: 'a valid selection is quoted: lines sum to the taxable amount, total = taxable + VAT',
    async run(context) {
      const product = needProduct(context);
      const selection = validSelection(product);
      const reply = await context.client.request('POST', 'v1/quotes', { json: selection });
      expectStatus(reply, 200, 'POST /v1/quotes');
      expectJson(reply, 'the quote');
      const quote = expectShape(QuoteSchema, reply.json, 'the quote');
      const sum = quote.lines.reduce((total, line) => total + line.amountCents, 0);
      ensure(
        sum === quote.taxableCents,
        `the quote's lines sum to ${sum}, its taxableCents is ${quote.taxableCents}`,
      );
      ensure(
        quote.totalCents === quote.taxableCents + quote.vatCents,
        `totalCents ${quote.totalCents} ≠ taxableCents ${quote.taxableCents} + vatCents ${quote.vatCents}`,
      );
      ensure(
        quote.vatRateBasisPoints === product.vatRateBasisPoints,
        `the quote's VAT rate ${quote.vatRateBasisPoints} differs from the catalog's ${product.vatRateBasisPoints}`,
      );
      for (const addon of selection.addons) {
        ensure(
          quote.lines.some((line) => line.id === addon.id),
          `the quote has no line for the add-on "${addon.id}" (quantity ${addon.quantity})`,
        );
      }
      context.selection = selection;
      context.quote = quote;
    },
  },
  {
    id: 'quote-invalid-years',
    area: 'quotes',
    title: 'a term the catalog does not offer is a 422 with a field error at "years"',
    async run(context) {
      const product = needProduct(context);
      const years = Math.max(...product.terms) + 1;
      const reply = await context.client.request('POST', 'v1/quotes', {
        json: { ...validSelection(product), years },
      });
      expectFieldErrors(reply, ['years'], `POST /v1/quotes with years: ${years}`);
    },
  },
  {
    id: 'quote-invalid-addon',
    area: 'quotes',
    title: 'an add-on quantity that breaks its step or maximum is a 422 at "addons.0.quantity"',
    async run(context) {
      const product = needProduct(context);
      const base = validSelection(product);
      const addon = product.addons.find(
        (a) => (!a.plans || a.plans.includes(base.planId)) && (a.max !== undefined || a.step > 1),
      );
      if (!addon)
        notApplicable('the catalog has no add-on with a maximum or a step above 1 to break');
      const quantity = addon.max !== undefined ? addon.max + addon.step : addon.step + 1;
      const reply = await context.client.request('POST', 'v1/quotes', {
        json: { ...base, addons: [{ id: addon.id, quantity }] },
      });
      expectFieldErrors(
        reply,
        ['addons.0.quantity'],
        `POST /v1/quotes with ${quantity} × "${addon.id}"`,
      );
    },
  },
  {
    id: 'quote-unknown-plan',
    area: 'quotes',
    title: 'an unknown plan is a 422 with a field error at "planId"',
    async run(context) {
      const product = needProduct(context);
      const reply = await context.client.request('POST', 'v1/quotes', {
        json: { ...validSelection(product), planId: 'conformance-no-such-plan', addons: [] },
      });
      expectFieldErrors(reply, ['planId'], 'POST /v1/quotes with an unknown planId');
    },
  },
  {
    id: 'quote-invalid-json',
    area: 'quotes',
    title: 'a body that is not JSON is a 400 problem',
    async run(context) {
      const reply = await context.client.request('POST', 'v1/quotes', { body: '{"productId": ' });
      expectProblem(reply, 400, 'invalid-json', 'POST /v1/quotes with a truncated JSON body');
    },
  },
  {
    id: 'quote-arithmetic',
    area: 'quotes',
    title:
      'quotes for every term and add-on (at its step and twice it) match the catalog’s prices, VAT rate and rounding',
    async run(context) {
      const product = needProduct(context);
      for (const selection of arithmeticSelections(product)) {
        const what = `POST /v1/quotes (${describeSelection(selection)})`;
        const reply = await context.client.request('POST', 'v1/quotes', { json: selection });
        expectStatus(reply, 200, what);
        expectJson(reply, what);
        const quote = expectShape(QuoteSchema, reply.json, `${what}: the quote`);
        expectQuoteMatches(quote, expectedQuote(product, selection), what);
        ensure(
          quote.renewal.chargeDate === addDays(quote.renewal.date, -RENEWAL_CHARGE_DAYS_BEFORE),
          `${what}: the renewal is charged on ${quote.renewal.chargeDate}, not ${RENEWAL_CHARGE_DAYS_BEFORE} days before it falls due (${quote.renewal.date})`,
        );
      }
    },
  },
  {
    id: 'request-too-large',
    area: 'quotes',
    title: 'a body over the size limit (1 MiB sent) is a 413 problem',
    async run(context) {
      const body = JSON.stringify({ productId: 'conformance', padding: 'x'.repeat(1024 * 1024) });
      const reply = await context.client.request('POST', 'v1/quotes', { body });
      expectProblem(reply, 413, 'payload-too-large', 'POST /v1/quotes with a 1 MiB body');
    },
  },
];
