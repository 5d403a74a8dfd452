// The customer area's event for the host page (issue 24).
import type { AccountChange } from '../../state/account-store.ts';
import { eventInit } from '../shared/events.ts';

export type { AccountChange };

/**
 * `cassa-account-change`: the buyer changed something in the customer area (auto-renew, the
 * renewal method, a removed method) or left for the provider's page (a top-up, a new method).
 * Bubbling and composed, like every Cassa event. Fulfil from the `subscription.updated` webhook,
 * not from this event: it runs in the buyer's browser.
 */
export class CassaAccountChangeEvent extends CustomEvent<AccountChange> {
  constructor(change: AccountChange) {
    super('cassa-account-change', eventInit(change));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cassa-account-change': CassaAccountChangeEvent;
  }
}
