// Eligibility: which customer types may buy a product (a private individual may not buy some).
import type { CustomerType, Product } from './catalog.ts';

/** Who may buy: the product's eligible customer types. A private individual gets `ineligible_customer`. */
export function checkEligibility(
  product: Product,
  customerType: CustomerType,
): { ok: true } | { ok: false; code: 'ineligible_customer' } {
  return product.eligibleCustomers.includes(customerType)
    ? { ok: true }
    : { ok: false, code: 'ineligible_customer' };
}
