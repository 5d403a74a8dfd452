// <cassa-order-summary>: the quote line by line, the term, the conditions and "Conferma".
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { Product, PaymentMethodType } from '../../domain/catalog.ts';
import { settlement } from '../../domain/settlement.ts';
import { taxableOfTotal } from '../../domain/split-payment.ts';
import type { EInvoice, Quote, QuoteLine } from '../../domain/types.ts';
import { formatDate, formatNumber } from '../../i18n/index.ts';
import '../cassa-toggletip/cassa-toggletip.ts';
import { CassaElement } from '../shared/cassa-element.ts';
import '../../i18n/it/summary.ts';
import '../../i18n/it/forms.ts';
import { eInvoiceSentence } from '../shared/e-invoice.ts';
import { emit, eventInit } from '../shared/events.ts';
import { formStyles, tokens } from '../shared/tokens.styles.ts';
import { orderSummaryStyles } from './cassa-order-summary.styles.ts';
import { defineElement } from '../shared/define-element.ts';

export class CassaYearsChangeEvent extends CustomEvent<{ years: number }> {
  constructor(detail: { years: number }) {
    super('cassa-years-change', eventInit(detail));
  }
}

export class CassaTermsChangeEvent extends CustomEvent<{ accepted: boolean }> {
  constructor(detail: { accepted: boolean }) {
    super('cassa-terms-change', eventInit(detail));
  }
}

/**
 * `cassa-confirm-blocked`: Confirm was pressed with the conditions not accepted (their error is
 * shown). Cancelable: the checkout cancels it when something above is missing too and takes the
 * focus there; else the conditions checkbox gets it.
 */
export class CassaConfirmBlockedEvent extends CustomEvent<Record<string, never>> {
  constructor() {
    super('cassa-confirm-blocked', { ...eventInit({}), cancelable: true });
  }
}

export class CassaConfirmEvent extends CustomEvent<Record<string, never>> {
  constructor() {
    super('cassa-confirm', eventInit({}));
  }
}

/** Only http(s) and relative addresses become links: a catalog must never make a `javascript:` one. */
function linkable(url: string): boolean {
  try {
    return /^https?:$/.test(new URL(url, document.baseURI).protocol);
  } catch {
    return false;
  }
}

/**
 * The order summary: lines, taxable amount, VAT and the total due now (the server's quote), the
 * renewal terms, the acceptance of the general conditions and the confirm button. A changed total
 * is announced through one polite live region.
 *
 * @summary Order summary and confirmation.
 * @fires {CassaYearsChangeEvent} cassa-years-change - The buyer chose a term; `detail.years`.
 * @fires {CassaTermsChangeEvent} cassa-terms-change - The conditions checkbox changed; `detail.accepted`.
 * @fires {CassaConfirmEvent} cassa-confirm - Confirm pressed with the conditions accepted.
 * @fires {CassaConfirmBlockedEvent} cassa-confirm-blocked - Confirm pressed without the conditions accepted (cancelable: cancelled, the checkbox does not take the focus).
 * @csspart summary - The whole summary.
 * @csspart total - The "total due now" row (the taxable amount under split payment).
 * @csspart split-vat - Split payment: the VAT row the public body pays the Treasury.
 * @csspart split-note - Split payment: what the buyer pays, and what goes to the Treasury.
 * @csspart nav - The row of the confirm button (Back, when slotted, at its start).
 * @csspart confirm - The confirm button.
 * @csspart invoice - Where the electronic invoice will be sent.
 * @slot back - A Back button, placed at the start of the confirm button's row.
 * @slot error - What went wrong after Confirm, shown just above the confirm button's row.
 * @cssprop --cassa-color-primary - The confirm button.
 * @cssprop --cassa-color-success - The "free until" note.
 */
export class CassaOrderSummary extends CassaElement {
  static override messages = ['frame', 'summary', 'forms'] as const;
  static override styles = [tokens, formStyles, orderSummaryStyles];

