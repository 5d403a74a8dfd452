// <cassa-checkout>'s store in a page: made from the element's properties, with the page's storage
// (when the browser allows it), its URL and history, leaving for the payment provider through the
// element's `navigate`, and the catalog request the drop-in script may have started already.
import { createClient } from '../api/client.ts';
import type { Locale } from '../i18n/index.ts';
import { catalogUrl, takeCatalogRequest } from '../loading/catalog-request.ts';
import { CheckoutStore } from '../state/checkout-store.ts';
import type { StorageLike } from '../state/persistence.ts';

/** What the store is made from: the element's properties. */
export interface PageStoreHost extends Element {
  readonly backend: string;
  readonly product: string;
  readonly plan: string | null;
  readonly subscription: string | null;
  readonly sessionToken: string | null;
  readonly fetchImpl?: typeof fetch;
  readonly timeoutMs?: number;
  readonly locale: Locale;
  navigate(url: string): void;
}

function pageStorage(kind: 'sessionStorage' | 'localStorage'): StorageLike | null {
  try {
    return window[kind];
  } catch {
    // Storage disabled (sandboxed frame, privacy settings): no resume after a redirect.
    return null;
  }
}

/** A store for `host`, living in the page. */
export function createPageStore(host: PageStoreHost): CheckoutStore {
  const { backend, product, fetchImpl } = host;
  // The catalog request the drop-in script started for this element, when it is still the one to
  // make (the same backend and product, the page's own fetch); otherwise it is cancelled.
  const url = catalogUrl(backend, product, document.baseURI);
  const started = takeCatalogRequest(host, fetchImpl ? '' : url);
  return new CheckoutStore({
    client: createClient(backend, {
      fetch: fetchImpl,
      timeoutMs: host.timeoutMs,
      ...(started ? { started: { url, response: started } } : {}),
    }),
    productId: product,
    planId: host.plan,
    subscriptionId: host.subscription,
    sessionToken: host.sessionToken,
    locale: () => host.locale,
    id: host.id,
    draftScope: backend,
    env: {
      storage: pageStorage('sessionStorage'),
      sharedStorage: pageStorage('localStorage'),
      href: () => window.location.href,
      navigate: (url) => host.navigate(url),
      replaceUrl: (url) => window.history.replaceState(window.history.state, '', url),
    },
  });
}
