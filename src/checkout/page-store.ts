// <cassa-checkout>'s store in a page: the page's storage (when the browser allows it), its URL and
// history, and leaving for the payment provider through the element's `navigate`.
import { CheckoutStore, type CheckoutStoreOptions } from '../state/checkout-store.ts';
import type { StorageLike } from '../state/persistence.ts';

function pageStorage(kind: 'sessionStorage' | 'localStorage'): StorageLike | null {
  try {
    return window[kind];
  } catch {
    // Storage disabled (sandboxed frame, privacy settings): no resume after a redirect.
    return null;
  }
}

/** A store for `host`, living in the page. */
export function createPageStore(
  host: { navigate(url: string): void },
  options: Omit<CheckoutStoreOptions, 'env'>,
): CheckoutStore {
  return new CheckoutStore({
    ...options,
    env: {
      storage: pageStorage('sessionStorage'),
      sharedStorage: pageStorage('localStorage'),
      href: () => window.location.href,
      navigate: (url) => host.navigate(url),
      replaceUrl: (url) => window.history.replaceState(window.history.state, '', url),
    },
  });
}
