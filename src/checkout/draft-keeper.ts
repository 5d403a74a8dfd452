// <cassa-checkout>'s draft keeping: an accidental reload (or a phone discarding the tab) keeps what
// the buyer chose and typed, saved when the page is hidden or left. A Lit reactive controller.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class DraftKeeperController implements ReactiveController {
  readonly #keep: () => void;
  readonly #keepIfHidden = () => {
    if (document.visibilityState === 'hidden') this.#keep();
  };

  /** `keep`: saves the draft (the store's `keepDraft`). */
  constructor(host: ReactiveControllerHost, keep: () => void) {
    this.#keep = () => keep();
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('pagehide', this.#keep);
    document.addEventListener('visibilitychange', this.#keepIfHidden);
  }

  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.#keep);
    document.removeEventListener('visibilitychange', this.#keepIfHidden);
  }
}
