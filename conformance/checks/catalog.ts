// The catalog of each --product, the contract document, unknown products and routes.
import type { QuoteRequest } from '../../src/api/schemas.ts';
import { ProductSchema, type Product } from '../../src/domain/catalog.ts';
import type { ConformanceContext } from '../context.ts';
import { expectProblem } from '../problem.ts';
import {
  ensure,
  expectJson,
  expectShape,
  expectStatus,
  notApplicable,
  skip,
  type Check,
} from '../runner.ts';

type C = ConformanceContext;

/** The term-priced product (plan + add-ons × years) the quote, order and payment checks use. */
export function needProduct(context: C): Product {
  if (context.product) return context.product;
  if (context.products.length < context.options.productIds.length)
    skip('needs the catalog, which did not load (see "catalog")');
  notApplicable(
    `no term-priced product among --product ${context.options.productIds.join(', ')} (pass one, e.g. certified-platform)`,
  );
}

/** The co-termed product (add-ons on a subscription) the mailbox checks use. */
export function needMailboxProduct(context: C): Product {
  if (context.mailboxProduct) return context.mailboxProduct;
  if (context.products.length < context.options.productIds.length)
    skip('needs the catalog, which did not load (see "catalog")');
  notApplicable(
    `no co-termed product among --product ${context.options.productIds.join(', ')} (pass one, e.g. pec-addons, to check add-ons on a subscription)`,
  );
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

export const catalogChecks: Check<C>[] = [
  {
    id: 'catalog',
    area: 'catalog',
    setup: true,
    title: 'GET /v1/products/{id} answers each product’s catalog in the contract’s shape',
    async run(context) {
      for (const productId of context.options.productIds) {
        const reply = await context.client.request(
          'GET',
          `v1/products/${encodeURIComponent(productId)}`,
        );
        expectStatus(reply, 200, `GET /v1/products/${productId}`);
        expectJson(reply, `the catalog of ${productId}`);
        const product = expectShape(ProductSchema, reply.json, `the catalog of ${productId}`);
        ensure(
          product.id === productId,
          `the catalog's id is "${product.id}", expected "${productId}"`,
        );
        ensure(product.terms.length > 0, `the catalog of ${productId} lists no renewal terms`);
        ensure(
          product.paymentMethods.length > 0,
          `the catalog of ${productId} lists no payment methods`,
        );
        context.products.push(product);
        if (product.pricing === 'term') context.product ??= product;
        else context.mailboxProduct ??= product;
      }
    },
  },
  {
    id: 'catalog-unknown-product',
    area: 'catalog',
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
    area: 'catalog',
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
    area: 'catalog',
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
];