  @property({ attribute: false }) quote: Quote | null = null;
  /** A new quote is on its way: the last one stays, dimmed. */
  @property({ type: Boolean }) loading = false;
  @property() pricing: 'term' | 'coterm' = 'term';
  /** Terms on offer in years; the switch shows when there is more than one (`term` pricing). */
  @property({ attribute: false }) terms: number[] = [1];
  @property({ type: Number }) years = 1;
  /**
   * Buy more on an active service (`term` pricing): the term is the service's (no switch), the
   * amount covers the months left, the renewal is the grown service's.
   */
  @property({ type: Boolean }) addition = false;
  @property({ attribute: 'terms-url' }) termsUrl = '';
  @property({ type: Boolean }) accepted = false;
  /** The order is in flight. */
  @property({ type: Boolean }) busy = false;
  @property({ attribute: 'confirm-label' }) confirmLabel = '';
  /** Localized labels per quote line id (else the line's own label). */
  @property({ attribute: false }) lineLabels: Record<string, string> = {};
  /** The holder's SDI code or PEC address: shown before confirming when there is a total to pay. */
  @property({ attribute: false }) eInvoice: EInvoice | null = null;
  /**
   * The payment method chosen (empty: none yet). A bank transfer or a postal slip does not renew
   * automatically; a card or PayPal top-up of add-ons is what the card pays now.
   */
  @property({ attribute: 'payment-type' }) paymentType: PaymentMethodType | '' = '';
  /** Add-ons paid from credit: the top-up by card or PayPal (else `null`). */
  @property({ attribute: false }) topUpCents: number | null = null;
  /** The catalog: the unit of each add-on line ("5 GB") and the plan of a free order. */
  @property({ attribute: false }) product: Product | null = null;
  @property({ attribute: 'plan-id' }) planId = '';

  @state() private termsError = false;
  @state() private announcement = '';

  protected override willUpdate(changed: PropertyValues<this>) {
    const previous = changed.get('quote');
    if (
      changed.has('quote') &&
      previous &&
      this.quote &&
      previous.totalCents !== this.quote.totalCents
    ) {
      this.announcement = this.t('summary.announce', { total: this.money(this.quote.totalCents) });
    }
  }

  override render() {
    const { quote } = this;
    return html`<section
      part="summary"
      class=${this.loading ? 'loading' : ''}
      aria-busy=${this.loading}
    >
      ${this.pricing === 'term' && !this.addition && this.terms.length > 1 && !this.#free() ? this.#years() : nothing}
      ${
        quote
          ? this.#free()
            ? this.#freeFigures(quote)
            : this.#figures(quote)
          : html`<p class="muted">${this.t('summary.pending')}</p>`
      }
      ${this.loading ? html`<p class="sr">${this.t('summary.updating')}</p>` : nothing}
      <p class="sr" aria-live="polite">${this.announcement}</p>
      <div class="terms">
        <label class="choice">
          <input
            id="terms"
            type="checkbox"
            .checked=${live(this.accepted)}
            aria-invalid=${this.termsError}
            aria-describedby="terms-m"
            @change=${this.#terms}
          />
          <span
            >${this.t('summary.terms')}
            ${
              linkable(this.termsUrl)
                ? html`<a href=${this.termsUrl} target="_blank" rel="noopener"
                    >${this.t('summary.terms.link')}<span class="sr">
                      ${this.t('summary.newtab')}</span
                    ></a
                  >`
                : this.t('summary.terms.link')
            }</span
          >
        </label>
        <p id="terms-m" class="error">${this.termsError ? this.t('field.terms.required') : ''}</p>
      </div>
      <slot name="error"></slot>
      <div class="nav" part="nav">
        <slot name="back"></slot>
        <button
          type="button"
          class="btn primary"
          part="confirm"
          aria-disabled=${this.busy ? 'true' : nothing}
          aria-busy=${this.busy}
          @click=${this.#confirm}
        >
          ${this.busy ? this.t('summary.busy') : this.confirmLabel || this.t('summary.confirm')}
        </button>
      </div>
    </section>`;
  }

  #years() {
    return html`<fieldset class="years">
      <legend>${this.t('summary.years')}</legend>
      ${this.terms.map(
        (years) =>
          html`<div class="card ${years === this.years ? 'selected' : ''}">
            <label class="choice"
              ><input
                type="radio"
                name="years"
                .checked=${live(years === this.years)}
                @change=${() => this.#chooseYears(years)}
              />${this.t(years === 1 ? 'summary.year' : 'summary.years.n', { n: years })}</label
            >
          </div>`,
      )}
    </fieldset>`;
  }

