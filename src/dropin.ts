// The drop-in script's main module (dist/cassa-main-*.js), loaded by dist/cassa.js (src/embed.ts):
// registers <cassa-checkout> and gives the loader what `window.Cassa` calls. (Not src/index.ts:
// its exports are the ESM package's, and every module of ours counts as having side effects.)
import './cassa-checkout.ts';
import { watchAccountElements } from './loading/account-area.ts';

// <cassa-account> (the customer area) is a file of its own, loaded only when the page has one.
watchAccountElements(document);

export { open, preload } from './overlay/open.ts';
