// The drop-in script's main module (dist/cassa-main-*.js), loaded by dist/cassa.js (src/embed.ts):
// registers <cassa-checkout> and gives the loader what `window.Cassa` calls. (Not src/index.ts:
// its exports are the ESM package's, and every module of ours counts as having side effects.)
// The overlay's code is a file of its own (with the overlay element), fetched by the first
// `Cassa.open` or `Cassa.preload`.
import './cassa-checkout.ts';
import type { CassaOpenOptions, CompletedOrder } from './overlay/open.ts';

const overlay = () => import('./overlay/open.ts');

export const open = (options: CassaOpenOptions): Promise<CompletedOrder> =>
  overlay().then((module) => module.open(options));

export const preload = (): Promise<void> => overlay().then((module) => module.preload());
