// Selection rules: which plan, which add-on quantities and which term a product allows.
import { addonOnPlan } from './addon-on-plan.ts';
import type { Addon, Product } from './catalog.ts';
import type { FieldErrorCode } from './errors.ts';
import type { FieldError, Selection, SubscriptionContext } from './types.ts';

export interface SelectionContext {
  /** Today's date in Europe/Rome (`YYYY-MM-DD`). */
  today: string;
  /** The subscription add-ons attach to; required by `coterm` products. */
  subscription?: SubscriptionContext;
}

/**
 * The most of any add-on in one order, also where the catalog sets no maximum (GB of extra
 * space): beyond it a number is a typing slip, and its amounts would leave the integer columns.
 */
export const MAX_ADDON_QUANTITY = 100_000;

export { addonOnPlan };

/**
 * The quantity rules of one add-on, shared by the widget's stepper and the server: a whole number
 * from 0; when not 0, within `min`/`max` (and {@link MAX_ADDON_QUANTITY}) and a multiple of `step`.
 */
export function addonQuantityError(addon: Addon, quantity: number): FieldErrorCode | undefined {
  if (!Number.isSafeInteger(quantity) || quantity < 0) return 'selection.addon.integer';
  if (quantity === 0) return undefined;
  if (quantity < addon.min) return 'selection.addon.min';
  if (quantity > Math.min(addon.max ?? MAX_ADDON_QUANTITY, MAX_ADDON_QUANTITY))
    return 'selection.addon.max';
  if (quantity % addon.step !== 0) return 'selection.addon.step';
  return undefined;
}

/** Every rule the selection breaks, with dotted paths into the quote request. */
export function validateSelection(
  product: Product,
  selection: Selection,
  context?: SelectionContext,
): FieldError[] {
  const errors: FieldError[] = [];
  if (selection.productId !== product.id) {
    errors.push({ path: 'productId', code: 'selection.product.unknown' });
    return errors;
  }
  const plan = product.plans.find((p) => p.id === selection.planId);
  if (!plan) errors.push({ path: 'planId', code: 'selection.plan.unknown' });

  const terms = product.pricing === 'coterm' ? [1] : product.terms;
  if (!Number.isInteger(selection.years) || !terms.includes(selection.years)) {
    errors.push({ path: 'years', code: 'selection.years' });
  }

  const seen = new Set<string>();
  selection.addons.forEach(({ id, quantity }, i) => {
    const addon = product.addons.find((a) => a.id === id);
    if (!addon) return errors.push({ path: `addons.${i}.id`, code: 'selection.addon.unknown' });
    if (seen.has(id))
      return errors.push({ path: `addons.${i}.id`, code: 'selection.addon.duplicate' });
    seen.add(id);
    const at = `addons.${i}.quantity`;
    const code = addonQuantityError(addon, quantity);
    if (code === 'selection.addon.integer') return errors.push({ path: at, code });
    if (quantity === 0) return;
    if (plan && !addonOnPlan(addon, plan.id)) {
      return errors.push({ path: `addons.${i}.id`, code: 'selection.addon.not_on_plan' });
    }
    if (code) return errors.push({ path: at, code });
    // Conservation (max 1) already on the mailbox: the order would buy it twice.
    const active = context?.subscription?.activeAddons?.[id] ?? 0;
    if (active > 0 && addon.max !== undefined && active + quantity > addon.max)
      errors.push({ path: at, code: 'selection.addon.active' });
  });

  if (product.pricing === 'coterm') {
    if (!selection.subscriptionId) {
      errors.push({ path: 'subscriptionId', code: 'selection.subscription.required' });
    } else if (context && !context.subscription) {
      errors.push({ path: 'subscriptionId', code: 'selection.subscription.unknown' });
    } else if (context?.subscription && context.subscription.expiresOn <= context.today) {
      errors.push({ path: 'subscriptionId', code: 'selection.subscription.expired' });
    }
  }
  return errors;
}
