// <cassa-checkout-steps>: the step indicator (where the buyer is in the purchase).
import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { StepId } from '../../state/steps.ts';
import { CassaElement } from '../shared/cassa-element.ts';
import { tokens } from '../shared/tokens.styles.ts';
import { defineElement } from '../shared/define-element.ts';

/**
 * Where the buyer is in the purchase: an ordered list of the steps, the current one marked
 * `aria-current="step"`. On a narrow widget only the current step's name is shown.
 *
 * @summary The checkout's step indicator.
 * @csspart list - The ordered list.
 * @csspart current - The current step.
 * @cssprop --cassa-color-primary - The current and completed step numbers.
 */
export class CassaCheckoutSteps extends CassaElement {
  static override styles = [
    tokens,
    css`
      :host {
        container-type: inline-size;
        background: none;
      }
      ol {
        display: flex;
        gap: var(--_s2);
        margin: 0;
        padding: 0;
        list-style: none;
        counter-reset: step;
      }
      li {
        position: relative;
        display: flex;
        flex: 1;
        align-items: center;
        gap: var(--_s1);
        min-width: 0;
        color: var(--_muted);
        font-size: 0.875em;
        counter-increment: step;
      }
      li::before {
        content: counter(step);
        display: grid;
        place-items: center;
        flex: none;
        width: 1.5rem;
        height: 1.5rem;
        border: 2px solid currentColor;
        border-radius: 50%;
        font-weight: 600;
      }
      .done,
      [aria-current] {
        color: var(--_primary);
      }
      [aria-current] {
        font-weight: 600;
      }
      [aria-current]::before {
        background: var(--_primary);
        color: var(--_on-primary);
        border-color: var(--_primary);
      }
      @container (max-width: 34rem) {
        li:not([aria-current]) span {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip-path: inset(50%);
        }
        li:not([aria-current]) {
          flex: none;
        }
      }
    `,
  ];

  /** The steps shown, in order (without `result`). */
  @property({ attribute: false }) steps: StepId[] = [];
  @property() current: StepId = 'plan';

  override render() {
    const index = this.steps.indexOf(this.current);
    return html`<ol part="list" aria-label=${this.t('step.list')}>
      ${this.steps.map(
        (step, i) =>
          html`<li
            class=${i < index ? 'done' : ''}
            part=${i === index ? 'current' : 'step'}
            aria-current=${i === index ? 'step' : nothing}
          >
            <span>${this.t(`step.short.${step}`)}</span>
          </li>`,
      )}
    </ol>`;
  }
}

defineElement('cassa-checkout-steps', CassaCheckoutSteps);

declare global {
  interface HTMLElementTagNameMap {
    'cassa-checkout-steps': CassaCheckoutSteps;
  }
}
