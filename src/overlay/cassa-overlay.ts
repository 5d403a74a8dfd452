// <cassa-overlay>: a <cassa-checkout> inside a native modal <dialog> (what `Cassa.open` shows).
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { Order } from '../api/schemas.ts';
import { overlayStyles } from './cassa-overlay.styles.ts';
import { defineElement } from '../components/shared/define-element.ts';

// Kept here so the overlay does not grow the shared dictionaries (its file is loaded on demand).
const strings = {
  it: {
    title: 'Acquisto',
    account: 'Area clienti',
    close: 'Chiudi',
    ask: 'Chiudere l’acquisto?',
    kept: 'I dati che hai inserito restano in questa scheda: riaprendo l’acquisto li ritrovi.',
    stay: 'Continua l’acquisto',
    keep: 'Chiudi',
    discard: 'Chiudi e cancella i dati',
  },
  en: {
    title: 'Checkout',
    account: 'Customer area',
    close: 'Close',
    ask: 'Close the checkout?',
    kept: 'What you typed stays in this tab: open the checkout again to find it.',
    stay: 'Continue the checkout',
    keep: 'Close',
    discard: 'Close and delete the data',
  },
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
 * @csspart confirm-close - The confirmation asked on closing after holder data was typed.
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
    heading: {},
    view: {},
    asking: { state: true },
  };

  /** The confirmation on closing is shown (rendered only then: one dialog otherwise). */
  declare private asking: boolean;

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
  /** The dialog's title and accessible name, e.g. what is bought (default "Acquisto" / "Checkout"). */
  declare heading?: string;
  /** `checkout` (default) or `account`: the customer area, `<cassa-account>` (its file loaded first). */
  declare view: 'checkout' | 'account';

  constructor() {
    super();
    this.backend = '';
    this.product = '';
    this.locale = 'it';
    this.view = 'checkout';
    this.asking = false;
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  #opener: HTMLElement | null = null;
  #completed = false;
  #locked = false;
  #finished = false;
  /** The buyer chose to delete what they typed on closing. */
  #discard = false;

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

  private get confirmation(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog.ask');
  }

  /**
   * The buyer's Chiudi or Esc: once they typed holder data, a confirmation asks first (its first
   * button continues the purchase; Esc there does too).
   */
  #requestClose = (): void => {
    if (this.#ordering()) return;
    const store = this.#checkout()?.store;
    const shown = this.#state();
    if (store?.typedHolder && shown?.step !== 'result') {
      this.asking = true;
      void this.updateComplete.then(() => {
        if (this.confirmation && !this.confirmation.open) this.confirmation.showModal();
      });
      return;
    }
    this.close();
  };

  #answer(choice: 'stay' | 'keep' | 'discard'): void {
    this.confirmation?.close();
    this.asking = false;
    if (choice === 'stay') return;
    if (choice === 'discard') this.#discard = true;
    this.close();
  }

  #checkout() {
    return this.renderRoot.querySelector('cassa-checkout');
  }

  #state() {
    return this.#checkout()?.store?.state;
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
        <h2 id="title">
          ${(this.view === 'account' ? t.account : this.heading || t.title)
            .split(' ')
            .map((word, i) => html`${i ? ' ' : ''}<span>${word}</span>`)}
        </h2>
        <button type="button" class="close" part="close" @click=${this.#requestClose}>
          <span aria-hidden="true">&times;</span> ${t.close}
        </button>
      </div>
      <div class="body">${this.view === 'account' ? this.#account() : this.#checkoutView()}</div>
      ${this.asking ? this.#ask(t) : nothing}
    </dialog>`;
  }

  #account() {
    return html`<cassa-account
      backend=${this.backend}
      locale=${toLocale(this.locale)}
      session-token=${this.sessionToken ?? nothing}
    ></cassa-account>`;
  }

  #checkoutView() {
    return html`<cassa-checkout
      exportparts="checkout, step-indicator, step, heading, error, nav, result"
      backend=${this.backend}
      product=${this.product}
      locale=${toLocale(this.locale)}
      plan=${this.plan ?? nothing}
      subscription=${this.subscription ?? nothing}
      session-token=${this.sessionToken ?? nothing}
      @cassa-order-complete=${this.#onComplete}
    ></cassa-checkout>`;
  }

  /** Asked when the buyer closes after typing holder data: its first button goes back. */
  #ask(t: (typeof strings)['it']) {
    return html`<dialog
      class="ask"
      part="confirm-close"
      role="alertdialog"
      aria-labelledby="ask"
      aria-describedby="kept"
      @close=${() => (this.asking = false)}
    >
      <h3 id="ask">${t.ask}</h3>
      <p id="kept">${t.kept}</p>
      <div class="choices">
        <button type="button" class="primary" autofocus @click=${() => this.#answer('stay')}>
          ${t.stay}
        </button>
        <button type="button" @click=${() => this.#answer('keep')}>${t.keep}</button>
        <button type="button" @click=${() => this.#answer('discard')}>${t.discard}</button>
      </div>
    </dialog>`;
  }

  #onComplete = (): void => {
    // The promise resolves now; the confirmation stays until the buyer closes the dialog.
    this.#completed = true;
  };

  // Esc while an order is being placed: the dialog stays; after typing holder data: it asks.
  #onCancel = (event: Event): void => {
    if (event.target !== this.dialog) return;
    if (this.#ordering()) return void event.preventDefault();
    if (this.#asks()) {
      event.preventDefault();
      this.#requestClose();
    }
  };

  /** Closing now would need the buyer's confirmation (holder data typed, nothing completed). */
  #asks(): boolean {
    return !!this.#checkout()?.store?.typedHolder && this.#state()?.step !== 'result';
  }

  // Esc (the browser closes the dialog, then fires `close` a task later) and close() end here.
  #onClose = (event: Event): void => {
    if (event.target !== this.dialog) return;
    // A second Esc is not cancelable (the browser's rule against trapping): open it again.
    if (this.#ordering()) return void this.dialog?.showModal();
    if (!this.#finished && this.#asks()) {
      this.dialog?.showModal();
      return this.#requestClose();
    }
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
    // Opened again with the same options in this tab, the checkout finds the buyer's work.
    const store = this.#checkout()?.store;
    if (this.#discard) store?.discardDraft();
    else store?.keepOnClose();
    const { step, order } = this.#state() ?? {};
    const shown = step === 'result' && order && order.status !== 'refused' ? order : undefined;
    this.dispatchEvent(new CassaOverlayCloseEvent(this.#completed || !!shown, shown));
    this.remove();
  }
}

defineElement('cassa-overlay', CassaOverlay);

declare global {
  interface HTMLElementTagNameMap {
    'cassa-overlay': CassaOverlay;
  }
  interface HTMLElementEventMap {
    'cassa-overlay-close': CassaOverlayCloseEvent;
  }
}
