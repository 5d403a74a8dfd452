// English: the Italian source's keys, each translated (`satisfies` makes a missing or extra key
// a compile error).
import type { it } from './it.ts';
import { enErrors } from './en-errors.ts';
import { enComponents } from './en-components.ts';
import { enCheckout } from './en-checkout.ts';

export const en = { ...enErrors, ...enComponents, ...enCheckout } satisfies typeof it;
