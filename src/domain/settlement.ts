// How a PEC add-on order is paid (DESIGN 1.2): the card loads the prepaid credit, and what is due
// now is taken from that credit. One statement for the summary, the payment page and the result,
// so the three say the same figures: what the card pays now, what the credit pays now, and the
// credit left after.
import type { PaymentMethodType } from './catalog.ts';

export interface Settlement {
  /** Charged to the card (or PayPal account) now: the credit top-up; 0 when paid from credit. */
  chargedNowCents: number;
  /** Taken from the prepaid credit now: the quote's total due now. */
  fromCreditCents: number;
  /** The credit after the order: before + top-up − due now. */
  creditAfterCents: number;
}

/**
 * The settlement of an order paid from credit, or `null` when the order is not (a Certified
 * Platform order is charged its total directly) or the credit is not known.
 */
export function settlement(figures: {
  totalCents: number;
  /** The account's credit before the order (the quote's `creditCents`). */
  creditCents: number | null | undefined;
  method: PaymentMethodType | undefined;
  /** The top-up by card or PayPal; ignored when the order is paid from credit alone. */
  topUpCents: number | null | undefined;
}): Settlement | null {
  const { totalCents, creditCents, method } = figures;
  if (creditCents === null || creditCents === undefined) return null;
  const chargedNowCents = method === 'card' || method === 'paypal' ? (figures.topUpCents ?? 0) : 0;
  return {
    chargedNowCents,
    fromCreditCents: totalCents,
    creditAfterCents: creditCents + chargedNowCents - totalCents,
  };
}
