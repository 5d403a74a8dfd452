// English: the add-ons step; exactly the Italian keys (`satisfies`: a missing or extra key is a compile
// error). Loaded on demand.
import { addMessages } from '../registry.ts';
import type { itAddons } from '../it/addons.ts';

export const enAddons = addMessages('en', 'addons', {
  'addon.yearly': '{price} + VAT/year',
  'addon.per.user': 'per user',
  'addon.per.external-user': 'per external user',
  'addon.per.gb': 'per GB',
  'addon.per.step': 'each',
  'addon.steps': 'In packs of {step} users',
  'addon.steps.gb': 'In blocks of {step} GB',
  'addon.max.user': 'up to {max} more users',
  'addon.max': 'at most {max}',
  'addon.flag': '1 GB for a single mailbox',
  'addon.unavailable': 'not available with the chosen version',
  'addon.less': 'Decrease: {name}',
  'addon.more': 'Increase: {name}',
  'checkout.addons.none': 'Choose at least one add-on.',
  'addon.unit.user': 'users',
  'addon.unit.external-user': 'external users',
  'addon.unit.gb': 'GB',
  'addon.error.max': 'At most {max} {unit}.',
  'addon.error.min': 'At least {min} {unit}.',
  'addon.error.step': 'It comes in multiples of {step} {unit}: for example {a} or {b}.',
} satisfies typeof itAddons);
