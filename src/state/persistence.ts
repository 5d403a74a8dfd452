// What survives a redirect to the payment page: the buyer's choices and typed data in
// sessionStorage (never a bearer token), and the ids of orders already announced as complete.

/** The part of `Storage` the store uses (sessionStorage in the browser, a Map in tests). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Ids of orders whose `cassa-order-complete` was fired (ids are not secret). */
export const COMPLETED_KEY = 'cassa:completed';
const COMPLETED_KEPT = 50;

/** The query parameters a payment page appends to `returnUrl`. */
export const ORDER_PARAM = 'cassa_order';
export const RESUME_PARAM = 'cassa_resume';
/** Added to `returnUrl` by a widget with an `id`: which of a page's widgets placed the order. */
export const WIDGET_PARAM = 'cassa_widget';
/**
 * `cassa_widget` of the customer area's returns (a top-up, a new method): never a checkout's, so a
 * `<cassa-checkout>` on the same page leaves them alone (reserved: give no checkout this `id`).
 */
export const ACCOUNT_WIDGET = 'cassa-account';

/** Where a checkout's draft waits for the return from the payment page: per product and element id. */
export const returnDraftKey = (productId: string, widget: string | undefined): string =>
  `cassa:checkout:${productId}${widget ? `:${widget}` : ''}`;

// Storage may be missing or throw (disabled cookies, quota, private mode): never fatal.
function read<T>(storage: StorageLike | null, key: string): T | null {
  try {
    const text = storage?.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

function write<T>(storage: StorageLike | null, key: string, value: T | null): void {
  try {
    if (value === null) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(value));
  } catch {
    // The flow still works; only resuming after a redirect loses the typed data.
  }
}

export const loadSaved = read;
export const save = write;

/**
 * Records that an order's completion was announced. Returns `false` when it already was
 * (by this element, another element on the page, or before a reload).
 */
export function markCompleted(storage: StorageLike | null, orderId: string): boolean {
  const ids = read<string[]>(storage, COMPLETED_KEY) ?? [];
  if (ids.includes(orderId)) return false;
  write(storage, COMPLETED_KEY, [...ids, orderId].slice(-COMPLETED_KEPT));
  return true;
}

/** `{ orderId, resumeToken, widget }` when the URL is a return from the payment page. */
export function readReturn(
  href: string,
): { orderId: string; resumeToken: string; widget: string | null } | null {
  const params = new URL(href).searchParams;
  const orderId = params.get(ORDER_PARAM);
  const resumeToken = params.get(RESUME_PARAM);
  return orderId && resumeToken ? { orderId, resumeToken, widget: params.get(WIDGET_PARAM) } : null;
}

/**
 * The page URL without the return parameters; with `widget` (the element's id), the `returnUrl`
 * of an order that this widget, and no other of the page, picks up on return.
 */
export function withoutReturn(href: string, widget?: string): string {
  const url = new URL(href);
  for (const name of [ORDER_PARAM, RESUME_PARAM, WIDGET_PARAM]) url.searchParams.delete(name);
  if (widget) url.searchParams.set(WIDGET_PARAM, widget);
  return url.href;
}
