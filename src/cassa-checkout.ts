// <cassa-checkout>: the orchestrating element (issue 5, part 3; split by concern in issue 21). Its
// properties make a store (state/checkout-store.ts), whose state it renders in a frame (indicator,
// heading, error banner, navigation) around the step's elements (checkout/step-views.ts); its
// controllers keep the store connected, the step's files loaded, the focus and the draft.
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { cache } from 'lit/directives/cache.js';
import { property } from 'lit/decorators.js';
import type { ErrorCode } from './domain/errors.ts';
import {
  CassaOrderCompleteEvent,
  CassaErrorEvent,
  CassaReadyEvent,
  CassaStepChangeEvent,
} from './events.ts';
import type { CheckoutState, CheckoutStore, StoreErrorDetail } from './state/checkout-store.ts';
import { STEP_IDS, type StepId } from './state/steps.ts';
import { CassaElement } from './components/shared/cassa-element.ts';
import { formStyles, tokens } from './components/shared/tokens.styles.ts';
// The other steps' elements are loaded with their step (loading/parts.ts).
import './components/checkout-steps/cassa-checkout-steps.ts';
import './components/checkout-error/cassa-checkout-error.ts';
import { prefetch, PARTS, type Part } from './loading/parts.ts';
import { DraftKeeperController } from './checkout/draft-keeper.ts';
import { FocusRecoveryController } from './checkout/focus-recovery.ts';
import { StepPartsController } from './checkout/step-parts.ts';
import { StepViews } from './checkout/step-views.ts';
import { createPageStore } from './checkout/page-store.ts';
import { LoadingLineController } from './checkout/loading-line.ts';
import { ReadySignalController } from './checkout/ready-signal.ts';
import { StoreController } from './checkout/store-controller.ts';
import { checkoutStyles } from './cassa-checkout.styles.ts';
import { defineElement } from './components/shared/define-element.ts';

