// <cassa-checkout-error>: the error banner, with Riprova when the action can be repeated.
import { css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { CassaElement } from '../shared/cassa-element.ts';
import { eventInit } from '../shared/events.ts';
import { formStyles, tokens } from '../shared/tokens.styles.ts';
import { defineElement } from '../shared/define-element.ts';

/** `cassa-retry`: the buyer asked to repeat what failed. */
export class CassaRetryEvent extends CustomEvent<Record<string, never>> {
  constructor() {
    super('cassa-retry', eventInit({}));
  }
}

/**
 * An error message announced to screen readers (`role="alert"`), with "Riprova" when repeating
 * the failed action makes sense.
 *
 * @summary The checkout's error banner.
 * @fires cassa-retry - The buyer pressed "Riprova".
 * @csspart banner - The banner.
 * @cssprop --cassa-color-danger - Text and border.
 */
export class CassaCheckoutError extends CassaElement {
  static override styles = [
    tokens,
    formStyles,
    css`
      div {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--_s2);
        padding: var(--_s3) var(--_s4);
        border: 1px solid var(--_danger);
        border-left-width: 4px;
        border-radius: var(--_radius);
        color: var(--_danger);
        font-weight: 600;
      }
    `,
  ];

  /** The translated text shown. */
  @property() message = '';
  @property({ type: Boolean }) retryable = false;

  /** Focus goes to Riprova when there is one, else to the message itself. */
  override focus(options?: FocusOptions): void {
    const target =
      this.renderRoot.querySelector<HTMLElement>('button') ??
      this.renderRoot.querySelector<HTMLElement>('[part="banner"]');
    target?.focus(options);
  }

  override render() {
    return html`<div role="alert" part="banner" tabindex="-1">
      <p>${this.message}</p>
      ${
        this.retryable
          ? html`<button
              type="button"
              class="btn secondary"
              @click=${() => this.dispatchEvent(new CassaRetryEvent())}
            >
              ${this.t('action.retry')}
            </button>`
          : ''
      }
    </div>`;
  }
}

defineElement('cassa-checkout-error', CassaCheckoutError);

declare global {
  interface HTMLElementTagNameMap {
    'cassa-checkout-error': CassaCheckoutError;
  }
  interface GlobalEventHandlersEventMap {
    'cassa-retry': CassaRetryEvent;
  }
}
