// <cassa-toggletip>: a help button that shows a short explanation in a bubble next to it.
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CassaElement } from '../shared/cassa-element.ts';
import { tokens } from '../shared/tokens.styles.ts';
import { toggletipStyles } from './cassa-toggletip.styles.ts';
import { defineElement } from '../shared/define-element.ts';

/**
 * A help toggletip: a "?" button that shows a short explanation in a bubble kept on screen.
 *
 * The bubble is a polite live region whose content appears when opened, so screen readers read
 * it; it closes on Esc (focus stays on the button), on a click outside and on the button again.
 *
 * @summary Help "?" button with an explanation bubble.
 * @slot - The help text.
 * @csspart button - The "?" button.
 * @csspart bubble - The bubble holding the help text.
 * @cssprop --cassa-color-primary - Color of the "?" (and of the button while open).
 * @cssprop --cassa-shadow - Shadow of the bubble.
 */
export class CassaToggletip extends CassaElement {
  static override styles = [tokens, toggletipStyles];

  /** Accessible name of the button, e.g. "Cos'è il Codice Destinatario?". */
  @property() label = '';

  @state() private open = false;
  private get button(): HTMLButtonElement {
    return this.renderRoot.querySelector('button')!;
  }
  private get bubble(): HTMLElement | null {
    return this.renderRoot.querySelector('.bubble');
  }
  #stopPlacing?: () => void;
  /** The bubble's first placement once opened (floating-ui loads on the first opening). */
  #placed?: Promise<void>;

  /** Resolves once rendered and, when open, placed. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await super.getUpdateComplete();
    await this.#placed;
    return result;
  }

  override render() {
    return html`<button
        type="button"
        part="button"
        aria-label=${this.label}
        aria-expanded=${this.open}
        aria-controls="tip"
        @click=${() => (this.open = !this.open)}
      >
        <span aria-hidden="true">?</span></button
      ><span id="tip" aria-live="polite"
        >${
          this.open ? html`<span class="bubble" part="bubble"><slot></slot></span>` : nothing
        }</span
      >`;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.addEventListener('keydown', this.#onKeydown);
    document.addEventListener('click', this.#onDocumentClick, true);
    // Moved in the page while open: follow from the new place.
    if (this.open && this.bubble) this.#stopPlacing = this.#follow(this.bubble);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.#onKeydown);
    document.removeEventListener('click', this.#onDocumentClick, true);
    this.#stopPlacing?.();
  }

  protected override updated(changed: PropertyValues<this>) {
    if (!changed.has('open' as keyof CassaToggletip)) return;
    this.#stopPlacing?.();
    this.#stopPlacing = undefined;
    const bubble = this.bubble;
    if (this.open && bubble) this.#stopPlacing = this.#follow(bubble);
  }

  /**
   * Places the bubble with floating-ui (placement.ts, loaded on the first opening). Until it
   * arrives, or if it cannot be loaded, the stylesheet shows the bubble under the button.
   */
  #follow(bubble: HTMLElement): () => void {
    let stop: (() => void) | undefined;
    let stopped = false;
    this.#placed = import('./placement.ts').then(
      ({ follow }) => {
        if (stopped) return;
        const following = follow(this.button, bubble);
        stop = following.stop;
        return following.placed;
      },
      () => undefined,
    );
    return () => {
      stopped = true;
      stop?.();
    };
  }

  #onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.open) {
      // Only the tip closes, not an enclosing dialog: a modal <dialog> closes on an Esc keydown
      // nobody cancelled (the overlay's would end the whole checkout), whatever its propagation.
      event.preventDefault();
      event.stopPropagation();
      this.open = false;
    }
  };

  #onDocumentClick = (event: MouseEvent) => {
    if (this.open && !event.composedPath().includes(this)) this.open = false;
  };
}

defineElement('cassa-toggletip', CassaToggletip);

declare global {
  interface HTMLElementTagNameMap {
    'cassa-toggletip': CassaToggletip;
  }
}
