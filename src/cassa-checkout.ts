// <cassa-checkout>: the orchestrating element (issue 5, part 3). It renders the store's state with
// the presentational components and turns their events into store intents; it never talks HTTP.
import { html, nothing, type PropertyValues } from 'lit';
import { cache } from 'lit/directives/cache.js';
import { property, state } from 'lit/decorators.js';
import { createClient } from './api/client.ts';
import type { Customer, Order } from './api/schemas.ts';
import type { Product } from './domain/catalog.ts';
import type { ErrorCode } from './domain/errors.ts';
import {
  CassaOrderCompleteEvent,
  CassaErrorEvent,
  CassaReadyEvent,
  CassaStepChangeEvent,
} from './events.ts';
import {
  CheckoutStore,
  type CheckoutState,
  type StepChangeDetail,
  type StoreErrorDetail,
} from './state/checkout-store.ts';
import type { StorageLike } from './state/persistence.ts';
import { CassaElement } from './components/shared/cassa-element.ts';
import { formStyles, tokens } from './components/shared/tokens.styles.ts';
import type {
  CassaHolderForm,
  CassaHolderInputEvent,
  CassaHolderSubmitEvent,
  HolderDraft,
} from './components/cassa-holder-form/cassa-holder-form.ts';
import type { CassaPlanSelectEvent } from './components/cassa-plan-picker/cassa-plan-picker.ts';
import type { CassaAddonsChangeEvent } from './components/cassa-addon-selector/cassa-addon-selector.ts';
import type { CassaPaymentChangeEvent } from './components/cassa-payment-chooser/cassa-payment-chooser.ts';
import type {
  CassaTermsChangeEvent,
  CassaYearsChangeEvent,
} from './components/cassa-order-summary/cassa-order-summary.ts';
import type { CassaMailboxSelectEvent } from './components/checkout-mailbox/cassa-checkout-mailbox.ts';
import type {
  CassaLoginEvent,
  CassaRegisterEvent,
} from './components/account-step/cassa-account-step.ts';
// The other steps' elements are loaded with their step (loading/parts.ts).
import './components/checkout-steps/cassa-checkout-steps.ts';
import './components/checkout-error/cassa-checkout-error.ts';
import { isLoaded, load, prefetch, PARTS, type Part } from './loading/parts.ts';
import { STEP_IDS, type StepId } from './state/steps.ts';

const isStep = (part: Part): part is StepId => (STEP_IDS as readonly string[]).includes(part);
import { StoreController } from './components/checkout-store/store-controller.ts';
import { checkoutStyles } from './cassa-checkout.styles.ts';

