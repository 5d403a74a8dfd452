// The drop-in script, dist/cassa.js: the one classic `<script>` an integrator adds. It sets
// `window.Cassa` at once and loads the checkout's modules from its own folder (resolved from its
// own URL, so it works from another origin): the files of the first step in parallel, the rest
// when needed (loading/parts.ts). Loading it twice is harmless: an existing `window.Cassa` is
// kept and the modules are not requested again (element registration is guarded too).
import { startCatalogRequests } from './loading/catalog-request.ts';
import { setDropInFiles } from './loading/drop-in-files.ts';
import type { CassaAccountOpenOptions, CassaOpenOptions, CompletedOrder } from './overlay/open.ts';

/** The package version, replaced at build time (Vite `define`); `dev` when run from source. */
declare const __CASSA_VERSION__: string | undefined;
/** The first files to load: the main module first, then what it imports (set by the build). */
declare const __CASSA_FILES__: string[] | undefined;
/** The store's session file (set by the build): a page giving a `session-token` needs it first. */
declare const __CASSA_SESSION_FILES__: string[] | undefined;
/** The module listing the files of each later part (set by the build: loading/parts.ts). */
declare const __CASSA_PARTS_FILE__: string | undefined;

/** What the drop-in script puts on `window`. */
export interface CassaGlobal {
  /** Opens the checkout in a modal dialog; resolves with the completed order. */
  open(options: CassaOpenOptions): Promise<CompletedOrder>;
  /** Opens the customer area (`<cassa-account>`) in the dialog; resolves when it is closed. */
  open(options: CassaAccountOpenOptions): Promise<void>;
  /** Fetches every file of the checkout now (e.g. on hover of a Buy button). */
  preload(): Promise<void>;
  /** The version of the script that set `window.Cassa`. */
  readonly version: string;
}

type MainModule = typeof import('./dropin.ts');

declare global {
  interface Window {
    Cassa?: CassaGlobal;
  }
}

if (!window.Cassa) {
  // Built, the files sit beside this script: `currentScript` is it while it runs (also with
  // `defer`). Run from source (the tests), this is a module beside src/dropin.ts.
  const built = typeof __CASSA_FILES__ === 'object';
  const script = document.currentScript as HTMLScriptElement | null;
  const base = built ? new URL('./', script?.src || document.baseURI) : new URL(import.meta.url);
  const files = built ? __CASSA_FILES__ : ['dropin.ts'];
  // What the checkout preloads once its first step is shown: the later parts' files, by name.
  if (built && typeof __CASSA_PARTS_FILE__ === 'string')
    setDropInFiles(__CASSA_PARTS_FILE__, script?.nonce ?? '');
  let main: Promise<MainModule> | undefined;
  /** The main module; its imports are requested at the same time. A failure may be retried. */
  const loadMain = (): Promise<MainModule> =>
    (main ??= Promise.all(
      files.map((file) => import(/* @vite-ignore */ new URL(file, base).href)),
    ).then(
      ([module]) => module as MainModule,
      (error: unknown) => {
        main = undefined;
        throw error;
      },
    ));
  const unavailable = () => new DOMException('The checkout could not be loaded', 'NetworkError');
  window.Cassa = Object.freeze({
    open: ((options: CassaOpenOptions) =>
      loadMain().then(
        (module) => module.open(options),
        () => Promise.reject(unavailable()),
      )) as CassaGlobal['open'],
    preload: () => loadMain().then((module) => module.preload()),
    version: typeof __CASSA_VERSION__ === 'string' ? __CASSA_VERSION__ : 'dev',
  });
  // The catalog of every <cassa-checkout> already in the page is asked for now, while the
  // checkout's files are on their way (the element's client uses the answer); with the script in
  // the head, again once the page is parsed.
  // A checkout given a `session-token` opens that session before its first step: its file comes
  // with the first ones (a failure is the store's to see when it asks again).
  const early = () => {
    startCatalogRequests(document);
    if (built && document.querySelector('cassa-checkout[session-token]'))
      for (const file of __CASSA_SESSION_FILES__ ?? [])
        import(/* @vite-ignore */ new URL(file, base).href).catch(() => undefined);
  };
  early();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', early);
  // <cassa-checkout> elements on the page upgrade when the main module has run. Offline at first:
  // again when the browser is back online (and on the next `Cassa.open`).
  const start = () =>
    loadMain().catch(() => window.addEventListener('online', start, { once: true }));
  void start();
}

export type { CassaAccountOpenOptions, CassaOpenOptions, CompletedOrder };
