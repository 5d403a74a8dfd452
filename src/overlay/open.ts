// `Cassa.open(options)`: the checkout in a modal dialog, as a promise of the completed order.
import { completedOrder, type CompletedOrder } from '../events.ts';
import { loadAccountArea } from '../loading/account-area.ts';
import { load, prefetch, PARTS } from '../loading/parts.ts';
import type { CassaOverlay } from './cassa-overlay.ts';

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
  /** The dialog's title and accessible name (default "Acquisto" / "Checkout"). */
  heading?: string;
  /** `checkout` (default). */
  view?: 'checkout';
}

/** `Cassa.open({ view: 'account', backend })`: the customer area in the same dialog. */
export interface CassaAccountOpenOptions {
  view: 'account';
  backend: string;
  locale?: string;
  sessionToken?: string;
}

/**
 * Appends a `<cassa-overlay>` to `document.body` and opens it (with `view: 'account'`, the
 * customer area: its file is loaded first, and the promise resolves when the buyer closes it); the first call loads the overlay's
 * file (and the dialog then loads its first step). Resolves with the order as soon as
 * `cassa-order-complete` fires (the confirmation stays on screen until the buyer closes the
 * dialog); rejects with an `AbortError` `DOMException` when the buyer closes it before that, and
 * with a `NetworkError` `DOMException` when the overlay's file cannot be loaded (offline): calling
 * again retries.
 */
export function open(options: CassaAccountOpenOptions): Promise<void>;
export function open(options: CassaOpenOptions): Promise<CompletedOrder>;
export function open(
  options: CassaOpenOptions | CassaAccountOpenOptions,
): Promise<CompletedOrder | void> {
  const unavailable = () =>
    Promise.reject(new DOMException('The checkout could not be loaded', 'NetworkError'));
  // The customer area's file opens it (src/components/cassa-account/open-account.ts).
  if (options?.view === 'account')
    return loadAccountArea().then((module) => module.openAccount(options), unavailable);
  if (!options?.backend || !options.product) {
    return Promise.reject(new TypeError('Cassa.open needs `backend` and `product`'));
  }
  // The class registered first wins: with two copies of the script, use the registered one.
  const registered = () => customElements.get('cassa-overlay') as typeof CassaOverlay | undefined;
  const Overlay = registered();
  if (Overlay) return show(new Overlay(), options);
  return load('overlay').then(() => show(new (registered()!)(), options), unavailable);
}

function show(overlay: CassaOverlay, options: CassaOpenOptions): Promise<CompletedOrder> {
  overlay.backend = options.backend;
  overlay.product = options.product;
  overlay.locale = options.locale ?? 'it';
  overlay.plan = options.plan;
  overlay.subscription = options.subscription;
  overlay.sessionToken = options.sessionToken;
  overlay.heading = options.heading;
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

/**
 * Fetches every file of the checkout now (each step, the overlay, the English dictionary,
 * floating-ui), e.g. when the buyer's pointer reaches a Buy button; resolves when all arrived.
 */
export const preload = (): Promise<void> => prefetch(PARTS, true);
