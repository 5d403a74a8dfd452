// <cassa-checkout>'s store connection: every state change re-renders the element, and the store's
// other events (typed: state/store-core.ts) reach the element's handlers while it is connected.
// A Lit reactive controller.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CheckoutStore, StoreEventMap } from '../state/checkout-store.ts';

/** An element that controllers attach to (a LitElement). */
type Host = ReactiveControllerHost & { readonly isConnected: boolean };

/** The element's handler of each store event but `change` (which re-renders). */
export type StoreHandlers = {
  [K in Exclude<keyof StoreEventMap, 'change'>]: (event: StoreEventMap[K]) => void;
};

export class StoreController implements ReactiveController {
  store: CheckoutStore | null = null;
  readonly #host: Host;
  readonly #handlers: StoreHandlers;
  readonly #change = () => this.#host.requestUpdate();

  constructor(host: Host, handlers: StoreHandlers) {
    this.#host = host;
    this.#handlers = handlers;
    host.addController(this);
  }

  /** Replaces the store (a new backend or product): the old one stops and is forgotten. */
  set(store: CheckoutStore): void {
    this.#listen(false);
    this.store?.dispose();
    this.store = store;
    if (this.#host.isConnected) this.#listen(true);
  }

  hostConnected(): void {
    this.#listen(true);
  }

  hostDisconnected(): void {
    this.#listen(false);
  }

  #listen(on: boolean): void {
    const { store } = this;
    const { ready, step, error, complete } = this.#handlers;
    if (!store) return;
    if (on) {
      store.addEventListener('change', this.#change);
      store.addEventListener('ready', ready);
      store.addEventListener('step', step);
      store.addEventListener('error', error);
      store.addEventListener('complete', complete);
    } else {
      store.removeEventListener('change', this.#change);
      store.removeEventListener('ready', ready);
      store.removeEventListener('step', step);
      store.removeEventListener('error', error);
      store.removeEventListener('complete', complete);
    }
  }
}
