// <cassa-checkout>'s later steps, once its first step is shown (`cassa-ready`): the rest of its
// purchase is fetched when the browser is idle (loading/preload.ts: preloaded, not run, by the
// built drop-in), the code of the step after the shown one is run ahead (Continue shows it at
// once; loading/parts.ts), and the store's later concerns once the buyer has left the first step.
// A Lit reactive controller.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Locale } from '../i18n/index.ts';
import { prepare } from '../loading/parts.ts';
import type { CheckoutStore } from '../state/checkout-store.ts';
import type { StepId } from '../state/steps.ts';

export class NextStepsController implements ReactiveController {
  readonly #store: () => CheckoutStore | null;
  readonly #locale: () => Locale;
  /** The step `cassa-ready` showed; unset before it. */
  #first?: StepId;
  /** Whether the store's later concerns were asked for (once the buyer left the first step). */
  #concerns = false;

  constructor(
    host: ReactiveControllerHost,
    store: () => CheckoutStore | null,
    locale: () => Locale,
  ) {
    this.#store = store;
    this.#locale = locale;
    host.addController(this);
  }

  /** `cassa-ready` went out: fetch the rest of the purchase, run the next step ahead. */
  start(): void {
    const store = this.#store();
    if (!store || this.#first) return;
    this.#first = store.state.step;
    const { steps } = store.state;
    void import('../loading/preload.ts').then(
      (module) => module.prefetchPurchase(steps, () => store.prefetch()),
      // Its file could not be fetched: each step's file is fetched when the buyer reaches it.
      () => undefined,
    );
    this.hostUpdated();
  }

  hostUpdated(): void {
    const store = this.#store();
    const s = store?.state;
    if (!this.#first || !s || s.status !== 'ready') return;
    const next = s.steps[s.steps.indexOf(s.step) + 1];
    if (next) void prepare(next, this.#locale());
    if (s.step !== this.#first && !this.#concerns) {
      this.#concerns = true;
      store.prefetch();
    }
  }
}
