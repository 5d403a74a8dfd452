// Which steps a buyer walks through, per product and plan (issue 5, part 2).
import type { Product } from '../domain/catalog.ts';
import { addonOnPlan } from '../domain/addon-on-plan.ts';

export const STEP_IDS = [
  'plan',
  'addons',
  'account',
  'mailbox',
  'holder',
  'summary',
  'result',
] as const;
export type StepId = (typeof STEP_IDS)[number];

/**
 * The steps in order, `result` last.
 * - `term` products (Certified Platform): plan → add-ons (when the plan has any) → account →
 *   holder → summary (payment included; just a confirmation for a free plan).
 * - `coterm` products (PEC add-ons): account → mailbox → add-ons → summary.
 * `skipAccount`: the host page logged the buyer in (session-token) with an eligible account.
 */
export function stepsFor(product: Product, planId: string, skipAccount: boolean): StepId[] {
  const account: StepId[] = skipAccount ? [] : ['account'];
  if (product.pricing === 'coterm') return [...account, 'mailbox', 'addons', 'summary', 'result'];
  const addons: StepId[] = product.addons.some((a) => addonOnPlan(a, planId)) ? ['addons'] : [];
  return ['plan', ...addons, ...account, 'holder', 'summary', 'result'];
}
