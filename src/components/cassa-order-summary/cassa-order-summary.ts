// <cassa-order-summary>: the quote line by line, the term, the conditions and "Conferma".
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { EInvoice, Quote } from '../../domain/types.ts';
import { formatDate, formatNumber } from '../../i18n/index.ts';
import '../cassa-toggletip/cassa-toggletip.ts';
import { CassaElement } from '../shared/cassa-element.ts';
import '../../i18n/it/summary.ts';
import '../../i18n/it/forms.ts';
import { eInvoiceSentence } from '../shared/e-invoice.ts';
import { emit, eventInit } from '../shared/events.ts';
import { formStyles, tokens } from '../shared/tokens.styles.ts';
import { orderSummaryStyles } from './cassa-order-summary.styles.ts';

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
 * @csspart summary - The whole summary.
 * @csspart total - The "total due now" row (the taxable amount under split payment).
 * @csspart split-vat - Split payment: the VAT row the public body pays the Treasury.
 * @csspart split-note - Split payment: what the buyer pays, and what goes to the Treasury.
 * @csspart nav - The row of the confirm button (Back, when slotted, at its start).
 * @csspart confirm - The confirm button.
 * @csspart invoice - Where the electronic invoice will be sent.
 * @slot back - A Back button, placed at the start of the confirm button's row.
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
      ${this.pricing === 'term' && !this.addition && this.terms.length > 1 ? this.#years() : nothing}
      ${quote ? this.#figures(quote) : html`<p class="muted">${this.t('summary.pending')}</p>`}
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
    const rate = formatNumber(quote.vatRateBasisPoints / 100, this.locale);
    return html`<dl>
        ${quote.lines.map(
          (line) =>
            html`<div>
              <dt>
                ${this.lineLabels[line.id] ?? line.label}${line.quantity > 1 ? ` × ${line.quantity}` : ''}
              </dt>
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
                <dt>${this.t('summary.total')}</dt>
                <dd>${money(quote.totalCents)}</dd>
              </div>`
        }
      </dl>
      ${
        split
          ? html`<p class="muted" part="split-note">${this.t('summary.split.note')}</p>`
          : nothing
      }
      ${
        this.pricing === 'term'
          ? html`${
              this.addition
                ? html`<p class=${freeUntil ? 'free' : 'muted'}>
                    ${
                      freeUntil
                        ? this.t('summary.service.free', { date: date(freeUntil) })
                        : this.t('summary.service', { date: date(renewal.date) })
                    }
                  </p>`
                : nothing
            }
            ${
              renewal.totalCents > 0
                ? html`<p class="muted">
                    ${this.t('summary.renewal', { date: date(renewal.date), amount: renewalTotal, charge: date(renewal.chargeDate) })}
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
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#terms')?.focus();
      return;
    }
    emit(this, new CassaConfirmEvent());
  }
}

if (!customElements.get('cassa-order-summary'))
  customElements.define('cassa-order-summary', CassaOrderSummary);

declare global {
  interface HTMLElementTagNameMap {
    'cassa-order-summary': CassaOrderSummary;
  }
  interface GlobalEventHandlersEventMap {
    'cassa-years-change': CassaYearsChangeEvent;
    'cassa-terms-change': CassaTermsChangeEvent;
    'cassa-confirm': CassaConfirmEvent;
  }
}
