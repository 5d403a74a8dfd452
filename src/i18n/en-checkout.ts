import type { itCheckout } from './it-checkout.ts';

export const enCheckout: Record<keyof typeof itCheckout, string> = {
  'placeholder.checkout': '',
};
