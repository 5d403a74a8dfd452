// Italian: the source dictionary. Each area keeps its messages in its own file.
import { itErrors } from './it-errors.ts';
import { itComponents } from './it-components.ts';
import { itCheckout } from './it-checkout.ts';

export const it = { ...itErrors, ...itComponents, ...itCheckout };
