import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';
import { CassaElement } from '../shared/cassa-element.ts';
import { tokens } from '../shared/tokens.styles.ts';
import { toggletipStyles } from './cassa-toggletip.styles.ts';

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
  @query('button') private button!: HTMLButtonElement;
  @query('.bubble') private bubble!: HTMLElement | null;
  #stopUpdating?: () => void;

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
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.#onKeydown);
    document.removeEventListener('click', this.#onDocumentClick, true);
    this.#stopUpdating?.();
  }

  protected override updated(changed: PropertyValues<this>) {
    if (!changed.has('open' as keyof CassaToggletip)) return;
    this.#stopUpdating?.();
    this.#stopUpdating = undefined;
    const bubble = this.bubble;
    if (this.open && bubble) {
      this.#stopUpdating = autoUpdate(this.button, bubble, () => this.#place(bubble));
    }
  }

  async #place(bubble: HTMLElement) {
    const { x, y } = await computePosition(this.button, bubble, {
      strategy: 'fixed',
      placement: 'bottom',
      middleware: [offset(6), flip(), shift({ padding: 8 })],
    });
    // CSSOM, not a style attribute: allowed under a strict CSP.
    bubble.style.left = `${x}px`;
    bubble.style.top = `${y}px`;
  }

  #onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.open) {
      // Only the tip closes, not an enclosing dialog.
      event.stopPropagation();
      this.open = false;
    }
  };

  #onDocumentClick = (event: MouseEvent) => {
    if (this.open && !event.composedPath().includes(this)) this.open = false;
  };
}

if (!customElements.get('cassa-toggletip'))
  customElements.define('cassa-toggletip', CassaToggletip);

declare global {
  interface HTMLElementTagNameMap {
    'cassa-toggletip': CassaToggletip;
  }
}
