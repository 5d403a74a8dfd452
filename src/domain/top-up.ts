// The credit top-up of a PEC add-on order (DESIGN 1.2): one rule for the server and the widget's
// payment chooser, so both give the same answer (a card that loads 0 is `topup.zero`, everywhere).
import type { PaymentMethodType } from './catalog.ts';
import type { FieldErrorCode } from './errors.ts';

/** The largest credit top-up by card in one order (10.000,00 €): beyond it, a typing slip. */
export const MAX_TOP_UP_CENTS = 1_000_000;

export interface TopUpCheck {
  /** How the order is paid: `credit` alone, or a card that loads `topUpCents` first. */
  method: PaymentMethodType;
  topUpCents: number;
  /** The quote's `minimumTopUpCents`: one year of the add-ons with VAT minus the credit, ≥ 0. */
  minimumCents: number;
  /** What the account holds and what is due now; when known (the server), the two must cover it. */
  creditCents?: number;
  totalCents?: number;
}

/** Why this top-up cannot pay for the order, or `undefined` when it can. */
export function topUpError(check: TopUpCheck): FieldErrorCode | undefined {
  const { method, topUpCents, minimumCents, creditCents, totalCents } = check;
  const uncovered =
    creditCents !== undefined && totalCents !== undefined && creditCents + topUpCents < totalCents;
  if (method === 'credit') {
    // Credit alone: nothing loaded, and nothing needs loading.
    return minimumCents > 0 || topUpCents > 0 || uncovered ? 'topup.min' : undefined;
  }
  if (topUpCents > MAX_TOP_UP_CENTS) return 'topup.max';
  // A card that loads nothing pays nothing: that order is paid from credit.
  if (topUpCents === 0) return 'topup.zero';
  return topUpCents < minimumCents || uncovered ? 'topup.min' : undefined;
}
