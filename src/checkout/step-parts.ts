// <cassa-checkout>'s step files: the shown step's elements are loaded when they have not arrived
// (loading/parts.ts), a failure is shown with Riprova, and the host's `updateComplete` can wait
// for the step's own render. A Lit reactive controller.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Locale } from '../i18n/index.ts';
import { isReady, loadReady, type Part } from '../loading/parts.ts';

export class StepPartsController implements ReactiveController {
  /** A part the step needs could not be loaded (offline, a file missing): shown with Riprova. */
  failed = false;
  readonly #host: ReactiveControllerHost;
  readonly #needed: () => Part | null;
  readonly #locale: () => Locale;
  readonly #onFailed: () => void;
  #loading?: Promise<unknown>;

  /**
   * `needed`: the part the shown step needs (null: none), with its strings in `locale`;
   * `onFailed`: after a failure rendered.
   */
  constructor(
    host: ReactiveControllerHost,
    needed: () => Part | null,
    locale: () => Locale,
    onFailed: () => void,
  ) {
    this.#host = host;
    this.#needed = needed;
    this.#locale = locale;
    this.#onFailed = onFailed;
    host.addController(this);
  }

  /** Whether the shown step waits for its file. */
  get missing(): boolean {
    const part = this.#needed();
    return !!part && !isReady(part, this.#locale());
  }

  /** The load the host's `updateComplete` still waits for (none once failed). */
  get pending(): Promise<unknown> | undefined {
    return this.missing && !this.failed ? this.#loading : undefined;
  }

  hostUpdate(): void {
    const part = this.#needed();
    if (this.failed || !part || isReady(part, this.#locale())) return;
    this.#loading = loadReady(part, this.#locale()).then(
      () => this.#host.requestUpdate(),
      () => {
        if (this.failed) return;
        this.failed = true;
        this.#host.requestUpdate();
        this.#onFailed();
      },
    );
  }

  /** The buyer's Riprova: ask for the part again. */
  retry(): void {
    this.failed = false;
    this.#host.requestUpdate();
  }
}
