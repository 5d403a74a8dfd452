// The catalog request started by the drop-in script (dist/cassa.js) for every <cassa-checkout>
// already in the page, while the checkout's own files are still on their way: its Response is
// handed to the element's API client (ky), which parses it with zod and retries or reports it as it
// would its own request. The script and the main module are separate bundles: they meet through
// one global registry (a `Symbol.for` key on `globalThis`).

interface Started {
  url: string;
  response: Promise<Response>;
  controller: AbortController;
}

type Registry = WeakMap<Element, Started>;

const KEY = Symbol.for('cassa.catalog-requests');

function registry(): Registry {
  const holder = globalThis as typeof globalThis & { [KEY]?: Registry };
  return (holder[KEY] ??= new WeakMap());
}

/**
 * The URL the API client asks the product at (ky joins `prefixUrl` and the path with one `/`);
 * '' when `backend` is no URL (the client reports that itself).
 */
export function catalogUrl(backend: string, product: string, base: string): string {
  const prefix = backend.endsWith('/') ? backend : `${backend}/`;
  try {
    return new URL(`${prefix}v1/products/${encodeURIComponent(product)}`, base).href;
  } catch {
    return '';
  }
}

/**
 * Starts the catalog request of every `<cassa-checkout>` of `root` that has its `backend` and
 * `product` and is not running yet (not upgraded, no request started): the same GET the API client
 * would send, without credentials of its own.
 */
export function startCatalogRequests(root: Document): void {
  const started = registry();
  for (const element of root.querySelectorAll('cassa-checkout')) {
    const backend = element.getAttribute('backend');
    const product = element.getAttribute('product');
    if (!backend || !product || started.has(element) || 'store' in element) continue;
    const url = catalogUrl(backend, product, root.baseURI);
    if (!url) continue;
    const controller = new AbortController();
    const response = fetch(url, { signal: controller.signal });
    // Never an unhandled rejection: the client reads the outcome, or the request is dropped.
    response.catch(() => undefined);
    started.set(element, { url, response, controller });
  }
}

/**
 * The started request of `element`, once, when it is for `url`; null otherwise. A request for
 * another URL (the page changed `backend` or `product` since) is aborted, never answered twice.
 */
export function takeCatalogRequest(element: Element, url: string): Promise<Response> | null {
  const started = registry();
  const request = started.get(element);
  if (!request) return null;
  started.delete(element);
  if (url && request.url === url) return request.response;
  request.controller.abort();
  return null;
}
