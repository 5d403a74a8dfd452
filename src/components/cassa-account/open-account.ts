// `Cassa.open({ view: 'account', backend })`: the customer area in the checkout's modal dialog.
// Here, in the customer area's file, so the checkout's main file only knows where to find it.
import { load } from '../../loading/parts.ts';
import type { CassaAccountOpenOptions } from '../../overlay/open.ts';
import type { CassaOverlay } from '../../overlay/cassa-overlay.ts';

/** Opens the dialog on `<cassa-account>`; resolves when the buyer closes it. */
export function openAccount(options: CassaAccountOpenOptions): Promise<void> {
  if (!options?.backend) return Promise.reject(new TypeError('Cassa.open needs `backend`'));
  return load('overlay').then(
    () => {
      const Overlay = customElements.get('cassa-overlay') as typeof CassaOverlay;
      const overlay = new Overlay();
      overlay.view = 'account';
      overlay.backend = options.backend;
      overlay.locale = options.locale ?? 'it';
      overlay.sessionToken = options.sessionToken;
      const closed = new Promise<void>((resolve) =>
        overlay.addEventListener('cassa-overlay-close', () => resolve()),
      );
      document.body.append(overlay);
      return closed;
    },
    () => Promise.reject(new DOMException('The checkout could not be loaded', 'NetworkError')),
  );
}
