// The drop-in script's main module (dist/cassa-main-*.js), loaded by dist/cassa.js (src/embed.ts):
// registers <cassa-checkout> and gives the loader what `window.Cassa` calls.
// The element itself, not the ESM entry: its re-exports (the holder draft helpers) would come along.
import './cassa-checkout.ts';

export { open, preload } from './overlay/open.ts';
