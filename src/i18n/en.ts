import type { Messages } from './locale.ts';
import { enErrors } from './en-errors.ts';
import { enComponents } from './en-components.ts';
import { enCheckout } from './en-checkout.ts';

// `satisfies` makes a missing or extra key a compile error.
export const en = { ...enErrors, ...enComponents, ...enCheckout } satisfies Messages;
