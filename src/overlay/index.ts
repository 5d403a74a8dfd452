// ESM entry of overlay mode, `cassa/overlay`: `open()` (what `window.Cassa.open` is in the drop-in
// script) and the <cassa-overlay> element. It registers only the overlay; import `cassa` too,
// which registers <cassa-checkout>:
//   import 'cassa';
//   import { open } from 'cassa/overlay';
export { open, type CassaOpenOptions, type CompletedOrder } from './open.ts';
export { CassaOverlay, CassaOverlayCloseEvent } from './cassa-overlay.ts';
