// ESM entry of overlay mode, `cassa/overlay`: `open()` (what `window.Cassa.open` is in the drop-in
// script) and `preload()`. The <cassa-overlay> element is loaded by the first `open()` (its class
// is exported by `cassa/components`). Import `cassa` too, which registers <cassa-checkout>:
//   import 'cassa';
//   import { open } from 'cassa/overlay';
export { open, preload, type CassaOpenOptions, type CompletedOrder } from './open.ts';
export type { CassaOverlayCloseEvent } from './cassa-overlay.ts';
