// Connects <cassa-account> to its store: every state change re-renders the element, and the
// store's `account-change` reaches the element while it is connected.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AccountStore } from '../../state/account-store.ts';

export class AccountController implements ReactiveController {
  store: AccountStore | null = null;
  readonly #host: ReactiveControllerHost & { readonly isConnected: boolean };
  readonly #listeners: Record<string, (event: Event) => void>;

  constructor(
    host: ReactiveControllerHost & { readonly isConnected: boolean },
    onChange: (event: Event) => void,
  ) {
    this.#host = host;
    this.#listeners = { change: () => host.requestUpdate(), 'account-change': onChange };
    host.addController(this);
  }

  /** Replaces the store (a new backend): the old one is no longer listened to. */
  set(store: AccountStore): void {
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
    for (const [type, listener] of Object.entries(this.#listeners)) {
      if (on) this.store?.addEventListener(type, listener);
      else this.store?.removeEventListener(type, listener);
    }
  }
}
