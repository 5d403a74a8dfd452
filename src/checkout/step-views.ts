// <cassa-checkout>'s step bodies: each step's view binds its elements to the store's state (props
// down) and turns their events into the store's intents (events up). The plans' view is here (the
// first step); every other step's view comes with its elements (checkout/steps/, loaded by
// loading/parts.ts). The orchestrating element renders the frame around them.
import { html, nothing, type TemplateResult } from 'lit';
import type { Locale, MessageKey } from '../i18n/index.ts';
import type { CheckoutState, CheckoutStore } from '../state/checkout-store.ts';
import type { StepId } from '../state/steps.ts';
import type { CassaPlanSelectEvent } from '../components/cassa-plan-picker/cassa-plan-picker.ts';

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

/** What a step's view renders from. */
export interface StepContext {
  store: CheckoutStore;
  s: CheckoutState;
  locale: Locale;
  t: StepViewHost['t'];
  valid: StepViewHost['valid'];
  /** Indietro, for the nav row of the step's own element (`slot`). */
  back(slot?: string): TemplateResult;
  /** The backend's password recovery page ('' for none). */
  resetUrl: StepViewHost['resetUrl'];
  /** The error banner, placed in `slot` of the step's element. */
  banner(slot: string): unknown;
  /** Whether the shown error follows Confirm (then it stands by the button). */
  errorNearConfirm: boolean;
  /** Confirm was pressed: what goes wrong next is shown by the button. */
  confirmPressed(): void;
}

export type StepView = (context: StepContext) => TemplateResult;

const views: Partial<Record<StepId, StepView>> = {
  plan: (c) => {
    const { store, s, locale } = c;
    const product = s.product!;
    return html`<cassa-plan-picker
      locale=${locale}
      currency=${product.currency}
      value=${s.planId}
      .plans=${product.plans}
      @cassa-plan-select=${(e: CassaPlanSelectEvent) => store.selectPlan(e.detail.planId)}
    ></cassa-plan-picker>`;
  },
};

/** Adds a step's view (its module does, when loaded with the step's elements). */
export function registerStepView(step: StepId, view: StepView): void {
  views[step] = view;
}

/** The code of the server field error at `path`, or ''. */
export const fieldError = (s: CheckoutState, path: string): string =>
  s.fieldErrors.find((e) => e.path === path)?.code ?? '';

export class StepViews {
  readonly #host: StepViewHost;
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

  /** The step's heading. */
  title(store: CheckoutStore, s: CheckoutState): string {
    const { t } = this.#host;
    if (s.step === 'result')
      return t(
        `result.title.${s.order?.status === 'refused' || !s.order ? 'refused' : s.order.status}`,
      );
    if (s.step === 'summary' && !store.needsPayment) return t('step.summary.free');
    return t(`step.${s.step}`);
  }

  /** The shown step's elements (its view has arrived with them). */
  body(store: CheckoutStore, s: CheckoutState) {
    if (s.step !== 'summary') this.#confirmPressed = false;
    const host = this.#host;
    const { t, valid, resetUrl } = host;
    return (
      views[s.step]?.({
        store,
        s,
        locale: host.locale(),
        t,
        valid,
        back: (slot?: string) => this.#back(store, slot),
        resetUrl,
        banner: (slot) => host.banner(s, slot),
        errorNearConfirm: this.errorNearConfirm(s),
        confirmPressed: () => (this.#confirmPressed = true),
      }) ?? nothing
    );
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
