// The drop-in entry (dist/cassa.js): registers every element and exposes `window.Cassa`.
// Loading the script twice is harmless: each element's registration is guarded and an existing
// `window.Cassa` is kept, so a working instance is never replaced. This module exports no
// values on purpose: the IIFE build would otherwise assign them to a global, replacing it.
import './index.ts';
import { open, type CassaOpenOptions, type CompletedOrder } from './overlay/open.ts';

/** The package version, replaced at build time (Vite `define`); `dev` when run from source. */
declare const __CASSA_VERSION__: string | undefined;

/** What the drop-in script puts on `window`. */
export interface CassaGlobal {
  /** Opens the checkout in a modal dialog; resolves with the completed order. */
  open(options: CassaOpenOptions): Promise<CompletedOrder>;
  /** The version of the script that set `window.Cassa`. */
  readonly version: string;
}

declare global {
  interface Window {
    Cassa?: CassaGlobal;
  }
}

if (!window.Cassa) {
  window.Cassa = Object.freeze({
    open,
    version: typeof __CASSA_VERSION__ === 'string' ? __CASSA_VERSION__ : 'dev',
  });
}

export type { CassaOpenOptions, CompletedOrder };
