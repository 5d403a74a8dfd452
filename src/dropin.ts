// The drop-in script's main module (dist/cassa-main-*.js), loaded by dist/cassa.js (src/embed.ts):
// registers <cassa-checkout> and gives the loader what `window.Cassa` calls. (Not src/index.ts:
// its exports are the ESM package's, and every module of ours counts as having side effects.)
// The overlay's code is a file of its own (with the overlay element), fetched by the first
// `Cassa.open` or `Cassa.preload`.
import './cassa-checkout.ts';
import type { CassaAccountOpenOptions, CassaOpenOptions, CompletedOrder } from './overlay/open.ts';
import { watchAccountElements } from './loading/account-area.ts';

// <cassa-account> (the customer area) is a file of its own, loaded only when the page has one.
watchAccountElements(document);

const overlay = () => import('./overlay/open.ts');

export function open(options: CassaAccountOpenOptions): Promise<void>;
export function open(options: CassaOpenOptions): Promise<CompletedOrder>;
export function open(
  options: CassaOpenOptions | CassaAccountOpenOptions,
): Promise<CompletedOrder | void> {
  return overlay().then((module): Promise<CompletedOrder | void> =>
    options.view === 'account' ? module.open(options) : module.open(options),
  );
}

export const preload = (): Promise<void> => overlay().then((module) => module.preload());
