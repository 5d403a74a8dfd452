// Connects a Lit element to its checkout store: every state change re-renders the element, and the
// store's other events reach the element's handlers while it is connected.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CheckoutStore } from '../../state/checkout-store.ts';

/** An element that controllers attach to (a LitElement). */
type Host = ReactiveControllerHost & { readonly isConnected: boolean };

/** Subscribes the element to its store while connected: every change re-renders. */
export class StoreController implements ReactiveController {
  store: CheckoutStore | null = null;
  readonly #host: Host;
  readonly #listeners: Record<string, (event: Event) => void>;

  constructor(host: Host, listeners: Record<string, (event: Event) => void>) {
    this.#host = host;
    this.#listeners = { change: () => host.requestUpdate(), ...listeners };
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
    for (const [type, listener] of Object.entries(this.#listeners)) {
      if (on) this.store?.addEventListener(type, listener);
      else this.store?.removeEventListener(type, listener);
    }
  }
}
