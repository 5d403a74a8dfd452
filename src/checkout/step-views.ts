// <cassa-checkout>'s step bodies: each step's elements, bound to the store's state (props down) and
// turning their events into the store's intents (events up). The orchestrating element renders the
// frame around them (indicator, heading, banner, navigation).
import { html, nothing } from 'lit';
import type { Product } from '../domain/catalog.ts';
import { formatMoney, type Locale, type MessageKey } from '../i18n/index.ts';
import type { CheckoutState, CheckoutStore } from '../state/checkout-store.ts';
import type { CassaPlanSelectEvent } from '../components/cassa-plan-picker/cassa-plan-picker.ts';
import type { CassaAddonsChangeEvent } from '../components/cassa-addon-selector/cassa-addon-selector.ts';
import type { CassaPaymentChangeEvent } from '../components/cassa-payment-chooser/cassa-payment-chooser.ts';
import type {
  CassaTermsChangeEvent,
  CassaYearsChangeEvent,
} from '../components/cassa-order-summary/cassa-order-summary.ts';
import type { CassaMailboxSelectEvent } from '../components/checkout-mailbox/cassa-checkout-mailbox.ts';
import type {
  CassaLoginEvent,
  CassaRegisterEvent,
} from '../components/account-step/cassa-account-step.ts';
import type {
  CassaHolderInputEvent,
  CassaHolderSubmitEvent,
} from '../components/cassa-holder-form/cassa-holder-form.ts';

/** What the views need of the element. */
export interface StepViewHost {
  locale(): Locale;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** Whether the step's fields are valid (each shows why and takes the focus when not). */
  valid(): boolean;
  /** The backend's password recovery page, for the login form's link ('' for none). */
  resetUrl(): string;
  /** The error banner of the shown error, placed in `slot` of a step's element when given. */
  banner(s: CheckoutState, slot?: string): unknown;
}

/** The code of the server field error at `path`, or ''. */
export const fieldError = (s: CheckoutState, path: string): string =>
  s.fieldErrors.find((e) => e.path === path)?.code ?? '';

export class StepViews {
  readonly #host: StepViewHost;
  #lastTopUp?: { minimumCents: number; valueCents: number };
  #labels?: { key: string; labels: Record<string, string> };
  /** Confirm was pressed on the summary shown: what goes wrong then is shown by the button. */
  #confirmPressed = false;

  constructor(host: StepViewHost) {
    this.#host = host;
  }

  /**
   * An error that follows Confirm (the server unreachable, a new price) stands next to the button
   * the buyer just pressed, not above the summary out of view.
   */
  errorNearConfirm(s: CheckoutState): boolean {
    return s.step === 'summary' && this.#confirmPressed && !!s.error;
  }

