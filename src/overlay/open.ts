// `Cassa.open(options)`: the checkout in a modal dialog, as a promise of the completed order.
import { completedOrder, type CompletedOrder } from '../events.ts';
import { CassaOverlay } from './cassa-overlay.ts';

export type { CompletedOrder };

/** What `Cassa.open` accepts: the attributes of `<cassa-checkout>`, camel-cased. */
export interface CassaOpenOptions {
  /** Base URL of the backend, e.g. `https://shop.example/api` (resolved against the page). */
  backend: string;
  /** Product id of the catalog, e.g. `certified-platform`. */
  product: string;
  /** `it` (default) or `en`. */
  locale?: string;
  /** Plan to preselect. */
  plan?: string;
  /** Subscription (PEC mailbox) the add-ons attach to. */
  subscription?: string;
  /** A session token minted by the host (already-logged-in portal). */
  sessionToken?: string;
}

/**
 * Appends a `<cassa-overlay>` to `document.body` and opens it. Resolves with the order as soon
 * as `cassa-order-complete` fires (the confirmation stays on screen until the buyer closes the
 * dialog); rejects with an `AbortError` `DOMException` when the buyer closes it before that.
 */
export function open(options: CassaOpenOptions): Promise<CompletedOrder> {
  if (!options?.backend || !options.product) {
    return Promise.reject(new TypeError('Cassa.open needs `backend` and `product`'));
  }
  // The class registered first wins: with two copies of the script, use the registered one.
  const Overlay = (customElements.get('cassa-overlay') ?? CassaOverlay) as typeof CassaOverlay;
  const overlay = new Overlay();
  overlay.backend = options.backend;
  overlay.product = options.product;
  overlay.locale = options.locale ?? 'it';
  overlay.plan = options.plan;
  overlay.subscription = options.subscription;
  overlay.sessionToken = options.sessionToken;
  const order = new Promise<CompletedOrder>((resolve, reject) => {
    overlay.addEventListener('cassa-order-complete', (event) => resolve(event.detail.order));
    // After a completion this is a no-op: a settled promise stays settled. Closed on an order
    // whose event had fired before (the same order confirmed again): that order.
    overlay.addEventListener('cassa-overlay-close', ({ order }) =>
      order
        ? resolve(completedOrder(order))
        : reject(new DOMException('The buyer closed the checkout', 'AbortError')),
    );
  });
  document.body.append(overlay);
  return order;
}
