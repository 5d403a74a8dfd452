// The ESM entry `cassa/account` (dist/account.mjs): registers <cassa-account>, the customer area
// (issue 24), and exports its class, its event and the contract's types. `import 'cassa'` does not
// load it; the drop-in script loads it when a page has a <cassa-account>.
export { CassaAccount, CassaAccountChangeEvent } from './components/cassa-account/cassa-account.ts';
export type { AccountChange } from './state/account-store.ts';
export { accountCalls, type AccountCalls } from './api/account-client.ts';
export type {
  AccountAddon,
  AccountInvoice,
  AccountSubscription,
  AccountSubscriptions,
  AccountNextCharge,
  SubscriptionUpdate,
} from './api/account-schemas.ts';
