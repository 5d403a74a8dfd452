// Connects <cassa-account> to its store: every state change re-renders the element, and the
// store's `account-change` reaches the element while it is connected. A Lit reactive controller
// (components/shared/store-connection.ts). Out of the page, the store stops checking a pending
// top-up (and a replaced store for good); back in the page, it goes on.
import type { AccountChange, AccountEventMap, AccountStore } from '../../state/account-store.ts';
import { StoreConnection, type StoreHost } from '../shared/store-connection.ts';

export class AccountController extends StoreConnection<AccountEventMap, AccountStore> {
  constructor(host: StoreHost, onChange: (event: CustomEvent<AccountChange>) => void) {
    super(host, { change: () => host.requestUpdate(), 'account-change': onChange });
  }

  override set(store: AccountStore): void {
    this.store?.pauseChecks();
    super.set(store);
  }

  override hostConnected(): void {
    super.hostConnected();
    this.store?.resumeChecks();
  }

  override hostDisconnected(): void {
    super.hostDisconnected();
    this.store?.pauseChecks();
  }
}
