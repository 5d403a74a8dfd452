// <cassa-checkout>'s loading line ("Caricamento…"): only after a glance (300 ms) of loading, so
// that a first step that arrives within it is the first thing drawn. A Lit reactive controller.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class LoadingLineController implements ReactiveController {
  /** Loading has lasted longer than the glance: the line may show. */
  shown = false;
  readonly #host: ReactiveControllerHost;
  #timer?: ReturnType<typeof setTimeout>;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Loading starts (again). */
  start(glanceMs = 300): void {
    clearTimeout(this.#timer);
    this.shown = false;
    this.#timer = setTimeout(() => {
      this.shown = true;
      this.#host.requestUpdate();
    }, glanceMs);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }
}
