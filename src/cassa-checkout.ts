// <cassa-checkout>: the orchestrating element (issue 5, part 3; split by concern in issue 21). Its
// properties make a store (state/checkout-store.ts), whose state it renders in a frame (indicator,
// heading, status lines: checkout/frame-status.ts) around the step's elements
// (checkout/step-views.ts); its controllers keep the store connected, the step's files loaded, the
// focus and the draft; checkout/checkout-events.ts tells the host page, payment-return.ts the buyer.
import { html, nothing, type PropertyValues } from 'lit';
import { cache } from 'lit/directives/cache.js';
import { property } from 'lit/decorators.js';
import { CassaErrorEvent, CassaReadyEvent } from './events.ts';
import type { CheckoutStore } from './state/checkout-store.ts';
// The store's modules first: the element's own then stand together in the built file (it
// compresses better).
import { createPageStore } from './checkout/page-store.ts';
import { CassaElement } from './components/shared/cassa-element.ts';
import { defineElement } from './components/shared/define-element.ts';
import { formStyles, tokens } from './components/shared/tokens.styles.ts';
// The other steps' elements are loaded with their step (loading/parts.ts).
import './components/checkout-steps/cassa-checkout-steps.ts';
import './components/checkout-error/cassa-checkout-error.ts';
import { checkoutEvents } from './checkout/checkout-events.ts';
import { DraftKeeperController } from './checkout/draft-keeper.ts';
import { FocusRecoveryController } from './checkout/focus-recovery.ts';
import { FrameStatus } from './checkout/frame-status.ts';
import { StepPartsController } from './checkout/step-parts.ts';
import { StepViews, type StepViewHost } from './checkout/step-views.ts';
import { LoadingLineController } from './checkout/loading-line.ts';
import { NextStepsController } from './checkout/next-steps.ts';
import { PaymentReturn } from './checkout/payment-return.ts';
import { ReadySignalController } from './checkout/ready-signal.ts';
import { StoreController } from './checkout/store-controller.ts';
import { checkoutStyles } from './cassa-checkout.styles.ts';

/**
 * The whole checkout: plan, add-ons, account, holder data (or the PEC mailbox), summary and
 * payment, and the result — driven by one store per element. Two widgets of one product on a page:
 * give each its own `id`, the same on every load, so that each one (and only that one) finds its
 * order and its buyer's choices again after the payment page.
 *
 * @summary Embeddable checkout for Cassa's subscription products.
 * @fires cassa-ready - The catalog is loaded and the first step shown; `detail.product`.
 * @fires cassa-step-change - The buyer moved to another step; `detail: { step, previous }`.
 * @fires cassa-order-complete - An order completed (paid, active or awaiting payment), once per order; `detail.order`.
 * @fires cassa-error - An error was shown to the buyer; `detail: { code, message, retryable }`.
 * @csspart checkout - The whole widget.
 * @csspart step-indicator - The list of steps.
 * @csspart step - The current step (heading, content, navigation).
 * @csspart heading - The step's heading.
 * @csspart error - The error banner.
 * @csspart nav - The Back / Continue buttons (Back first, the step's main action at the end).
 * @csspart result - The result screen.
 * @cssprop --cassa-color-primary - The accent: buttons, current step, selections.
 * @cssprop --cassa-color-surface - The widget's own background.
 * @cssprop --cassa-color-text - Text color.
 * @cssprop --cassa-color-danger - Errors.
 * @cssprop --cassa-radius - Corner radius.
 * @cssprop --cassa-font-family - Font.
 * @cssprop --cassa-space-4 - The main spacing.
 */
export class CassaCheckout extends CassaElement {
  static override styles = [tokens, formStyles, checkoutStyles];

  /** Base URL of the backend, e.g. `https://shop.example/api` (required). */
  @property() backend = '';
  /** Product id, e.g. `certified-platform` or `pec-addons` (required). */
  @property() product = '';
  /** Preselected plan id. */
  @property() plan: string | null = null;
  /** Preselected subscription (PEC mailbox) the add-ons attach to. */
  @property() subscription: string | null = null;
  /** A session token from the host page (an already-logged-in portal). */
  @property({ attribute: 'session-token' }) sessionToken: string | null = null;
  /**
   * The backend's password (and username) recovery page, linked from the login form; the
   * reference server's `{backend}/account/password-reset` when absent, none when empty.
   */
  @property({ attribute: 'password-reset-url' }) passwordResetUrl: string | null = null;
  /** The `fetch` the API client uses (tests, special environments). */
  @property({ attribute: false }) fetchImpl?: typeof fetch;
  /** Per-request timeout of the API client in ms, default 10 s (tests shorten it; set before connecting). */
  @property({ attribute: false }) timeoutMs?: number;
  /** Leaves the page for the payment provider (tests intercept it). */
  @property({ attribute: false }) navigate: (url: string) => void = (url) =>
    window.location.assign(url);

