// <cassa-checkout>'s `cassa-ready`: sent once the store is ready and the first step, with its own
// elements, has been rendered and painted; the element's later events wait for it. Then the rest
// of a purchase is prefetched while the buyer looks at the first step. A Lit reactive controller.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { afterPaint } from '../loading/after-paint.ts';

export class ReadySignalController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #canSend: () => boolean;
  readonly #send: () => void;
  /** The store is ready: `cassa-ready` goes out when the first step is shown. */
  #pending = false;
  /** Resolves once `cassa-ready` went out (set when it is about to). */
  #sent?: Promise<void>;

  /** `canSend`: the first step's elements have arrived; `send`: dispatches, then prefetches. */
  constructor(host: ReactiveControllerHost, canSend: () => boolean, send: () => void) {
    this.#host = host;
    this.#canSend = canSend;
    this.#send = send;
    host.addController(this);
  }

  /** The store said ready: send after the next render that shows the step. */
  storeReady(): void {
    this.#pending = true;
    this.#host.requestUpdate();
  }

  /** What an event that must follow `cassa-ready` waits for (nothing when none is coming). */
  get sent(): Promise<void> | undefined {
    return this.#sent;
  }

  hostUpdated(): void {
    if (!this.#pending || !this.#canSend()) return;
    this.#pending = false;
    this.#sent = new Promise((resolve) =>
      afterPaint(() => {
        this.#send();
        resolve();
      }),
    );
  }
}
