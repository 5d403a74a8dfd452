import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCatalog, type Product } from '../../src/domain/catalog.ts';
import { checkEligibility } from '../../src/domain/eligibility.ts';
import { certifiedPlatform, demoCatalogJson, pecAddons } from './demo-catalog.ts';

const priceTable = (product: Product) => ({
  plans: product.plans.map((p) => [p.id, p.yearlyCents]),
  addons: product.addons.map((a) => [a.id, a.unitCents, a.step, a.max ?? null]),
});

/** A deep copy of the demo catalog to break on purpose. */
const copy = () => structuredClone(demoCatalogJson) as { products: Record<string, unknown>[] };

describe('catalog: the demo catalog of DESIGN.md 1.3', () => {
  it('parses and holds exactly the two products', () => {
    const parsed = parseCatalog(demoCatalogJson);
    assert.equal(parsed.ok, true);
    assert.deepEqual(parsed.ok && parsed.catalog.products.map((p) => p.id), [
      'certified-platform',
      'pec-addons',
    ]);
  });

  it('sells Certified Platform at €120/year, users €12, 50 external users €20, 5 GB €10', () => {
    assert.deepEqual(priceTable(certifiedPlatform), {
      plans: [
        ['free', 0],
        ['base', 12000],
      ],
      addons: [
        ['extra-users', 1200, 1, 14],
        ['external-users', 2000, 50, null],
        ['storage', 1000, 5, null],
      ],
    });
    assert.deepEqual(certifiedPlatform.terms, [1, 2]);
    assert.equal(certifiedPlatform.pricing, 'term');
    assert.equal(certifiedPlatform.vatRateBasisPoints, 2200);
    assert.deepEqual(certifiedPlatform.paymentMethods, [
      'card',
      'paypal',
      'bank_transfer',
      'postal_slip',
    ]);
  });

  it('sells PEC add-ons at €3/GB/year and conservation €4/year (at most 1)', () => {
    assert.deepEqual(priceTable(pecAddons), {
      plans: [['member', 0]],
      addons: [
        ['extra-space', 300, 1, null],
        ['conservation', 400, 1, 1],
      ],
    });
    assert.equal(pecAddons.pricing, 'coterm');
    assert.equal(pecAddons.vatRateBasisPoints, 2200);
    assert.ok(pecAddons.paymentMethods.includes('card'));
    assert.ok(pecAddons.paymentMethods.includes('credit'));
  });

  it('names every plan and add-on in Italian and English', () => {
    for (const product of [certifiedPlatform, pecAddons]) {
      for (const { name } of [product, ...product.plans, ...product.addons]) {
        assert.ok(name.it.length > 0 && name.en.length > 0);
      }
    }
  });
});

describe('catalog: a broken catalog names the bad field', () => {
  it('a negative plan price', () => {
    const broken = copy();
    (broken.products[0]!.plans as Record<string, unknown>[])[1]!.yearlyCents = -1;
    const parsed = parseCatalog(broken);
    assert.equal(parsed.ok, false);
    assert.equal(!parsed.ok && parsed.path, 'products.0.plans.1.yearlyCents');
  });

  it('a price given as a decimal string', () => {
    const broken = copy();
    (broken.products[1]!.addons as Record<string, unknown>[])[0]!.unitCents = '3.00';
    const parsed = parseCatalog(broken);
    assert.equal(!parsed.ok && parsed.path, 'products.1.addons.0.unitCents');
  });

  it('a missing add-on step', () => {
    const broken = copy();
    delete (broken.products[0]!.addons as Record<string, unknown>[])[2]!.step;
    const parsed = parseCatalog(broken);
    assert.equal(!parsed.ok && parsed.path, 'products.0.addons.2.step');
  });

  it('a product without plans', () => {
    const broken = copy();
    broken.products[1]!.plans = [];
    const parsed = parseCatalog(broken);
    assert.equal(!parsed.ok && parsed.path, 'products.1.plans');
  });

  it('something that is not a catalog at all', () => {
    const parsed = parseCatalog('not a catalog');
    assert.equal(parsed.ok, false);
    assert.ok(!parsed.ok && parsed.message.length > 0);
  });
});

describe('eligibility: who may buy', () => {
  for (const product of [certifiedPlatform, pecAddons]) {
    it(`${product.id}: a company and a professional with partita IVA may buy`, () => {
      assert.deepEqual(checkEligibility(product, 'company'), { ok: true });
      assert.deepEqual(checkEligibility(product, 'professional'), { ok: true });
    });

    it(`${product.id}: a private individual is ineligible`, () => {
      assert.deepEqual(checkEligibility(product, 'private'), {
        ok: false,
        code: 'ineligible_customer',
      });
    });
  }
});
