// Which add-ons a plan allows: the one rule the first step needs of selection.ts (a module of its
// own so that the first file does not carry the whole selection rules).
import type { Addon } from './catalog.ts';

/** Whether an add-on may be bought with a plan (no `plans` list: with any plan of the product). */
export const addonOnPlan = (addon: Addon, planId: string): boolean =>
  !addon.plans || addon.plans.includes(planId);
