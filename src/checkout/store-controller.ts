// <cassa-checkout>'s store connection: every state change re-renders the element, and the store's
// other events (typed: state/store-core.ts) reach the element's handlers while it is connected; a
// replaced store stops. A Lit reactive controller (components/shared/store-connection.ts).
import type { CheckoutStore, StoreEventMap } from '../state/checkout-store.ts';
import { StoreConnection, type StoreHost } from '../components/shared/store-connection.ts';

/** The element's handler of each store event but `change` (which re-renders). */
export type StoreHandlers = {
  [K in Exclude<keyof StoreEventMap, 'change'>]: (event: StoreEventMap[K]) => void;
};

export class StoreController extends StoreConnection<StoreEventMap, CheckoutStore> {
  constructor(host: StoreHost, handlers: StoreHandlers) {
    super(host, { change: () => host.requestUpdate(), ...handlers });
  }

  /** Replaces the store (a new backend or product): the old one stops and is forgotten. */
  override set(store: CheckoutStore): void {
    const old = this.store;
    super.set(store);
    old?.dispose();
  }
}
