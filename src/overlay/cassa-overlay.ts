// <cassa-overlay>: a <cassa-checkout> inside a native modal <dialog> (what `Cassa.open` shows).
import { LitElement, html, type PropertyValues } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Order } from '../api/schemas.ts';
import type { CassaCheckout } from '../cassa-checkout.ts';
import { overlayStyles } from './cassa-overlay.styles.ts';

// Two strings only: kept here so the overlay does not grow the shared dictionaries.
const strings = {
  it: { title: 'Acquisto', close: 'Chiudi' },
  en: { title: 'Checkout', close: 'Close' },
};
// As `toLocale` in src/i18n, copied so this module imports nothing of Cassa's own.
const toLocale = (value: string) => (value.toLowerCase().startsWith('en') ? 'en' : 'it');

/**
 * Fired on the overlay when its dialog has closed, before it removes itself. `order`: the completed
 * order the dialog was showing, also one whose `cassa-order-complete` had fired before (confirmed
 * again within 15 minutes, the same order).
 */
export class CassaOverlayCloseEvent extends Event {
  constructor(
    readonly completed: boolean,
    readonly order?: Order,
  ) {
    super('cassa-overlay-close');
  }
}

// One scroll lock shared by every open overlay: the first saves the page's value, the last restores it.
let openOverlays = 0;
let savedOverflow = '';
function lockScroll(): void {
  if (openOverlays++ === 0) {
    savedOverflow = document.documentElement.style.overflow;
    // CSSOM, not a style attribute in markup: allowed under `style-src 'self'`.
    document.documentElement.style.overflow = 'hidden';
  }
}
function unlockScroll(): void {
  if (--openOverlays === 0) document.documentElement.style.overflow = savedOverflow;
}

/**
 * The checkout in an accessible modal dialog. Opens itself when connected (`showModal()`: the
 * browser keeps focus inside and Esc closes it), locks the page's scroll while open, gives focus
 * back to the element that had it, and removes itself once closed. Usually created by
 * `Cassa.open()`, which turns its events into a promise.
 *
 * @summary The checkout in a modal dialog (overlay mode).
 * @fires cassa-overlay-close - The dialog closed (Esc, the close button; never while an order is being placed); `completed` tells whether an order completed first, `order` which one it showed.
 * @fires cassa-order-complete - Bubbles up from the inner `<cassa-checkout>`.
 * @csspart dialog - The `<dialog>`: a centered card (max 720 px), a full-screen sheet under 600 px.
 * @csspart header - The bar with the title and the close button.
 * @csspart close - The close button.
 * @csspart checkout - The parts of the inner `<cassa-checkout>`, forwarded (also `step-indicator`, `step`, `heading`, `error`, `nav`, `result`).
 * @cssprop --cassa-color-surface - Background of the dialog.
 * @cssprop --cassa-color-text - Text color.
 * @cssprop --cassa-overlay-backdrop - Color of the backdrop behind the dialog.
 * @cssprop --cassa-radius - Corners (the dialog uses 1.5 times it).
 */
export class CassaOverlay extends LitElement {
  static override styles = overlayStyles;

  // Declared without decorators, so the `cassa/overlay` ESM entry shares no helper with `cassa`.
  static override properties = {
    backend: {},
    product: {},
    locale: {},
    plan: {},
    subscription: {},
    sessionToken: { attribute: 'session-token' },
  };

  /** Base URL of the backend. */
  declare backend: string;
  /** Product id of the catalog. */
  declare product: string;
  /** `it` (default) or `en`. */
  declare locale: string;
  /** Plan to preselect. */
  declare plan?: string;
  /** Subscription (PEC mailbox) the add-ons attach to. */
  declare subscription?: string;
  /** Session token minted by the host. */
  declare sessionToken?: string;

  constructor() {
    super();
    this.backend = '';
    this.product = '';
    this.locale = 'it';
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  #opener: HTMLElement | null = null;
  #completed = false;
  #locked = false;
  #finished = false;

  override connectedCallback(): void {
    super.connectedCallback();
    const active = document.activeElement;
    this.#opener = active instanceof HTMLElement && active !== document.body ? active : null;
    lockScroll();
    this.#locked = true;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Removed by the host without closing: still give the page its scroll back.
    if (this.#locked) {
      this.#locked = false;
      unlockScroll();
    }
  }

  protected override firstUpdated(changed: PropertyValues): void {
    super.firstUpdated(changed);
    if (this.isConnected && this.dialog && !this.dialog.open) this.dialog.showModal();
  }

  /**
   * Closes the dialog (as the close button does); the element then removes itself. Not while an
   * order is being placed: closing then would lose its answer, and the page would hear "closed"
   * for an order that is paid.
   */
  close(): void {
    if (this.#ordering()) return;
    if (this.dialog?.open) this.dialog.close();
    this.#finish();
  }

  #state() {
    return this.renderRoot.querySelector<CassaCheckout>('cassa-checkout')?.store?.state;
  }

  #ordering(): boolean {
    return !!this.#state()?.ordering;
  }

  protected override render() {
    const t = strings[toLocale(this.locale)];
    return html`<dialog
      part="dialog"
      aria-labelledby="title"
      @cancel=${this.#onCancel}
      @close=${this.#onClose}
    >
      <div class="header" part="header">
        <h2 id="title">${t.title}</h2>
        <button type="button" class="close" part="close" @click=${this.close}>
          <span aria-hidden="true">&times;</span> ${t.close}
        </button>
      </div>
      <div class="body">
        <cassa-checkout
          exportparts="checkout, step-indicator, step, heading, error, nav, result"
          backend=${this.backend}
          product=${this.product}
          locale=${toLocale(this.locale)}
          plan=${ifDefined(this.plan)}
          subscription=${ifDefined(this.subscription)}
          session-token=${ifDefined(this.sessionToken)}
          @cassa-order-complete=${this.#onComplete}
        ></cassa-checkout>
      </div>
    </dialog>`;
  }

  #onComplete = (): void => {
    // The promise resolves now; the confirmation stays until the buyer closes the dialog.
    this.#completed = true;
  };

  // Esc while an order is being placed: the dialog stays.
  #onCancel = (event: Event): void => {
    if (event.target === this.dialog && this.#ordering()) event.preventDefault();
  };

  // Esc (the browser closes the dialog, then fires `close` a task later) and close() end here.
  #onClose = (event: Event): void => {
    if (event.target !== this.dialog) return;
    // A second Esc is not cancelable (the browser's rule against trapping): open it again.
    if (this.#ordering()) return void this.dialog?.showModal();
    this.#finish();
  };

  #finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    if (this.#locked) {
      this.#locked = false;
      unlockScroll();
    }
    if (this.#opener?.isConnected) this.#opener.focus();
    const { step, order } = this.#state() ?? {};
    const shown = step === 'result' && order && order.status !== 'refused' ? order : undefined;
    this.dispatchEvent(new CassaOverlayCloseEvent(this.#completed || !!shown, shown));
    this.remove();
  }
}

if (!customElements.get('cassa-overlay')) customElements.define('cassa-overlay', CassaOverlay);

declare global {
  interface HTMLElementTagNameMap {
    'cassa-overlay': CassaOverlay;
  }
  interface HTMLElementEventMap {
    'cassa-overlay-close': CassaOverlayCloseEvent;
  }
}