const isStep = (part: Part): part is StepId => (STEP_IDS as readonly string[]).includes(part);

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

  readonly #store = new StoreController(this, {
    // Sent once the first step's own file has arrived and the step is shown (updated()).
    ready: () => this.#ready.storeReady(),
    step: ({ detail: { step, previous } }) =>
      void this.#afterRender(() => {
        this.#heading()?.focus();
        this.dispatchEvent(new CassaStepChangeEvent(step, previous));
      }),
    error: ({ detail: { code, retryable, context } }) => {
      const error = new CassaErrorEvent(code, this.#errorText(code, context), retryable);
      // Once shown, and never before cassa-ready (back from the payment page, both come at once).
      void this.#afterRender(() => {
        this.dispatchEvent(error);
        // Next to Confirm: in view, with the focus (on Riprova when there is one).
        const state = this.#store.store?.state;
        if (state && this.#views.errorNearConfirm(state)) {
          const banner = this.renderRoot.querySelector<HTMLElement>('cassa-checkout-error[slot]');
          banner?.scrollIntoView({ block: 'center' });
          banner?.focus({ preventScroll: true });
        }
      });
    },
    complete: ({ detail: { order } }) =>
      void this.#afterRender(() => this.dispatchEvent(new CassaOrderCompleteEvent(order))),
  });
  readonly #parts = new StepPartsController(
    this,
    () => {
      const s = this.#store.store?.state;
      return s?.status === 'ready' && s.product ? s.step : null;
    },
    () => this.locale,
    () =>
      void this.#afterRender(() =>
        this.dispatchEvent(new CassaErrorEvent('network', this.t('error.network'), true)),
      ),
  );
  readonly #views = new StepViews({
    locale: () => this.locale,
    t: (key, params) => this.t(key, params),
    valid: () => this.#valid(),
    banner: (s, slot) => this.#banner(s, slot),
    resetUrl: () => {
      const url =
        this.passwordResetUrl ?? `${this.backend.replace(/\/+$/, '')}/account/password-reset`;
      if (!url) return '';
      const withLang = new URL(url, document.baseURI);
      withLang.searchParams.set('lang', this.locale);
      return withLang.href;
    },
  });
  /** Loaded back from the payment page: the outcome is brought into view with the focus. */
  #returning = false;
  readonly #ready = new ReadySignalController(
    this,
    () => !this.#parts.missing,
    () => {
      this.#showOutcome();
      this.dispatchEvent(new CassaReadyEvent(this.product));
      // After the painting frame: nothing of later steps runs before the first step is seen.
      this.#store.store?.prefetch();
      const steps = this.#store.store?.state.steps ?? [];
      // The overlay is `Cassa.open`'s (`Cassa.preload()` fetches it): not this checkout's.
      void prefetch(
        PARTS.filter((part) => part !== 'overlay' && (!isStep(part) || steps.includes(part))),
      );
    },
  );
  readonly #loadingLine = new LoadingLineController(this);

  constructor() {
    super();
    new FocusRecoveryController(this, () => this.#heading());
    new DraftKeeperController(this, () => this.#store.store?.keepDraft());
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

  /**
   * Paid, refused or cancelled on the provider's page: the buyer reads it first, from the heading
   * (the page loads scrolled to its top, the widget may be far below). This widget's order only.
   */
  #showOutcome(): void {
    const s = this.#store.store?.state;
    const outcome = s?.step === 'result' || s?.error?.code === 'payment_cancelled' || s?.loginAgain;
    if (this.#returning && outcome) {
      const heading = this.#heading();
      heading?.scrollIntoView({ block: 'start' });
      heading?.focus({ preventScroll: true });
    }
    this.#returning = false;
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
    this.#returning = returnedFromPayment(window.location.href);
    const store = createPageStore(this);
    this.#store.set(store);
    void store.start();
    this.#loadingLine.start();
  }

  async #afterRender(action: () => void): Promise<void> {
    await this.updateComplete;
    await this.#ready.sent;
    action();
  }

  #errorText(code: ErrorCode, context?: StoreErrorDetail['context']): string {
    return context === 'login' && code === 'unauthorized'
      ? this.t('account.login.failed')
      : this.t(`error.${code}`);
  }

  override render() {
    const store = this.#store.store;
    if (!store) return nothing;
    const s = store.state;
    if (s.status !== 'ready' || !s.product) {
      return html`<div class="checkout" part="checkout" aria-busy=${s.status === 'loading'}>
        ${s.status === 'loading' && this.#loadingLine.shown ? this.#loading() : ''}
        ${this.#banner(s)}
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
        ${this.#banner(s)}
        <form novalidate @submit=${(e: Event) => e.preventDefault()}>
          ${
            // Each step's elements are kept while another step is shown: what a buyer typed in a
            // step's own form (the registration) is still there when they come back to it.
            this.#parts.missing ? this.#partPending() : cache(this.#views.body(store, s))
          }
        </form>
        ${this.#views.nav(store, s)}
      </section>
    </div>`;
  }

  /** The step's own file is on its way, or could not be loaded (then Riprova asks again). */
  #partPending() {
    return this.#parts.failed
      ? html`<cassa-checkout-error
          part="error"
          locale=${this.locale}
          message=${this.t('error.network')}
          retryable
          @cassa-retry=${() => this.#parts.retry()}
        ></cassa-checkout-error>`
      : this.#loadingLine.shown
        ? this.#loading()
        : '';
  }

  #loading() {
    return html`<p class="muted" role="status">${this.t('checkout.loading')}</p>`;
  }

  #banner(s: CheckoutState, slot?: string): TemplateResult | string {
    if (!s.error) return '';
    // An error that follows Confirm is shown by the button (the summary's `error` slot).
    if (!slot && this.#views.errorNearConfirm(s)) return '';
    const store = this.#store.store;
    return html`<cassa-checkout-error
      slot=${slot ?? nothing}
      part="error"
      locale=${this.locale}
      message=${this.#errorText(s.error.code)}
      ?retryable=${s.error.retryable}
      @cassa-retry=${() => store?.retry()}
    ></cassa-checkout-error>`;
  }

  /**
   * Whether the step's fields are valid: each step element reports its own validity to the form
   * around the step (form-associated elements) (a refused quantity, an unreadable top-up) and, when invalid, shows why and takes
   * the focus.
   */
  #valid(): boolean {
    return this.renderRoot.querySelector('form')?.reportValidity() !== false;
  }

  /** The step's heading (where the focus goes on a new step). */
  #heading() {
    return this.renderRoot.querySelector<HTMLElement>('h2') ?? undefined;
  }
}

/** The page was loaded back from a payment page (`?cassa_order=…&cassa_resume=…`). */
function returnedFromPayment(href: string): boolean {
  try {
    const params = new URL(href).searchParams;
    return params.has('cassa_order') && params.has('cassa_resume');
  } catch {
    return false;
  }
}

defineElement('cassa-checkout', CassaCheckout);

declare global {
  interface HTMLElementTagNameMap {
    'cassa-checkout': CassaCheckout;
  }
}
