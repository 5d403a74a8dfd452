// <cassa-checkout-result>: what happened to the order (completed, awaiting payment, refused).
import { css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Order } from '../../api/schemas.ts';
import type { Product } from '../../domain/catalog.ts';
import type { EInvoice } from '../../domain/types.ts';
import { formatDate } from '../../i18n/index.ts';
import { CassaElement } from '../shared/cassa-element.ts';
import '../../i18n/it/result.ts';
import '../../i18n/it/forms.ts';
import { eInvoiceSentence } from '../shared/e-invoice.ts';
import { eventInit } from '../shared/events.ts';
import { formStyles, tokens } from '../shared/tokens.styles.ts';
import { defineElement } from '../shared/define-element.ts';

/** `cassa-choose-method`: after a refused payment, the buyer wants to pay another way. */
export class CassaChooseMethodEvent extends CustomEvent<Record<string, never>> {
  constructor() {
    super('cassa-choose-method', eventInit({}));
  }
}

/**
 * The end of the purchase: the confirmation (order number, what was bought, total, renewal),
 * the bank transfer / postal slip instructions with copy buttons for the IBAN or postal account
 * and the payment reference, or
 * a refused payment with the way back to choose another method.
 *
 * @summary The checkout's result screen.
 * @fires cassa-choose-method - "Scegli un altro metodo" after a refused payment.
 * @csspart result - The whole screen.
 * @csspart instructions - The payment instructions.
 * @cssprop --cassa-color-surface-alt - Background of the instructions.
 */
