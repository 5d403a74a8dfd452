// The catalog, the contract document, unknown things, and quotes for valid and invalid selections.
import { QuoteSchema, type QuoteRequest } from '../../src/api/schemas.ts';
import { ProductSchema, type Product } from '../../src/domain/catalog.ts';
import type { ConformanceContext } from '../context.ts';
import { expectFieldErrors, expectProblem } from '../problem.ts';
import { ensure, expectJson, expectShape, expectStatus, skip, type Check } from '../runner.ts';

type C = ConformanceContext;

export function needProduct(context: C): Product {
  if (!context.product) skip('needs the catalog, which did not load (see "catalog")');
  return context.product;
}

/** A selection the catalog allows: a priced plan if there is one, the first term, one add-on. */
export function validSelection(product: Product): QuoteRequest {
  const plan = product.plans.find((p) => p.yearlyCents > 0) ?? product.plans[0];
  if (!plan) skip(`product "${product.id}" has no plans`);
  const addon = product.addons.find(
    (a) =>
      (!a.plans || a.plans.includes(plan.id)) && a.step >= a.min && (a.max ?? a.step) >= a.step,
  );
  return {
    productId: product.id,
    planId: plan.id,
    years: product.terms[0] ?? 1,
    addons: addon ? [{ id: addon.id, quantity: addon.step }] : [],
  };
}

function needTermPricing(product: Product): void {
  if (product.pricing !== 'term') {
    skip(
      `product "${product.id}" is priced per subscription (coterm): its quotes need a subscription of the buyer's; pass --product with a term-priced product`,
    );
  }
}

export const catalogChecks: Check<C>[] = [
  {
    id: 'catalog',
    title: 'GET /v1/products/{id} answers the catalog in the contract’s shape',
    async run(context) {
      const { productId } = context.options;
      const reply = await context.client.request(
        'GET',
        `v1/products/${encodeURIComponent(productId)}`,
      );
      expectStatus(reply, 200, `GET /v1/products/${productId}`);
      expectJson(reply, 'the catalog');
      const product = expectShape(ProductSchema, reply.json, 'the catalog');
      ensure(
        product.id === productId,
        `the catalog's id is "${product.id}", expected "${productId}"`,
      );
      ensure(product.terms.length > 0, 'the catalog lists no renewal terms');
      ensure(product.paymentMethods.length > 0, 'the catalog lists no payment methods');
      context.product = product;
    },
  },
  {
    id: 'catalog-unknown-product',
    title: 'an unknown product is a 404 problem',
    async run(context) {
      const reply = await context.client.request(
        'GET',
        `v1/products/conformance-no-such-product-${context.runId}`,
      );
      expectProblem(reply, 404, 'not-found', 'GET /v1/products/{unknown}');
    },
  },
  {
    id: 'unknown-route',
    title: 'an unknown route is a 404 problem',
    async run(context) {
      const reply = await context.client.request(
        'GET',
        `v1/conformance-no-such-route-${context.runId}`,
      );
      expectProblem(reply, 404, 'not-found', 'GET /v1/{unknown route}');
    },
  },
  {
    id: 'openapi',
    title: 'GET /v1/openapi.json answers an OpenAPI document',
    async run(context) {
      const reply = await context.client.request('GET', 'v1/openapi.json');
      expectStatus(reply, 200, 'GET /v1/openapi.json');
      expectJson(reply, 'the OpenAPI document');
      const document = reply.json as { openapi?: unknown; paths?: unknown };
      ensure(
        typeof document.openapi === 'string',
        'the OpenAPI document has no "openapi" version string',
      );
      ensure(
        document.paths && typeof document.paths === 'object',
        'the OpenAPI document has no "paths"',
      );
    },
  },
  {
    id: 'quote-valid',
    title: 'a valid selection is quoted: lines sum to the taxable amount, total = taxable + VAT',
    async run(context) {
      const product = needProduct(context);
      needTermPricing(product);
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
    title: 'a term the catalog does not offer is a 422 with a field error at "years"',
    async run(context) {
      const product = needProduct(context);
      needTermPricing(product);
      const years = Math.max(...product.terms) + 1;
      const reply = await context.client.request('POST', 'v1/quotes', {
        json: { ...validSelection(product), years },
      });
      expectFieldErrors(reply, ['years'], `POST /v1/quotes with years: ${years}`);
    },
  },
  {
    id: 'quote-invalid-addon',
    title: 'an add-on quantity that breaks its step or maximum is a 422 at "addons.0.quantity"',
    async run(context) {
      const product = needProduct(context);
      needTermPricing(product);
      const base = validSelection(product);
      const addon = product.addons.find(
        (a) => (!a.plans || a.plans.includes(base.planId)) && (a.max !== undefined || a.step > 1),
      );
      if (!addon) skip('the catalog has no add-on with a maximum or a step above 1 to break');
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
    title: 'an unknown plan is a 422 with a field error at "planId"',
    async run(context) {
      const product = needProduct(context);
      needTermPricing(product);
      const reply = await context.client.request('POST', 'v1/quotes', {
        json: { ...validSelection(product), planId: 'conformance-no-such-plan', addons: [] },
      });
      expectFieldErrors(reply, ['planId'], 'POST /v1/quotes with an unknown planId');
    },
  },
  {
    id: 'quote-invalid-json',
    title: 'a body that is not JSON is a 400 problem',
    async run(context) {
      const reply = await context.client.request('POST', 'v1/quotes', { body: '{"productId": ' });
      expectProblem(reply, 400, 'invalid-json', 'POST /v1/quotes with a truncated JSON body');
    },
  },
];
