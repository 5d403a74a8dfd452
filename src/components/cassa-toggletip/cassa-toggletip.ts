import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
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
  #stopPlacing?: () => void;

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

  /** Places the bubble now and again on scroll or resize; returns what stops it. */
  #follow(bubble: HTMLElement): () => void {
    const place = () => this.#place(bubble);
    // Scroll events do not bubble nor leave a shadow root: capture them on the window and on
    // every shadow root around the tip (a scrolling <dialog> of the overlay lives in one).
    const targets: EventTarget[] = [window];
    for (let node: Node | null = this.assignedSlot ?? this.parentNode; node;) {
      if (node instanceof ShadowRoot) {
        targets.push(node);
        node = node.host;
      }
      node = (node as Element).assignedSlot ?? node.parentNode;
    }
    const scroll = { capture: true, passive: true };
    for (const target of targets) target.addEventListener('scroll', place, scroll);
    window.addEventListener('resize', place, { passive: true });
    const observer = new ResizeObserver(place);
    observer.observe(this.button);
    observer.observe(bubble);
    place();
    return () => {
      for (const target of targets) target.removeEventListener('scroll', place, scroll);
      window.removeEventListener('resize', place);
      observer.disconnect();
    };
  }

  /**
   * Centres the bubble 6 px below the button, above it when it overflows below (and less above),
   * shifted to stay 8 px inside the viewport.
   */
  #place(bubble: HTMLElement) {
    const button = this.button.getBoundingClientRect();
    const { left, top, width, height } = bubble.getBoundingClientRect();
    const { clientWidth, clientHeight } = document.documentElement;
    const below = button.bottom + 6;
    const above = button.top - 6 - height;
    const overflowBelow = below + height - clientHeight;
    const y = overflowBelow > 0 && -above < overflowBelow ? above : below;
    const x = Math.max(
      8,
      Math.min(button.left + (button.width - width) / 2, clientWidth - 8 - width),
    );
    // A transformed (filtered, contained…) ancestor is the containing block of a fixed element:
    // its origin is where the bubble's current left/top (0 before the first placement) lands.
    const originX = left - (parseFloat(bubble.style.left) || 0);
    const originY = top - (parseFloat(bubble.style.top) || 0);
    // CSSOM, not a style attribute: allowed under a strict CSP.
    bubble.style.left = `${x - originX}px`;
    bubble.style.top = `${y - originY}px`;
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

if (!customElements.get('cassa-toggletip'))
  customElements.define('cassa-toggletip', CassaToggletip);

declare global {
  interface HTMLElementTagNameMap {
    'cassa-toggletip': CassaToggletip;
  }
}
