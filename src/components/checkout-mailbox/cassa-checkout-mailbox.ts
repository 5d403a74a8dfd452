// <cassa-checkout-mailbox>: which PEC mailbox the add-ons attach to.
import { css, html } from 'lit';
import { property } from 'lit/decorators.js';
import type { SubscriptionItem } from '../../api/schemas.ts';
import { formatDate } from '../../i18n/index.ts';
import { CassaElement } from '../shared/cassa-element.ts';
import '../../i18n/it/mailbox.ts';
import { eventInit } from '../shared/events.ts';
import { formStyles, tokens } from '../shared/tokens.styles.ts';
import { defineElement } from '../shared/define-element.ts';

/** `cassa-mailbox-select`: the buyer picked the mailbox the add-ons attach to. */
export class CassaMailboxSelectEvent extends CustomEvent<{ subscriptionId: string }> {
  constructor(subscriptionId: string) {
    super('cassa-mailbox-select', eventInit({ subscriptionId }));
  }
}

/**
 * The member's PEC mailboxes as a radio group (address and expiry date), and the account's credit.
 *
 * @summary Choose the PEC mailbox for the add-ons.
 * @fires cassa-mailbox-select - A mailbox was chosen; `detail.subscriptionId`.
 * @csspart mailbox - Each mailbox choice.
 * @cssprop --cassa-color-border-subtle - Outline of each choice.
 */
export class CassaCheckoutMailbox extends CassaElement {
  static override styles = [
    tokens,
    formStyles,
    css`
      .choice {
        padding: var(--_s3);
        border: 1px solid var(--_subtle);
        border-radius: var(--_radius);
        margin-bottom: var(--_s2);
        overflow-wrap: anywhere;
      }
      .choice span {
        display: grid;
      }
    `,
  ];
  static override messages = ['frame', 'mailbox'] as const;

  @property({ attribute: false }) mailboxes: SubscriptionItem[] = [];
  /** Id of the chosen mailbox. */
  @property() value = '';
  @property({ type: Number, attribute: 'credit-cents' }) creditCents = 0;
  @property() currency = 'EUR';
  /** A field error code (e.g. `selection.subscription.required`), shown under the list. */
  @property() error = '';

  override render() {
    const { locale } = this;
    return html`<fieldset aria-describedby="error">
        <legend>${this.t('mailbox.legend')}</legend>
        ${
          this.mailboxes.length
            ? this.mailboxes.map(
                (m, i) =>
                  html`<label class="choice" part="mailbox">
                    <input
                      type="radio"
                      name="mailbox"
                      .value=${m.id}
                      .checked=${m.id === this.value}
                      aria-label=${m.label}
                      aria-describedby=${`exp-${i}`}
                      @change=${() => this.dispatchEvent(new CassaMailboxSelectEvent(m.id))}
                    />
                    <span
                      >${this.#address(m.label)}
                      <span class="muted" id=${`exp-${i}`}
                        >${this.t('mailbox.expires', { date: formatDate(m.expiresOn, locale) })}</span
                      ></span
                    >
                  </label>`,
              )
            : html`<p>${this.t('mailbox.none')}</p>`
        }
        <p class="error" id="error">
          ${this.error ? this.tOr(`field.${this.error}`, 'field.invalid') : ''}
        </p>
      </fieldset>
      <p>${this.t('mailbox.credit', { amount: this.money(this.creditCents, this.currency) })}</p>`;
  }

  /**
   * On a phone a long address wraps after the `@`, not inside a word (text only, never markup).
   * The radio's accessible name is the plain address (`aria-label`): `<wbr>` would split it.
   */
  #address(label: string) {
    const at = label.indexOf('@') + 1;
    return html`${label.slice(0, at)}<wbr />${label.slice(at)}`;
  }
}

defineElement('cassa-checkout-mailbox', CassaCheckoutMailbox);

declare global {
  interface HTMLElementTagNameMap {
    'cassa-checkout-mailbox': CassaCheckoutMailbox;
  }
  interface GlobalEventHandlersEventMap {
    'cassa-mailbox-select': CassaMailboxSelectEvent;
  }
}
