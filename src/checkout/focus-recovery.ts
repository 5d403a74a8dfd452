// <cassa-checkout>'s focus recovery: a re-render that removes the focused element (the login form,
// once logged in to an account that may not buy) would drop the focus to <body>; it goes to the
// step's heading instead. A Lit reactive controller.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment };

export class FocusRecoveryController implements ReactiveController {
  readonly #host: Host;
  readonly #fallback: () => HTMLElement | undefined;
  /** The element inside that had the focus last, to see whether a re-render removed it. */
  #focused: Element | null = null;
  /** One check per burst of updates, after all of them (and the inner elements') rendered. */
  #checking = false;
  #listening = false;

  /** `fallback`: where the focus goes instead (the step's heading). */
  constructor(host: Host, fallback: () => HTMLElement | undefined) {
    this.#host = host;
    this.#fallback = fallback;
    host.addController(this);
  }

  hostConnected(): void {
    if (this.#listening) return;
    this.#listening = true;
    // On the shadow root, not the host: focus moving inside the host never reaches the host's
    // listeners (target and relatedTarget are both the host there).
    const root = this.#host.renderRoot;
    root.addEventListener('focusin', (event) => {
      this.#focused = event.composedPath()[0] as Element;
    });
    root.addEventListener('focusout', (event) => {
      const to = (event as FocusEvent).relatedTarget as Node | null;
      // Gone elsewhere in the page: none of ours to give back.
      if (to && !root.contains(to)) this.#focused = null;
    });
  }

  hostUpdated(): void {
    if (!this.#focused || this.#checking) return;
    this.#checking = true;
    setTimeout(() => {
      this.#checking = false;
      const active = document.activeElement;
      if (!this.#focused || this.#focused.isConnected || (active && active !== document.body))
        return;
      this.#focused = null;
      this.#fallback()?.focus();
    });
  }
}