  /** The free plan: nothing to pay now or at renewal, and no term to choose. */
  #free(): boolean {
    if (this.pricing !== 'term') return false;
    const plan = this.product?.plans.find((p) => p.id === this.planId);
    if (plan) return plan.yearlyCents === 0;
    const { quote } = this;
    return !!quote && quote.lines.length === 0 && quote.renewal.totalCents === 0;
  }

  #freeFigures(quote: Quote) {
    const plan = this.product?.plans.find((p) => p.id === this.planId);
    return html`<dl>
      <div>
        <dt>${plan ? plan.name[this.locale] : this.t('summary.plan.free')}</dt>
        <dd>${this.t('plan.free')}</dd>
      </div>
      <div class="sum total" part="total">
        <dt>${this.t('summary.total')}</dt>
        <dd>${this.money(quote.totalCents, quote.currency)}</dd>
      </div>
    </dl>`;
  }

  /**
   * "Spazio aggiuntivo: 5 GB", "Spazio extra × 2 GB", "Utenti aggiuntivi × 3": the quantity in the
   * add-on's unit.
   */
  #lineLabel(line: QuoteLine): string {
    const name = this.lineLabels[line.id] ?? line.label;
    const addon = this.product?.addons.find((a) => a.id === line.id);
    // Blocks of several GB read as the space bought; a per-GB price as GB times the price.
    if (addon?.unit === 'gb')
      return addon.step > 1
        ? this.t('summary.line.gb', { name, n: line.quantity })
        : `${name} × ${line.quantity} GB`;
    return line.quantity > 1 ? `${name} × ${line.quantity}` : name;
  }

  /**
   * Add-ons paid from credit (the server's quote says the credit): what the card pays now, what
   * the credit pays now and the credit left after, one statement.
   */
  #settlement(quote: Quote) {
    const method = this.paymentType || undefined;
    const figures = settlement({
      totalCents: quote.totalCents,
      creditCents: quote.creditCents,
      method,
      topUpCents: this.topUpCents,
    });
    if (!figures || !method) return nothing;
    const money = (cents: number) => this.money(cents, quote.currency);
    const online = method === 'card' || method === 'paypal';
    return html`<dl class="settlement" part="settlement">
      ${
        online
          ? html`<div class="charge">
              <dt>
                ${this.t(method === 'paypal' ? 'summary.charge.paypal' : 'summary.charge.card')}
              </dt>
              <dd>${money(figures.chargedNowCents)}</dd>
            </div>`
          : nothing
      }
      <div>
        <dt>${this.t('summary.from.credit')}</dt>
        <dd>${money(figures.fromCreditCents)}</dd>
      </div>
      <div>
        <dt>${this.t('summary.credit.after')}</dt>
        <dd>${money(figures.creditAfterCents)}</dd>
      </div>
    </dl>`;
  }

  /**
   * Split payment (scissione dei pagamenti): the server's quote says so, or the holder's e-invoice
   * goes to a public administration's 6-character office code.
   */
  #splitPayment(quote: Quote): boolean {
    if (quote.splitPayment !== undefined) return quote.splitPayment;
    const eInvoice = this.eInvoice;
    // Six characters (isPublicAdministrationCode, inlined: the Italian checks load with the
    // holder step, not with the summary).
    return eInvoice !== null && 'sdiCode' in eInvoice && eInvoice.sdiCode.length === 6;
  }

  #figures(quote: Quote) {
    const money = (cents: number) => this.money(cents, quote.currency);
    const split = this.#splitPayment(quote) && quote.vatCents > 0;
    const date = (iso: string) => formatDate(iso, this.locale);
    const { renewal, freeUntil } = quote;
    const renewalTotal = money(renewal.totalCents);
    // Under split payment a renewal charges its taxable amount, as the order does now.
    const renewalCharge = split
      ? `${money(taxableOfTotal(renewal.totalCents, quote.vatRateBasisPoints))} ${this.t('summary.renewal.split')}`
      : `${renewalTotal} ${this.t('summary.vat.included')}`;
    const rate = formatNumber(quote.vatRateBasisPoints / 100, this.locale);
    // Bank transfer and postal slip never renew by themselves (DESIGN 1.1).
    const manual = this.paymentType === 'bank_transfer' || this.paymentType === 'postal_slip';
    const fromCredit = quote.creditCents !== null && quote.creditCents !== undefined;
    return html`<dl>
        ${quote.lines.map(
          (line) =>
            html`<div>
              <dt>${this.#lineLabel(line)}</dt>
              <dd>${money(line.amountCents)}</dd>
            </div>`,
        )}
        <div class="sum">
          <dt>${this.t('summary.taxable')}</dt>
          <dd>${money(quote.taxableCents)}</dd>
        </div>
        <div>
          <dt>${this.t('summary.vat', { rate })}</dt>
          <dd>${money(quote.vatCents)}</dd>
        </div>
        ${
          split
            ? html`<div class="sum">
                  <dt>${this.t('summary.split.invoice')}</dt>
                  <dd>${money(quote.totalCents)}</dd>
                </div>
                <div part="split-vat">
                  <dt>${this.t('summary.split.vat')}</dt>
                  <dd>−${money(quote.vatCents)}</dd>
                </div>
                <div class="sum total" part="total">
                  <dt>${this.t('summary.split.payable')}</dt>
                  <dd>${money(quote.payableCents ?? quote.taxableCents)}</dd>
                </div>`
            : html`<div class="sum total" part="total">
                <dt>${this.t(fromCredit ? 'summary.total.credit' : 'summary.total')}</dt>
                <dd>${money(quote.totalCents)}</dd>
              </div>`
        }
      </dl>
      ${this.#settlement(quote)}
      ${
        split
          ? html`<p class="muted" part="split-note">${this.t('summary.split.note')}</p>`
          : nothing
      }
      ${
        this.pricing === 'term'
          ? html`${
              this.addition
                ? html`<p class="muted">
                    ${this.t(freeUntil ? 'summary.service.free' : 'summary.service', { date: date(renewal.date) })}
                  </p>`
                : nothing
            }${
              renewal.totalCents > 0
                ? html`<p class="muted">
                    ${
                      manual
                        ? this.t('summary.renewal.manual', {
                            date: date(renewal.date),
                            amount: renewalCharge,
                          })
                        : this.t('summary.renewal', {
                            date: date(renewal.date),
                            amount: renewalCharge,
                            charge: date(renewal.chargeDate),
                          })
                    }
                  </p>`
                : nothing
            }`
          : html`${
                freeUntil
                  ? html`<p class="free">
                      ${this.t('summary.free', { date: date(freeUntil) })}
                      <cassa-toggletip label=${this.t('tip.free.label')} .locale=${this.locale}
                        >${this.t('tip.free')}</cassa-toggletip
                      >
                    </p>`
                  : html`<p class="muted">
                      ${this.t('summary.coterm', { date: date(renewal.date) })}
                    </p>`
              }
              <p class="note">
                ${this.t('summary.coterm.renewal', { date: date(renewal.date), amount: renewalTotal })}
              </p>`
      }
      ${
        this.eInvoice && quote.totalCents > 0
          ? html`<p class="muted" part="invoice">
              ${eInvoiceSentence(this.eInvoice, this.locale)}
            </p>`
          : nothing
      }`;
  }

  #chooseYears(years: number) {
    this.years = years;
    emit(this, new CassaYearsChangeEvent({ years }));
  }

  #terms(event: Event) {
    this.accepted = (event.target as HTMLInputElement).checked;
    if (this.accepted) this.termsError = false;
    emit(this, new CassaTermsChangeEvent({ accepted: this.accepted }));
  }

  // While busy the button is aria-disabled, not disabled: it keeps the focus (a disabled button
  // drops it to <body>), and presses are ignored here.
  async #confirm() {
    if (this.busy) return;
    if (!this.accepted) {
      this.termsError = true;
      const focusHere = this.dispatchEvent(new CassaConfirmBlockedEvent());
      await this.updateComplete;
      if (focusHere) this.renderRoot.querySelector<HTMLInputElement>('#terms')?.focus();
      return;
    }
    emit(this, new CassaConfirmEvent());
  }
}

defineElement('cassa-order-summary', CassaOrderSummary);

declare global {
  interface HTMLElementTagNameMap {
    'cassa-order-summary': CassaOrderSummary;
  }
  interface GlobalEventHandlersEventMap {
    'cassa-years-change': CassaYearsChangeEvent;
    'cassa-terms-change': CassaTermsChangeEvent;
    'cassa-confirm': CassaConfirmEvent;
    'cassa-confirm-blocked': CassaConfirmBlockedEvent;
  }
}