export class CassaCheckoutResult extends CassaElement {
  static override messages = ['frame', 'result', 'forms'] as const;
  static override styles = [
    tokens,
    formStyles,
    css`
      .result {
        display: grid;
        gap: var(--_s3);
      }
      ul {
        padding-left: 1.25rem;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: var(--_s1) var(--_s3);
        margin: 0;
        padding: var(--_s3) var(--_s4);
        border-radius: var(--_radius);
        background: var(--_alt);
      }
      dt {
        color: var(--_muted);
      }
      dd {
        margin: 0;
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .copy {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--_s2);
      }
      /* "Ordine C-2026-000009": may wrap between words, never inside the order number. */
      .word {
        white-space: nowrap;
      }
      #account .word {
        margin-right: 0.3em;
      }
      .settlement {
        display: grid;
        gap: var(--_s1);
      }
      .settlement p {
        margin: 0;
      }
      .copied {
        color: var(--_success);
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) order: Order | null = null;
  /** The catalog, for the names of the plan and the add-ons. */
  @property({ attribute: false }) product: Product | null = null;
  /** The payment was refused (also when no order was created, e.g. a saved card declined). */
  @property({ type: Boolean }) refused = false;
  /** The same order was confirmed again (within 15 minutes) and answered with the first one. */
  @property({ type: Boolean }) repeated = false;
  /** The holder's SDI code or PEC address, where the invoice of a paid order goes. */
  @property({ attribute: false }) eInvoice: EInvoice | null = null;

  /** Which value was just copied (its Copy button says so). */
  @state() private copied = '';

  override render() {
    const order = this.order;
    if (this.refused || order?.status === 'refused') {
      return html`<div class="result" part="result">
        <p>${this.t('result.refused.text')}</p>
        <p>
          <button
            type="button"
            class="btn primary"
            @click=${() => this.dispatchEvent(new CassaChooseMethodEvent())}
          >
            ${this.t('result.refused.action')}
          </button>
        </p>
      </div>`;
    }
    if (!order) return '';
    const awaiting = order.status === 'awaiting_payment';
    return html`<div class="result" part="result">
      ${this.repeated ? html`<p class="note">${this.t('result.repeated')}</p>` : ''}
      <p>${this.t('result.number', { number: order.number })}</p>
      <ul aria-label=${this.t('result.bought')}>
        ${this.#lines(order)}
      </ul>
      ${
        order.creditAfterCents !== undefined
          ? this.#settlement(order, order.creditAfterCents)
          : html`<p>
                ${this.t(awaiting ? 'result.total.due' : 'result.total', {
                  amount: this.money(order.payableCents ?? order.totalCents, order.currency),
                })}
              </p>
              ${order.splitPayment ? html`<p>${this.t('result.split')}</p>` : ''}
              ${
                order.topUpCents
                  ? html`<p>
                      ${this.t('result.topup', { amount: this.money(order.topUpCents, order.currency) })}
                    </p>`
                  : ''
              }`
      }
      ${this.#renewal(order)} ${awaiting ? this.#instructions(order) : ''}
      ${
        this.eInvoice && order.totalCents > 0
          ? html`<p>${eInvoiceSentence(this.eInvoice, this.locale)}</p>`
          : ''
      }
      <p>${this.t(awaiting ? 'result.instructions.emailed' : 'result.emailed')}</p>
    </div>`;
  }

  /** Add-ons paid from credit: what the card paid, what the credit paid, the credit left. */
  #settlement(order: Order, creditAfterCents: number) {
    const money = (cents: number) => this.money(cents, order.currency);
    const card = order.paymentMethod === 'card' || order.paymentMethod === 'paypal';
    return html`<div class="settlement" part="settlement">
      ${
        card && order.topUpCents
          ? html`<p>
              ${this.t(
                order.paymentMethod === 'paypal' ? 'result.charged.paypal' : 'result.charged.card',
                { amount: money(order.topUpCents) },
              )}
            </p>`
          : ''
      }
      <p>${this.t('result.from.credit', { amount: money(order.totalCents) })}</p>
      <p>${this.t('result.credit.after', { amount: money(creditAfterCents) })}</p>
    </div>`;
  }

  #lines(order: Order) {
    const product = this.product;
    const plan = product?.plans.find((p) => p.id === order.planId);
    const lines: string[] = [];
    if (plan && product?.pricing === 'term') {
      lines.push(
        this.t(order.years > 1 ? 'result.plan.years' : 'result.plan', {
          name: plan.name[this.locale],
          years: order.years,
        }),
      );
    }
    for (const { id, quantity } of order.addons) {
      const addon = product?.addons.find((a) => a.id === id);
      if (!addon || quantity <= 0) continue;
      const name = addon.name[this.locale];
      lines.push(
        addon.unit === 'flag'
          ? name
          : this.t(addon.unit === 'gb' ? 'result.addon.gb' : 'result.addon', { name, quantity }),
      );
    }
    return lines.map((line) => html`<li>${line}</li>`);
  }

  #renewal(order: Order) {
    const date = (iso: string) => formatDate(iso, this.locale);
    if (order.freeUntil)
      return html`<p>${this.t('result.free.until', { date: date(order.freeUntil) })}</p>`;
    if (order.autoRenew && order.renewalChargeDate) {
      return html`<p>${this.t('result.renewal.auto', { date: date(order.renewalChargeDate) })}</p>`;
    }
    return order.status === 'awaiting_payment'
      ? html`<p>${this.t('result.renewal.manual')}</p>`
      : '';
  }

  #instructions(order: Order) {
    const instructions = order.instructions;
    if (!instructions) return '';
    const bank = instructions.method === 'bank_transfer';
    // An IBAN in groups of 4 as banks print it, wrapping between groups, copied without spaces;
    // any other value (a postal account) as the backend wrote it, wrapping between its words.
    const compact = instructions.account.replace(/\s/g, '');
    const iban = bank && /^[A-Z]{2}\d{2}[A-Z\d]{11,30}$/.test(compact);
    return html`<h3>${this.t(bank ? 'result.instructions.bank' : 'result.instructions.postal')}</h3>
      <dl part="instructions">
        <dt>${this.t('result.beneficiary')}</dt>
        <dd>${instructions.beneficiary}</dd>
        <dt>${this.t(bank ? 'result.iban' : 'result.postal.account')}</dt>
        ${this.#copyable(
          'account',
          iban ? compact.match(/.{1,4}/g)! : instructions.account.split(' '),
          iban ? '' : ' ',
          this.t(bank ? 'result.copy.iban' : 'result.copy.account'),
        )}
        <dt>${this.t('result.amount')}</dt>
        <dd>${this.money(instructions.amountCents, instructions.currency)}</dd>
        <dt>${this.t('result.reference')}</dt>
        ${this.#copyable('reference', instructions.reference.split(' '), ' ', this.t('result.copy'))}
      </dl>`;
  }

  /**
   * A value to type elsewhere, with its Copy button: `words` never break inside, joined by `gap`
   * (the IBAN's groups by a break opportunity and a margin, so it is copied without spaces).
   */
  #copyable(id: string, words: string[], gap: string, label: string) {
    return html`<dd class="copy">
      <span id=${id}
        >${words.map((word, i) => html`${i ? gap || html`<wbr />` : ''}<span class="word">${word}</span>`)}</span
      >
      <button
        type="button"
        class="btn secondary"
        aria-describedby=${id}
        @click=${() => this.#copy(id, words.join(gap))}
      >
        ${label}
      </button>
      <span class="copied" role="status">${this.copied === id ? this.t('result.copied') : ''}</span>
    </dd>`;
  }

  async #copy(id: string, text: string) {
    try {
      await navigator.clipboard.writeText(text);
      this.copied = id;
    } catch {
      // Clipboard refused (permissions, insecure page): the value stays visible to copy by hand.
      this.copied = '';
    }
  }
}

defineElement('cassa-checkout-result', CassaCheckoutResult);

declare global {
  interface HTMLElementTagNameMap {
    'cassa-checkout-result': CassaCheckoutResult;
  }
  interface GlobalEventHandlersEventMap {
    'cassa-choose-method': CassaChooseMethodEvent;
  }
}