  /** What the views of the frame and of the steps need of the element. */
  readonly #host: StepViewHost = {
    locale: () => this.locale,
    t: (key, params) => this.t(key, params),
    // Each step element reports its own validity to the form around the step (form-associated
    // elements: a refused quantity, an unreadable top-up) and, when invalid, shows why and takes
    // the focus.
    valid: () => this.renderRoot.querySelector('form')?.reportValidity() !== false,
    banner: (s, slot) => this.#status.banner(this.store, s, slot),
    resetUrl: () => {
      const url =
        this.passwordResetUrl ?? `${this.backend.replace(/\/+$/, '')}/account/password-reset`;
      if (!url) return '';
      const withLang = new URL(url, document.baseURI);
      withLang.searchParams.set('lang', this.locale);
      return withLang.href;
    },
  };
  readonly #views = new StepViews(this.#host);
  readonly #status = new FrameStatus(this.#host, (s) => this.#views.errorNearConfirm(s));
  readonly #events = checkoutEvents(
    this,
    { sent: () => this.#ready.sent, heading: () => this.#heading() },
    this.#status,
  );
  readonly #store = new StoreController(this, {
    // Sent once the first step's own file has arrived and the step is shown (updated()).
    ready: () => this.#ready.storeReady(),
    ...this.#events.handlers,
  });
  readonly #parts = new StepPartsController(
    this,
    () => {
      const s = this.store?.state;
      return s?.status === 'ready' && s.product ? s.step : null;
    },
    () => this.locale,
    () => this.#events.send(new CassaErrorEvent('network', this.t('error.network'), true)),
  );
  /** Loaded back from the payment page: the outcome is brought into view with the focus. */
  readonly #return = new PaymentReturn();
  readonly #ready = new ReadySignalController(
    this,
    () => !this.#parts.missing,
    () => {
      this.#return.show(this.store?.state, this.#heading());
      this.dispatchEvent(new CassaReadyEvent(this.product));
      // After the painting frame: nothing of later steps runs before the first step is seen.
      this.#next.start();
    },
  );
  readonly #next = new NextStepsController(
    this,
    () => this.store,
    () => this.locale,
  );
  readonly #loadingLine = new LoadingLineController(this);

  constructor() {
    super();
    new FocusRecoveryController(this, () => this.#heading());
    new DraftKeeperController(this, () => this.store?.keepDraft());
  }

  /** The element's store (read-only use: state and intents), e.g. for tests and tools. */
  get store(): CheckoutStore | null {
    return this.#store.store;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const store = this.#store.store;
    if (['backend', 'product', 'fetchImpl'].some((p) => changed.has(p as keyof CassaCheckout))) {
      if (this.backend && this.product) this.#connect();
      return;
    }
    if (!store) return;
    if (changed.has('plan') && this.plan) store.selectPlan(this.plan);
    if (changed.has('subscription') && this.subscription)
      store.selectSubscription(this.subscription);
    if (changed.has('sessionToken')) void store.useSessionToken(this.sessionToken);
  }

  /** Resolves once rendered with the shown step's elements (or its loading error). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    for (let pending = this.#parts.pending; pending; pending = this.#parts.pending) {
      await pending;
      result = await super.getUpdateComplete();
    }
    return result;
  }

  #connect(): void {
    this.#return.start(window.location.href);
    const store = createPageStore(this);
    this.#store.set(store);
    void store.start();
    this.#loadingLine.start();
  }

  override render() {
    const store = this.#store.store;
    if (!store) return nothing;
    const s = store.state;
    if (s.status !== 'ready' || !s.product) {
      return html`<div class="checkout" part="checkout" aria-busy=${s.status === 'loading'}>
        ${this.#status.loading(s.status === 'loading' && this.#loadingLine.shown)}
        ${this.#status.banner(store, s)}
      </div>`;
    }
    const shown = s.steps.filter((step) => step !== 'result');
    return html`<div class="checkout" part="checkout">
      ${
        s.step === 'result'
          ? ''
          : html`<cassa-checkout-steps
              part="step-indicator"
              locale=${this.locale}
              current=${s.step}
              .steps=${shown}
            ></cassa-checkout-steps>`
      }
      <section part="step" aria-labelledby="heading">
        <h2 id="heading" part="heading" tabindex="-1">${this.#views.title(store, s)}</h2>
        ${this.#status.banner(store, s)}
        <form novalidate @submit=${(e: Event) => e.preventDefault()}>
          ${
            // Each step's elements are kept while another step is shown: what a buyer typed in a
            // step's own form (the registration) is still there when they come back to it.
            this.#parts.missing
              ? this.#status.partPending(
                  this.#parts.failed,
                  () => this.#parts.retry(),
                  this.#loadingLine.shown,
                )
              : cache(this.#views.body(store, s))
          }
        </form>
        ${this.#views.nav(store, s)}
      </section>
    </div>`;
  }

  /** The step's heading (where the focus goes on a new step). */
  #heading() {
    return this.renderRoot.querySelector<HTMLElement>('h2') ?? undefined;
  }
}

defineElement('cassa-checkout', CassaCheckout);

declare global {
  interface HTMLElementTagNameMap {
    'cassa-checkout': CassaCheckout;
  }
}
