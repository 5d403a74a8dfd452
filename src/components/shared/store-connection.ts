// An element's connection to its store, as a Lit reactive controller: the store's events (typed by
// its event map) reach the element's listeners while the element is connected, and a new store
// (new properties) replaces the old one. <cassa-checkout> and <cassa-account> each extend it.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TypedEventTarget } from '../../state/typed-event-target.ts';

/** An element that controllers attach to (a LitElement). */
export type StoreHost = ReactiveControllerHost & { readonly isConnected: boolean };

/** A listener for each of the map's events the element listens to. */
export type StoreListeners<M> = { [K in keyof M & string]?: (event: M[K]) => void };

export class StoreConnection<
  M extends { [K in keyof M]: Event },
  S extends TypedEventTarget<M>,
> implements ReactiveController {
  store: S | null = null;
  readonly #host: StoreHost;
  readonly #listeners: StoreListeners<M>;

  constructor(host: StoreHost, listeners: StoreListeners<M>) {
    this.#host = host;
    this.#listeners = listeners;
    host.addController(this);
  }

  /** Replaces the store: the old one is no longer listened to. */
  set(store: S): void {
    this.#listen(false);
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
    if (!store) return;
    for (const type of Object.keys(this.#listeners) as (keyof M & string)[]) {
      const listener = this.#listeners[type];
      if (!listener) continue;
      if (on) store.addEventListener(type, listener);
      else store.removeEventListener(type, listener);
    }
  }
}
