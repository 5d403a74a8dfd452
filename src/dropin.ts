// The drop-in script's main module (dist/cassa-main-*.js), loaded by dist/cassa.js (src/embed.ts):
// registers <cassa-checkout> and gives the loader what `window.Cassa` calls. (Not src/index.ts:
// its exports are the ESM package's, and every module of ours counts as having side effects.)
import './cassa-checkout.ts';

export { open, preload } from './overlay/open.ts';
