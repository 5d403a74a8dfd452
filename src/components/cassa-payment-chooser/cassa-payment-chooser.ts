// <cassa-payment-chooser>: how the buyer pays (saved or new card and PayPal, credit, bank
// transfer, postal slip) and the credit top-up of PEC add-ons.
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { SavedPaymentMethod } from '../../api/schemas.ts';
import type { PaymentMethodType } from '../../domain/catalog.ts';
import type { PaymentChoice } from '../../domain/types.ts';
import type { MessageKey } from '../../i18n/index.ts';
import '../cassa-toggletip/cassa-toggletip.ts';
import { parseAmount } from '../../domain/money.ts';
import { topUpError } from '../../domain/top-up.ts';
import { CassaElement } from '../shared/cassa-element.ts';
import '../../i18n/it/summary.ts';
import '../../i18n/it/forms.ts';
import { emit, eventInit } from '../shared/events.ts';
import { savedLabel } from '../shared/saved-label.ts';
import { formStyles, tokens } from '../shared/tokens.styles.ts';
import { paymentChooserStyles } from './cassa-payment-chooser.styles.ts';
import { defineElement } from '../shared/define-element.ts';

export type { PaymentChoice };

export interface PaymentChange {
  value: PaymentChoice;
  /** PEC add-ons: the credit top-up, in cents, when one is asked for. */
  topUpCents?: number;
}

export class CassaPaymentChangeEvent extends CustomEvent<PaymentChange> {
  constructor(detail: PaymentChange) {
    super('cassa-payment-change', eventInit(detail));
  }
}

/** Methods that are not immediate: shown under "Other payment methods". */
const DEFERRED: PaymentMethodType[] = ['bank_transfer', 'postal_slip'];

/**
 * How the buyer pays: saved cards and PayPal accounts, a new one (entered on the payment
 * provider's page), credit, and — behind "Other payment methods" — bank transfer and postal slip.
 * For PEC add-ons it also asks for the credit top-up, at least the stated minimum.
 *
 * @summary Choose a payment method.
 * @fires {CassaPaymentChangeEvent} cassa-payment-change - A method (or a valid top-up) was chosen; `detail: { value, topUpCents? }`.
 * @csspart method - Each payment option.
 * @cssprop --cassa-color-primary - Selected option and the disclosure button.
 * @cssprop --cassa-color-surface-alt - Background of notes and of the selected option.
 */
export class CassaPaymentChooser extends CassaElement {
  static override messages = ['frame', 'summary', 'forms'] as const;
  static override styles = [tokens, formStyles, paymentChooserStyles];

  /** The product's allowed methods, in order. */
  @property({ attribute: false }) methods: PaymentMethodType[] = [];
  @property({ attribute: false }) saved: SavedPaymentMethod[] = [];
  @property({ attribute: false }) value: PaymentChoice | null = null;
  /** PEC add-ons only: the credit top-up asked for with a card. */
  /** The only way to pay is chosen at once (the checkout sets it; alone, the buyer picks). */
  @property({ type: Boolean, attribute: 'preselect-single' }) preselectSingle = false;
  @property({ attribute: false }) topUp: { minimumCents: number; valueCents: number } | null = null;
  /** A field error code for the choice itself (e.g. `payment.method`: none chosen), shown in the group. */
  @property() error = '';
  @property() currency = 'EUR';

  @state() private open = false;
  /** The top-up as typed, until the next `topUp` from outside. */
  @state() private topUpText?: string;
  /** The typed top-up was checked (the field left, or a confirm): its error shows, live from then. */
  @state() private topUpChecked = false;

  /** Form-associated: an unreadable or too low top-up makes the form around it invalid. */
  static formAssociated = true;
  readonly #internals = this.attachInternals();

