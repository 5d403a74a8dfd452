// <cassa-checkout>'s status lines in its frame: the error banner (Riprova repeats what failed), the
// loading line, and a step's own file on its way or that could not be loaded.
import { html, nothing, type TemplateResult } from 'lit';
import type { ErrorCode } from '../domain/errors.ts';
import type { CheckoutState, CheckoutStore, StoreErrorDetail } from '../state/checkout-store.ts';
import type { StepViewHost } from './step-views.ts';

/** What the status lines need of the element. */
type StatusHost = Pick<StepViewHost, 'locale' | 't'>;

export class FrameStatus {
  readonly #host: StatusHost;
  readonly #nearConfirm: (s: CheckoutState) => boolean;

  /** `nearConfirm`: whether the shown error follows Confirm (the summary shows it by the button). */
  constructor(host: StatusHost, nearConfirm: (s: CheckoutState) => boolean) {
    this.#host = host;
    this.#nearConfirm = nearConfirm;
  }

  errorText(code: ErrorCode, context?: StoreErrorDetail['context']): string {
    const { t } = this.#host;
    return context === 'login' && code === 'unauthorized'
      ? t('account.login.failed')
      : t(`error.${code}`);
  }

  /** The shown error's banner; with `slot`, for the step's element that shows it by Confirm. */
  banner(store: CheckoutStore | null, s: CheckoutState, slot?: string): TemplateResult | string {
    if (!s.error) return '';
    // An error that follows Confirm is shown by the button (the summary's `error` slot).
    if (!slot && this.#nearConfirm(s)) return '';
    return html`<cassa-checkout-error
      slot=${slot ?? nothing}
      part="error"
      locale=${this.#host.locale()}
      message=${this.errorText(s.error.code)}
      ?retryable=${s.error.retryable}
      @cassa-retry=${() => store?.retry()}
    ></cassa-checkout-error>`;
  }

  /** "Caricamento…", when loading has lasted longer than a glance (`shown`). */
  loading(shown: boolean) {
    return shown
      ? html`<p class="muted" role="status">${this.#host.t('checkout.loading')}</p>`
      : '';
  }

  /** The step's own file is on its way, or could not be loaded (then Riprova asks again). */
  partPending(failed: boolean, retry: () => void, shown: boolean) {
    const { t, locale } = this.#host;
    return failed
      ? html`<cassa-checkout-error
          part="error"
          locale=${locale()}
          message=${t('error.network')}
          retryable
          @cassa-retry=${retry}
        ></cassa-checkout-error>`
      : this.loading(shown);
  }
}