function pageStorage(kind: 'sessionStorage' | 'localStorage'): StorageLike | null {
  try {
    return window[kind];
  } catch {
    // Storage disabled (sandboxed frame, privacy settings): no resume after a redirect.
    return null;
  }
}

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
  /** The `fetch` the API client uses (tests, special environments). */
  @property({ attribute: false }) fetchImpl?: typeof fetch;
  /** Per-request timeout of the API client in ms, default 10 s (tests shorten it; set before connecting). */
  @property({ attribute: false }) timeoutMs?: number;
  /** Leaves the page for the payment provider (tests intercept it). */
  @property({ attribute: false }) navigate: (url: string) => void = (url) =>
    window.location.assign(url);

  readonly #store = new StoreController(this, {
    // Sent once the first step's own file has arrived and the step is shown (updated()).
    ready: () => {
      this.#readyPending = true;
      this.requestUpdate();
    },
    step: (event) => {
      const { step, previous } = (event as CustomEvent<StepChangeDetail>).detail;
      void this.#afterRender(() => {
        this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
        this.dispatchEvent(new CassaStepChangeEvent(step, previous));
      });
    },
    error: (event) => {
      const { code, retryable, context } = (event as CustomEvent<StoreErrorDetail>).detail;
      const error = new CassaErrorEvent(code, this.#errorText(code, context), retryable);
      // Once shown, and never before cassa-ready (back from the payment page, both come at once).
      void this.#afterRender(() => this.dispatchEvent(error));
    },
    complete: (event) => {
      const { order } = (event as CustomEvent<{ order: Order }>).detail;
      void this.#afterRender(() => this.dispatchEvent(new CassaOrderCompleteEvent(order)));
    },
  });
  #prefill?: { customer: Customer; draft: HolderDraft };
  /** The store is ready: `cassa-ready` goes out when the first step is shown. */
  #readyPending = false;
  /** The shown step's files on their way. */
  #partsLoading?: Promise<unknown>;
  /** A part the step needs could not be loaded (offline, a file missing): shown with Riprova. */
  @state() private partFailed = false;
  #lastTopUp?: { minimumCents: number; valueCents: number };
  #labels?: { key: string; labels: Record<string, string> };

  /** The element inside that had the focus last, to see whether a re-render removed it. */
  #focused: Element | null = null;
  /** One check per burst of updates, after all of them (and the inner elements') rendered. */
  #focusCheck = false;

  /** An accidental reload (or a phone discarding the tab) keeps what the buyer chose and typed. */
  #keepDraft = () => this.#store.store?.keepDraft();
  #keepIfHidden = () => {
    if (document.visibilityState === 'hidden') this.#keepDraft();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('pagehide', this.#keepDraft);
    document.addEventListener('visibilitychange', this.#keepIfHidden);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pagehide', this.#keepDraft);
    document.removeEventListener('visibilitychange', this.#keepIfHidden);
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    // On the shadow root, not the host: focus moving inside the host never reaches the host's
    // listeners (target and relatedTarget are both the host there).
    const root = this.renderRoot;
    root.addEventListener('focusin', (event) => {
      this.#focused = event.composedPath()[0] as Element;
    });
    root.addEventListener('focusout', (event) => {
      const to = (event as FocusEvent).relatedTarget as Node | null;
      // Gone elsewhere in the page: none of ours to give back.
      if (to && !root.contains(to)) this.#focused = null;
    });
  }

  /**
   * A re-render removed the focused element (the login form, once logged in to an account that
   * may not buy): the focus would fall to <body>, so it goes to the step's heading instead. Checked
   * after the inner elements have rendered too.
   */
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#readyPending && this.#missingParts().length === 0) {
      this.#readyPending = false;
      this.dispatchEvent(new CassaReadyEvent(this.product));
      // The rest of a purchase, fetched while the buyer looks at the first step.
      const steps = this.#store.store?.state.steps ?? [];
      void prefetch(PARTS.filter((part) => !isStep(part) || steps.includes(part)));
    }
    if (!this.#focused || this.#focusCheck) return;
    this.#focusCheck = true;
    setTimeout(() => {
      this.#focusCheck = false;
      const active = document.activeElement;
      if (!this.#focused || this.#focused.isConnected || (active && active !== document.body))
        return;
      this.#focused = null;
      this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
    });
  }

  /** What the shown step needs that has not arrived: its elements (the language: CassaElement). */
  #missingParts(): Part[] {
    const s = this.#store.store?.state;
    if (s?.status !== 'ready' || !s.product) return [];
    return isLoaded(s.step) ? [] : [s.step];
  }

  #loadParts(): void {
    if (this.partFailed) return;
    const missing = this.#missingParts();
    if (!missing.length) return;
    this.#partsLoading = Promise.all(missing.map(load)).then(
      () => this.requestUpdate(),
      () => {
        if (this.partFailed) return;
        this.partFailed = true;
        void this.#afterRender(() =>
          this.dispatchEvent(new CassaErrorEvent('network', this.t('error.network'), true)),
        );
      },
    );
  }

  /** Resolves once rendered with the shown step's elements (or its loading error). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    while (this.#partsLoading && this.#missingParts().length && !this.partFailed) {
      await this.#partsLoading;
      result = await super.getUpdateComplete();
    }
    return result;
  }

  /** The buyer's Riprova after a part failed to load: ask for it again. */
  #retryParts(): void {
    this.partFailed = false;
  }

  /** The element's store (read-only use: state and intents), e.g. for tests and tools. */
  get store(): CheckoutStore | null {
    return this.#store.store;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#loadParts();
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

  #connect(): void {
    const store = new CheckoutStore({
      client: createClient(this.backend, { fetch: this.fetchImpl, timeoutMs: this.timeoutMs }),
      productId: this.product,
      planId: this.plan,
      subscriptionId: this.subscription,
      sessionToken: this.sessionToken,
      locale: () => this.locale,
      id: this.id,
      draftScope: this.backend,
      env: {
        storage: pageStorage('sessionStorage'),
        sharedStorage: pageStorage('localStorage'),
        href: () => window.location.href,
        navigate: (url) => this.navigate(url),
        replaceUrl: (url) => window.history.replaceState(window.history.state, '', url),
      },
    });
    this.#store.set(store);
    void store.start();
    // Most checkouts start on the plans: that step's small file is fetched with the catalog, not
    // after it (one round trip less before the first step; a PEC checkout uses it on no step).
    void load('plan').catch(() => undefined);
  }

  async #afterRender(action: () => void): Promise<void> {
    await this.updateComplete;
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
        ${s.status === 'loading' ? html`<p class="muted" role="status">${this.t('checkout.loading')}</p>` : ''}
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
        <h2 id="heading" part="heading" tabindex="-1">${this.#heading(s)}</h2>
        ${this.#banner(s)}
        ${
          // Each step's elements are kept while another step is shown: what a buyer typed in a
          // step's own form (the registration) is still there when they come back to it.
          this.#missingParts().length ? this.#partPending() : cache(this.#body(store, s))
        }
        ${this.#nav(store, s)}
      </section>
    </div>`;
  }

  /** The step's own file is on its way, or could not be loaded (then Riprova asks again). */
  #partPending() {
    return this.partFailed
      ? html`<cassa-checkout-error
          part="error"
          locale=${this.locale}
          message=${this.t('error.network')}
          retryable
          @cassa-retry=${() => this.#retryParts()}
        ></cassa-checkout-error>`
      : html`<p class="muted" role="status">${this.t('checkout.loading')}</p>`;
  }

  #heading(s: CheckoutState): string {
    if (s.step === 'result')
      return this.t(
        `result.title.${s.order?.status === 'refused' || !s.order ? 'refused' : s.order.status}`,
      );
    if (s.step === 'summary' && !this.#store.store?.needsPayment)
      return this.t('step.summary.free');
    return this.t(`step.${s.step}`);
  }

  #banner(s: CheckoutState) {
    if (!s.error) return '';
    const store = this.#store.store;
    return html`<cassa-checkout-error
      part="error"
      locale=${this.locale}
      message=${this.#errorText(s.error.code)}
      ?retryable=${s.error.retryable}
      @cassa-retry=${() => store?.retry()}
    ></cassa-checkout-error>`;
  }

  #fieldError(s: CheckoutState, path: string): string {
    return s.fieldErrors.find((e) => e.path === path)?.code ?? '';
  }

  #body(store: CheckoutStore, s: CheckoutState) {
    const product = s.product!;
    const { locale } = this;
    switch (s.step) {
      case 'plan':
        return html`<cassa-plan-picker
          locale=${locale}
          currency=${product.currency}
          value=${s.planId}
          .plans=${product.plans}
          @cassa-plan-select=${(e: CassaPlanSelectEvent) => store.selectPlan(e.detail.planId)}
        ></cassa-plan-picker>`;
      case 'addons':
        return html`<cassa-addon-selector
            locale=${locale}
            currency=${product.currency}
            plan-id=${s.planId}
            .addons=${product.addons}
            .quantities=${s.quantities}
            .quote=${s.quote}
            ?quote-loading=${s.quoteLoading}
            .errors=${store.addonErrors}
            @cassa-addons-change=${(e: CassaAddonsChangeEvent) =>
              store.setQuantities(e.detail.quantities)}
          ></cassa-addon-selector>
          <p class="error" role="alert">
            ${this.#fieldError(s, 'addons') ? this.t('checkout.addons.none') : ''}
          </p>`;
      case 'account':
        return html`${s.loginAgain ? html`<p>${this.t('account.again')}</p>` : ''}<cassa-account-step
            locale=${locale}
            error=${s.authError ?? ''}
            username-hint=${this.t(product.pricing === 'coterm' ? 'account.username.pec' : 'account.username.hint')}
            ?busy=${s.authBusy}
            ?allow-register=${product.pricing === 'term'}
            .customer=${s.session?.customer ?? null}
            .registerErrors=${store.holderErrors}
            @cassa-login=${(e: CassaLoginEvent) =>
              void store.login(e.detail.username, e.detail.password)}
            @cassa-register=${(e: CassaRegisterEvent) =>
              void store.register(e.detail.holder, e.detail.password)}
            @cassa-account-switch=${() => store.switchAccount()}
          ></cassa-account-step>`;
      case 'mailbox':
        return html`<cassa-checkout-mailbox
          locale=${locale}
          currency=${product.currency}
          value=${s.subscriptionId ?? ''}
          credit-cents=${s.session?.subscriptions?.creditCents ?? 0}
          error=${this.#fieldError(s, 'subscriptionId')}
          .mailboxes=${s.session?.subscriptions?.items.filter((m) => m.productId === product.id) ?? []}
          @cassa-mailbox-select=${(e: CassaMailboxSelectEvent) =>
            store.selectSubscription(e.detail.subscriptionId)}
        ></cassa-checkout-mailbox>`;
      case 'holder':
        return html`<cassa-holder-form
          locale=${locale}
          submit-label=${this.t('checkout.continue')}
          .value=${s.holderDraft ?? this.#prefilled(s)}
          .serverErrors=${store.holderErrors}
          @cassa-holder-input=${(e: CassaHolderInputEvent) => store.setHolderDraft(e.detail.value)}
          @cassa-holder-submit=${(e: CassaHolderSubmitEvent) => store.submitHolder(e.detail.holder)}
          >${this.#back(store, 'back')}</cassa-holder-form
        >`;
      case 'summary':
        return this.#summary(store, s);
      case 'result':
        return html`<cassa-checkout-result
          part="result"
          locale=${locale}
          ?refused=${!s.order || s.order.status === 'refused'}
          ?repeated=${s.repeated}
          .order=${s.order}
          .product=${product}
          .eInvoice=${(s.holder ?? s.session?.customer.holder)?.eInvoice ?? null}
          @cassa-choose-method=${() => store.chooseAnotherMethod()}
        ></cassa-checkout-result>`;
    }
  }

  /** The holder form starts from the account's registered data, for the buyer to check. */
  #prefilled(s: CheckoutState): HolderDraft | undefined {
    const customer = s.session?.customer;
    if (!customer) return undefined;
    // The holder step's element is here (its file arrived before the step renders), with the
    // conversion: the first files of the page do not carry it.
    const form = customElements.get('cassa-holder-form') as typeof CassaHolderForm | undefined;
    if (this.#prefill?.customer !== customer && form)
      this.#prefill = { customer, draft: form.draftOf(customer.holder) };
    return this.#prefill?.draft;
  }

  #summary(store: CheckoutStore, s: CheckoutState) {
    const product = s.product!;
    const { locale } = this;
    const minimum = product.pricing === 'coterm' ? s.quote?.minimumTopUpCents : null;
    const paymentError = this.#fieldError(s, 'paymentMethod');
    return html`${
        store.needsPayment
          ? html`<cassa-payment-chooser
              locale=${locale}
              currency=${product.currency}
              .methods=${product.paymentMethods}
              .saved=${s.session?.savedMethods ?? []}
              .value=${s.payment}
              .topUp=${minimum == null ? null : this.#topUp(minimum, s.topUpCents ?? minimum)}
              error=${paymentError}
              @cassa-payment-change=${(e: CassaPaymentChangeEvent) =>
                store.setPayment(e.detail.value, e.detail.topUpCents)}
            ></cassa-payment-chooser>`
          : html`<p>${this.t('checkout.free.note')}</p>`
      }
      <cassa-order-summary
        locale=${locale}
        pricing=${product.pricing}
        years=${s.years}
        terms-url=${product.termsUrl}
        confirm-label=${store.needsPayment ? '' : this.t('checkout.confirm.free')}
        ?loading=${s.quoteLoading}
        ?accepted=${s.termsAccepted}
        ?busy=${s.ordering || s.quoteLoading || !s.quote}
        .quote=${s.quote}
        .terms=${product.terms}
        .lineLabels=${this.#lineLabels(product)}
        .eInvoice=${(s.holder ?? s.session?.customer.holder)?.eInvoice ?? null}
        @cassa-years-change=${(e: CassaYearsChangeEvent) => store.setYears(e.detail.years)}
        @cassa-terms-change=${(e: CassaTermsChangeEvent) => store.setTermsAccepted(e.detail.accepted)}
        @cassa-confirm=${() => void this.#confirm(store)}
        >${this.#back(store, 'back')}</cassa-order-summary
      >`;
  }

  /** "Conferma": what the buyer left out gets the focus, where its error is shown. */
  async #confirm(store: CheckoutStore): Promise<void> {
    const chooser = this.renderRoot.querySelector('cassa-payment-chooser');
    // A top-up typed but unreadable or too low: the order waits (the field says why).
    if (chooser?.reportValidity?.() === false) return;
    const confirming = store.confirm();
    if (store.state.fieldErrors.some((e) => e.path === 'paymentMethod')) {
      await this.updateComplete;
      await chooser?.updateComplete;
      chooser?.focus();
    }
    await confirming;
  }

  /** Plan and add-on names in the current language, by quote line id (one object per language). */
  #lineLabels(product: Product): Record<string, string> {
    const key = `${product.id}:${this.locale}`;
    if (this.#labels?.key !== key) {
      const items = [...product.plans, ...product.addons];
      this.#labels = {
        key,
        labels: Object.fromEntries(items.map((i) => [i.id, i.name[this.locale]])),
      };
    }
    return this.#labels.labels;
  }

  /** The same object while the figures stay the same: a new one resets what the buyer is typing. */
  #topUp(minimumCents: number, valueCents: number) {
    const last = this.#lastTopUp;
    if (last?.minimumCents !== minimumCents || last.valueCents !== valueCents) {
      this.#lastTopUp = { minimumCents, valueCents };
    }
    return this.#lastTopUp!;
  }

  /** Indietro; `slot`: placed in the nav row of the step's own element (holder form, summary). */
  #back(store: CheckoutStore, slot?: string) {
    return html`<button
      type="button"
      class="btn secondary"
      slot=${slot ?? nothing}
      @click=${() => store.back()}
    >
      ${this.t('checkout.back')}
    </button>`;
  }

  #nav(store: CheckoutStore, s: CheckoutState) {
    const index = s.steps.indexOf(s.step);
    const back = index > 0 && s.step !== 'result';
    const next =
      s.step === 'plan' ||
      s.step === 'addons' ||
      s.step === 'mailbox' ||
      (s.step === 'account' && !!s.session && !s.ineligible);
    // The holder form and the summary end with their own main action: Back goes into their nav.
    if ((!back && !next) || s.step === 'holder' || s.step === 'summary') return '';
    return html`<div class="nav" part="nav">
      ${back ? this.#back(store) : ''}
      ${
        next
          ? html`<button
              type="button"
              class="btn primary next"
              @click=${() => {
                // A quantity typed but refused: the step waits (its field says why).
                if (
                  this.renderRoot.querySelector('cassa-addon-selector')?.reportValidity?.() !==
                  false
                )
                  store.next();
              }}
            >
              ${this.t('checkout.continue')}
            </button>`
          : ''
      }
    </div>`;
  }
}

if (!customElements.get('cassa-checkout')) customElements.define('cassa-checkout', CassaCheckout);

declare global {
  interface HTMLElementTagNameMap {
    'cassa-checkout': CassaCheckout;
  }
}