  /** The shown step's elements. */
  body(store: CheckoutStore, s: CheckoutState) {
    if (s.step !== 'summary') this.#confirmPressed = false;
    const product = s.product!;
    const locale = this.#host.locale();
    const t = (key: MessageKey) => this.#host.t(key);
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
            ${fieldError(s, 'addons') ? t('checkout.addons.none') : ''}
          </p>`;
      case 'account':
        return html`${s.loginAgain ? html`<p>${t('account.again')}</p>` : ''}${this.#running(s)}<cassa-account-step
            locale=${locale}
            error=${s.authError ?? ''}
            username-hint=${t(product.pricing === 'coterm' ? 'account.username.pec' : 'account.username.hint')}
            ?busy=${s.authBusy}
            ?allow-register=${product.pricing === 'term'}
            reset-url=${this.#host.resetUrl()}
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
          error=${fieldError(s, 'subscriptionId')}
          .mailboxes=${s.session?.subscriptions?.items.filter((m) => m.productId === product.id) ?? []}
          @cassa-mailbox-select=${(e: CassaMailboxSelectEvent) =>
            store.selectSubscription(e.detail.subscriptionId)}
        ></cassa-checkout-mailbox>`;
      case 'holder':
        // Until the buyer types, the form shows the account's registered holder for checking.
        return html`${
            s.registeredUsername
              ? html`<p class="note" role="status" part="registered">
                  ${this.#host.t('account.registered', { username: s.registeredUsername })}
                </p>`
              : ''
          }<cassa-holder-form
            locale=${locale}
            submit-label=${t('checkout.continue')}
            .value=${s.holderDraft ?? undefined}
            .registered=${s.session?.customer.holder ?? null}
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

  #summary(store: CheckoutStore, s: CheckoutState) {
    const product = s.product!;
    const locale = this.#host.locale();
    const minimum = product.pricing === 'coterm' ? s.quote?.minimumTopUpCents : null;
    return html`${
        store.needsPayment
          ? html`<cassa-payment-chooser
              locale=${locale}
              currency=${product.currency}
              .methods=${product.paymentMethods}
              .saved=${s.session?.savedMethods ?? []}
              .value=${s.payment}
              preselect-single
              .topUp=${minimum == null ? null : this.#topUp(minimum, s.topUpCents ?? minimum)}
              error=${fieldError(s, 'paymentMethod')}
              @cassa-payment-change=${(e: CassaPaymentChangeEvent) =>
                store.setPayment(e.detail.value, e.detail.topUpCents)}
            ></cassa-payment-chooser>`
          : html`<p>${this.#host.t('checkout.free.note')}</p>`
      }
      <cassa-order-summary
        locale=${locale}
        pricing=${product.pricing}
        years=${s.years}
        terms-url=${product.termsUrl}
        confirm-label=${store.needsPayment ? '' : this.#host.t('checkout.confirm.free')}
        ?loading=${s.quoteLoading}
        ?accepted=${s.termsAccepted}
        ?busy=${s.ordering || s.quoteLoading || !s.quote}
        .quote=${s.quote}
        .terms=${product.terms}
        .lineLabels=${this.#lineLabels(product)}
        .eInvoice=${(s.holder ?? s.session?.customer.holder)?.eInvoice ?? null}
        payment-type=${store.needsPayment ? (s.payment?.type ?? '') : ''}
        .topUpCents=${minimum == null ? null : (s.topUpCents ?? minimum)}
        .product=${product}
        plan-id=${s.planId}
        @cassa-years-change=${(e: CassaYearsChangeEvent) => store.setYears(e.detail.years)}
        @cassa-terms-change=${(e: CassaTermsChangeEvent) => store.setTermsAccepted(e.detail.accepted)}
        @cassa-confirm=${() => {
          this.#confirmPressed = true;
          if (this.#host.valid()) void store.confirm();
        }}
        @cassa-confirm-blocked=${(e: Event) => {
          // Everything missing at once; the first of it (the payment method, above) takes the focus.
          if (store.reportMissing()) e.preventDefault();
        }}
        >${this.#back(store, 'back')}${
          this.errorNearConfirm(s) ? this.#host.banner(s, 'error') : nothing
        }</cassa-order-summary
      >`;
  }

  /**
   * The login step keeps the selection's price in sight, as the add-ons step shows it: one year of
   * the quoted plan and add-ons, + VAT.
   */
  #running(s: CheckoutState) {
    const { quote, product } = s;
    if (!quote || !product || product.pricing !== 'term') return '';
    const step = (id: string) => product.addons.find((a) => a.id === id)?.step ?? 1;
    const yearly = quote.lines.reduce(
      (sum, line) => sum + Math.round((line.unitCents * line.quantity) / step(line.id)),
      0,
    );
    const price = formatMoney(yearly, quote.currency, this.#host.locale());
    return html`<p class="running" part="running-total">
      <span class="muted">${this.#host.t('checkout.running')}</span>
      <span class="figure">${this.#host.t('addon.yearly', { price })}</span>
    </p>`;
  }

  /** Plan and add-on names in the current language, by quote line id (one object per language). */
  #lineLabels(product: Product): Record<string, string> {
    const locale = this.#host.locale();
    const key = `${product.id}:${locale}`;
    if (this.#labels?.key !== key) {
      const items = [...product.plans, ...product.addons];
      this.#labels = { key, labels: Object.fromEntries(items.map((i) => [i.id, i.name[locale]])) };
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
      ${this.#host.t('checkout.back')}
    </button>`;
  }

  /** Back and Continue under the step (the holder form and the summary have their own). */
  nav(store: CheckoutStore, s: CheckoutState) {
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
              @click=${() => this.#host.valid() && store.next()}
            >
              ${this.#host.t('checkout.continue')}
            </button>`
          : ''
      }
    </div>`;
  }
}
