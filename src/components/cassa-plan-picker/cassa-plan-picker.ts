// <cassa-plan-picker>: the plans of a product, one to choose.
import { html } from 'lit';
import { property } from 'lit/decorators.js';
import type { Plan } from '../../domain/catalog.ts';
import { CassaElement } from '../shared/cassa-element.ts';
import { emit, eventInit } from '../shared/events.ts';
import { formStyles, tokens } from '../shared/tokens.styles.ts';
import { planPickerStyles } from './cassa-plan-picker.styles.ts';
import { defineElement } from '../shared/define-element.ts';

export class CassaPlanSelectEvent extends CustomEvent<{ planId: string }> {
  constructor(detail: { planId: string }) {
    super('cassa-plan-select', eventInit(detail));
  }
}

/**
 * The plans of a product as a radio group of cards: name, yearly price "+ IVA", what it includes.
 *
 * @summary Choose a plan.
 * @fires {CassaPlanSelectEvent} cassa-plan-select - The buyer picked a plan; `detail.planId`.
 * @csspart plan - Each plan card.
 * @csspart plan-selected - The card of the selected plan.
 * @cssprop --cassa-color-primary - Outline of the selected card and the radio.
 * @cssprop --cassa-color-surface-alt - Background of the selected card.
 */
export class CassaPlanPicker extends CassaElement {
  static override styles = [tokens, formStyles, planPickerStyles];

  @property({ attribute: false }) plans: Plan[] = [];
  /** Id of the selected plan. */
  @property() value = '';
  @property() currency = 'EUR';

  override render() {
    return html`<div class="plans" role="radiogroup" aria-label=${this.t('plan.legend')}>
      ${this.plans.map((plan) => this.#card(plan))}
    </div>`;
  }

  #card(plan: Plan) {
    const selected = plan.id === this.value;
    const free = plan.yearlyCents === 0;
    return html`<div
      class="card plan ${selected ? 'selected' : ''}"
      part="plan${selected ? ' plan-selected' : ''}"
    >
      <label class="choice">
        <input
          type="radio"
          name="plan"
          .value=${plan.id}
          .checked=${selected}
          aria-describedby="i-${plan.id}"
          @change=${() => this.#select(plan.id)}
        />
        <span
          ><span class="name">${plan.name[this.locale]}</span>
          <span class="price ${free ? 'free' : ''}"
            >${
              free
                ? this.t('plan.free')
                : this.t('plan.price', { price: this.money(plan.yearlyCents, this.currency) })
            }</span
          ></span
        >
      </label>
      <ul id="i-${plan.id}">
        ${free ? html`<li>${this.t('plan.free.note')}</li>` : ''}
        ${plan.includes.map(
          ({ id, quantity }) =>
            html`<li>${this.tOr(`plan.inc.${id}`, 'plan.inc', { n: quantity, id })}</li>`,
        )}
      </ul>
    </div>`;
  }

  #select(planId: string) {
    this.value = planId;
    emit(this, new CassaPlanSelectEvent({ planId }));
  }
}

defineElement('cassa-plan-picker', CassaPlanPicker);

declare global {
  interface HTMLElementTagNameMap {
    'cassa-plan-picker': CassaPlanPicker;
  }
  interface GlobalEventHandlersEventMap {
    'cassa-plan-select': CassaPlanSelectEvent;
  }
}