  constructor() {
    super();
    // The form checked its elements (the checkout's Conferma): the field says why, and has the
    // focus (instead of the browser's bubble).
    this.addEventListener('invalid', (event) => {
      event.preventDefault();
      this.reportValidity();
    });
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('value') && this.value && DEFERRED.includes(this.value.type)) this.open = true;
    if (changed.has('topUp')) {
      this.topUpText = undefined;
      this.topUpChecked = false;
    }
    this.#syncValidity();
  }

  /**
   * A new error for the choice (e.g. none chosen, on Conferma): the buyer picks here. The only way
   * to pay is chosen already (`preselect-single`): nothing to pick, one click less.
   */
  protected override updated(changed: PropertyValues<this>) {
    super.updated(changed);
    if (changed.has('error') && this.error && changed.get('error') === '') this.focus();
    if (this.value || !this.preselectSingle) return;
    const choices = this.#choices();
    if (choices.length === 1) this.#choose(choices[0]!);
  }

  /** Tells the form whether the top-up field (when shown) holds an amount that can be sent. */
  #syncValidity(): void {
    const code = this.topUp && this.value?.type !== 'credit' ? this.#topUpError() : '';
    this.#internals.setValidity(code ? { customError: true } : {}, code ? this.t(code) : '');
  }

  override render() {
    const { methods, value } = this;
    const offered = (type: PaymentMethodType) => methods.includes(type);
    const deferred = DEFERRED.filter(offered);
    const renews = !this.topUp && (value?.type === 'card' || value?.type === 'paypal');
    // The error takes no room until there is one (an alert is read out when it appears).
    return html`<fieldset
      aria-describedby=${this.error ? 'method-m' : nothing}
      aria-invalid=${Boolean(this.error)}
    >
      <legend>${this.t('payment.legend')}</legend>
      ${
        this.error
          ? html`<p id="method-m" class="error" role="alert">
              ${this.tOr(`field.${this.error}`, 'field.invalid')}
            </p>`
          : nothing
      }
      ${(['card', 'paypal'] as const).filter(offered).map((type) => this.#online(type))}
      ${
        offered('credit') && (!this.topUp || this.topUp.minimumCents === 0)
          ? this.#option({ type: 'credit' }, 'payment.credit', 'payment.credit.note')
          : nothing
      }
      ${
        deferred.length
          ? html`<button
                type="button"
                class="btn link"
                aria-expanded=${this.open}
                aria-controls="others"
                @click=${() => (this.open = !this.open)}
              >
                ${this.t('payment.others')}
              </button>
              <div id="others" class="others" ?hidden=${!this.open}>
                ${deferred.map((type) => this.#option({ type }, `payment.${type}`, 'payment.deferred.note'))}
              </div>`
          : nothing
      }
      ${
        renews
          ? html`<p class="note">
              ${this.t('payment.autorenew')}
              <cassa-toggletip label=${this.t('tip.autorenew.label')} .locale=${this.locale}
                >${this.t('tip.autorenew')}</cassa-toggletip
              >
            </p>`
          : nothing
      }
      ${this.topUp && value?.type !== 'credit' ? this.#topUpField(this.topUp.minimumCents) : nothing}
    </fieldset>`;
  }

  /** Saved cards (or PayPal accounts), then "add a new one". */
  #online(type: 'card' | 'paypal') {
    const saved = this.saved.filter((method) => method.type === type);
    return html`${saved.map((method) =>
      this.#option({ type, savedId: method.id }, method.label, `payment.${type}.saved`),
    )}
    ${this.#option({ type }, saved.length ? `payment.${type}.add` : `payment.${type}`, `payment.${type}.note`)}`;
  }

  /** One radio card: `label` is a message key, or a saved method's own label (text, never markup). */
  #option(choice: PaymentChoice, label: MessageKey | string, note: MessageKey) {
    const id = `${choice.type}-${choice.savedId ?? 'new'}`;
    const checked = this.value?.type === choice.type && this.value.savedId === choice.savedId;
    return html`<div class="card ${checked ? 'selected' : ''}" part="method">
      <label class="choice">
        <input
          type="radio"
          name="method"
          .checked=${live(checked)}
          aria-describedby="${id}-d"
          aria-label=${choice.savedId ? label : nothing}
          @change=${() => this.#choose(choice)}
        />${choice.savedId ? savedLabel(label) : this.t(label as MessageKey)}
      </label>
      <p id="${id}-d" class="muted">${this.t(note)}</p>
    </div>`;
  }

  /** Why the top-up cannot be sent as it stands, or '' when it can. */
  #topUpError(): MessageKey | '' {
    const cents = this.#topUpCents();
    if (cents === undefined) return 'field.invalid';
    const minimumCents = this.topUp?.minimumCents ?? 0;
    // No method chosen yet: 0 is no card top-up (the missing method is said by the group).
    if (!this.value && cents === 0) return minimumCents > 0 ? 'field.topup.min' : '';
    // The server's rule (one answer for a 0 card top-up: `topup.zero`).
    const code = topUpError({
      method: this.value?.type ?? 'card',
      topUpCents: cents,
      minimumCents,
    });
    return code ? `field.${code}` : '';
  }

  #topUpField(minimumCents: number) {
    const code = this.#topUpError();
    const shown = this.topUpChecked && code;
    return html`<div class="field">
      <label for="topup">${this.t('payment.topup')}</label>
      <input
        id="topup"
        inputmode="decimal"
        autocomplete="off"
        .value=${live(this.topUpText ?? this.#amountText(this.topUp?.valueCents ?? 0))}
        aria-invalid=${Boolean(shown)}
        aria-describedby="topup-m"
        @input=${(e: Event) => this.#fixTopUp((e.target as HTMLInputElement).value)}
        @change=${(e: Event) => this.#typeTopUp((e.target as HTMLInputElement).value)}
      />
      <p id="topup-m" class=${shown ? 'error' : 'muted'}>
        ${shown ? this.t(code as MessageKey) + ' ' : ''}${this.t('payment.topup.min', {
          min: this.money(minimumCents, this.currency),
        })}
      </p>
    </div>`;
  }

  /** 1586 → `15,86` (it) or `15.86` (en): what a buyer types back. */
  #amountText(cents: number): string {
    const fraction = String(cents % 100).padStart(2, '0');
    return `${Math.floor(cents / 100)}${this.locale === 'it' ? ',' : '.'}${fraction}`;
  }

  /** Focuses the chosen method, else the first one (where the buyer picks after an error). */
  override focus(): void {
    const radios = [...this.renderRoot.querySelectorAll<HTMLInputElement>('input[name="method"]')];
    (radios.find((r) => r.checked) ?? radios[0])?.focus();
  }

  /**
   * Like a form's: false when the top-up field holds an amount that cannot be sent (unreadable,
   * below the minimum, over the maximum, or 0 by card); its error is then shown and the field has
   * the focus. The order waits for it.
   */
  reportValidity(): boolean {
    const input = this.renderRoot.querySelector<HTMLInputElement>('#topup');
    if (!input || !this.topUp) return true;
    if (!this.#topUpError()) return true;
    this.topUpText ??= input.value;
    this.topUpChecked = true;
    input.focus();
    return false;
  }

  #topUpCents(): number | undefined {
    return this.topUpText === undefined ? this.topUp?.valueCents : parseAmount(this.topUpText);
  }

  /**
   * While typing, once checked, the error follows the text: it goes as soon as the amount is
   * right, not only when the field is left (the message would vanish under the pointer and move
   * "Conferma" away from the click that left the field). Sent on leaving it, as before.
   */
  #fixTopUp(text: string) {
    if (this.topUpChecked) this.topUpText = text;
    this.#syncValidity();
  }

  #typeTopUp(text: string) {
    this.topUpText = text;
    this.topUpChecked = true;
    this.#syncValidity();
    if (this.value && !this.#topUpError()) this.#emit(this.value);
  }

  /** Every choice shown, in order (saved ones, new ones, credit, the deferred methods). */
  #choices(): PaymentChoice[] {
    const offered = (type: PaymentMethodType) => this.methods.includes(type);
    const choices: PaymentChoice[] = [];
    for (const type of ['card', 'paypal'] as const) {
      if (!offered(type)) continue;
      for (const m of this.saved) if (m.type === type) choices.push({ type, savedId: m.id });
      choices.push({ type });
    }
    if (offered('credit') && (!this.topUp || this.topUp.minimumCents === 0))
      choices.push({ type: 'credit' });
    for (const type of DEFERRED) if (offered(type)) choices.push({ type });
    return choices;
  }

  #choose(choice: PaymentChoice) {
    this.value = choice;
    this.#syncValidity();
    this.#emit(choice);
  }

  #emit(value: PaymentChoice) {
    const cents = this.topUp && value.type !== 'credit' ? this.#topUpCents() : undefined;
    const valid = cents !== undefined && !this.#topUpError();
    emit(this, new CassaPaymentChangeEvent({ value, ...(valid ? { topUpCents: cents } : {}) }));
  }
}

defineElement('cassa-payment-chooser', CassaPaymentChooser);

declare global {
  interface HTMLElementTagNameMap {
    'cassa-payment-chooser': CassaPaymentChooser;
  }
  interface GlobalEventHandlersEventMap {
    'cassa-payment-change': CassaPaymentChangeEvent;
  }
}
