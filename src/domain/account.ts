// What the customer area works out from a customer's subscriptions (issue 24): whether the prepaid
// credit covers the renewals it pays, the smallest top-up that makes it cover them (the checkout's
// rule, DESIGN 1.2: what is needed minus the credit already there), and what happens at expiry.
// Pure: the widget and any server can use it.
import type { IsoDate } from './types.ts';

/** The fields of a subscription these rules read (a subset of the contract's). */
export interface RenewingSubscription {
  id: string;
  status: 'active' | 'action_required' | 'renewal_failed' | 'expired';
  autoRenew: boolean;
  nextCharge: { date: IsoDate; totalCents: number; source: 'card' | 'paypal' | 'credit' } | null;
  addons: { status: 'active' | 'free' | 'deactivated' }[];
}

/** The credit's next charges, earliest first. */
export function creditCharges(subscriptions: readonly RenewingSubscription[]) {
  return subscriptions
    .filter((s) => s.status === 'active' && s.autoRenew && s.nextCharge?.source === 'credit')
    .map((s) => ({ subscriptionId: s.id, ...s.nextCharge! }))
    .sort(
      (a, b) => a.date.localeCompare(b.date) || a.subscriptionId.localeCompare(b.subscriptionId),
    );
}

export interface CreditOutlook {
  /** What the credit's renewals take, all of them. */
  neededCents: number;
  /** The first charge the credit will not cover (taken in date order), if any. */
  firstUncovered: { subscriptionId: string; date: IsoDate; totalCents: number } | undefined;
  /** The smallest top-up that covers them all (0: covered). */
  shortfallCents: number;
}

/** Whether `creditCents` covers the renewals paid from the credit, taken in date order. */
export function creditOutlook(
  creditCents: number,
  subscriptions: readonly RenewingSubscription[],
): CreditOutlook {
  let left = creditCents;
  let firstUncovered: CreditOutlook['firstUncovered'];
  let neededCents = 0;
  for (const charge of creditCharges(subscriptions)) {
    neededCents += charge.totalCents;
    if (charge.totalCents > left) firstUncovered ??= charge;
    else left -= charge.totalCents;
  }
  return { neededCents, firstUncovered, shortfallCents: Math.max(0, neededCents - creditCents) };
}

/** The smallest top-up accepted: the shortfall, or 1 cent when nothing is short. */
export const minimumTopUpCents = (outlook: CreditOutlook): number =>
  Math.max(1, outlook.shortfallCents);

/**
 * Why a top-up of `amountCents` is refused (a field code of src/domain/errors.ts), if it is. The
 * largest top-up (`MAX_TOP_UP_CENTS` of ./top-up.ts, `topup.max`) is the server's check: importing
 * it here would move that module out of the checkout's main file into a file of its own.
 */
export function accountTopUpError(
  amountCents: number,
  outlook: CreditOutlook,
): 'topup.zero' | 'topup.min' | undefined {
  if (amountCents <= 0) return 'topup.zero';
  return amountCents < minimumTopUpCents(outlook) ? 'topup.min' : undefined;
}

/**
 * What happens at a subscription's expiry: it `renews` (charged to its method or the credit),
 * `ends` (auto-renew off, or nothing to renew), `failed` (a renewal that already failed), or
 * waits for the buyer (`action`: the bank asked to authenticate the renewal payment).
 */
export function atExpiry(
  subscription: RenewingSubscription,
): 'renews' | 'ends' | 'failed' | 'action' {
  if (subscription.status === 'renewal_failed') return 'failed';
  if (subscription.status === 'action_required') return 'action';
  return subscription.autoRenew && subscription.nextCharge ? 'renews' : 'ends';
}

/** An amount typed in euros (`15,86`, `15.86`, `15`) as cents, or NaN when it is not one. */
export function parseEuroCents(typed: string): number {
  const value = typed.trim().replace(/\s|€/g, '');
  const match = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(value);
  if (!match) return NaN;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
