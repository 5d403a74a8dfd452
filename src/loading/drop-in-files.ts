// What dist/cassa.js tells the checkout about its own files: the module listing each later part's
// files, and the script's CSP nonce (for the `modulepreload` links). The script and the main
// module are separate bundles: they meet through one global (a `Symbol.for` key on `globalThis`),
// like the catalog requests. Only the drop-in script sets it; the ESM build and the sources don't.

/** The parts module's name (a file beside the others) and the script's nonce. */
export interface DropInFiles {
  readonly parts: string;
  readonly nonce: string;
}

const KEY = Symbol.for('cassa.drop-in-files');
type Holder = typeof globalThis & { [KEY]?: DropInFiles };

/** Said once, by the first dist/cassa.js of the page. */
export const setDropInFiles = (parts: string, nonce: string): void => {
  (globalThis as Holder)[KEY] = { parts, nonce };
};

/** What dist/cassa.js said, or undefined when the widget was not loaded by it. */
export const dropInFiles = (): DropInFiles | undefined => (globalThis as Holder)[KEY];
