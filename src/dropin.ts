// The drop-in script's main module (dist/cassa-main-*.js), loaded by dist/cassa.js (src/embed.ts):
// registers <cassa-checkout> and gives the loader what `window.Cassa` calls.
import './index.ts';

export { open, preload } from './overlay/open.ts';
