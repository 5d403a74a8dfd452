// <cassa-checkout> loaded back from the payment page (`?cassa_order=…&cassa_resume=…`): paid,
// refused or cancelled, the outcome is what the buyer reads first. The page loads scrolled to its
// top and the widget may be far below, so the heading comes into view with the focus once the
// first step is shown. This widget's order only.
import type { CheckoutState } from '../state/checkout-store.ts';
import { readReturn } from '../state/persistence.ts';

export class PaymentReturn {
  #returning = false;

  /** A store starts on the page at `href`. */
  start(href: string): void {
    try {
      this.#returning = !!readReturn(href);
    } catch {
      this.#returning = false;
    }
  }

  /** The first step is shown: an outcome to read brings `heading` into view, with the focus. */
  show(s: CheckoutState | undefined, heading: HTMLElement | undefined): void {
    const outcome = s?.step === 'result' || s?.error?.code === 'payment_cancelled' || s?.loginAgain;
    if (this.#returning && outcome) {
      heading?.scrollIntoView({ block: 'start' });
      heading?.focus({ preventScroll: true });
    }
    this.#returning = false;
  }
}
