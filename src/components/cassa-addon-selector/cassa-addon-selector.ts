// <cassa-addon-selector>: add-on quantities with their limits and the running yearly total.
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Addon } from '../../domain/catalog.ts';
import type { Quote } from '../../domain/types.ts';
import type { FieldErrorCode } from '../../domain/errors.ts';
import { addonOnPlan, addonQuantityError } from '../../domain/selection.ts';
import { CassaElement } from '../shared/cassa-element.ts';
import '../../i18n/it/addons.ts';
import '../../i18n/it/forms.ts';
import { emit, eventInit } from '../shared/events.ts';
import { formStyles, tokens } from '../shared/tokens.styles.ts';
import { addonSelectorStyles } from './cassa-addon-selector.styles.ts';
import { defineElement } from '../shared/define-element.ts';

export interface AddonsChange {
  id: string;
  quantity: number;
  quantities: Record<string, number>;
}

export class CassaAddonsChangeEvent extends CustomEvent<AddonsChange> {
  constructor(detail: AddonsChange) {
    super('cassa-addons-change', eventInit(detail));
  }
}

/** Why a typed quantity is refused, or `undefined` when the add-on accepts it. */
export function checkAddonQuantity(addon: Addon, text: string): FieldErrorCode | undefined {
  // An emptied field means none.
  const value = text.trim() || '0';
  return /^\d{1,9}$/.test(value)
    ? addonQuantityError(addon, Number(value))
    : 'selection.addon.integer';
}

/**
 * One stepper per add-on (a checkbox for an on/off add-on), with its limits explained in plain
 * words and the yearly price of the chosen quantity. Add-ons the chosen plan does not allow are
 * shown disabled with the reason, so the buyer sees what a paid plan would add.
 *
 * @summary Choose add-on quantities.
 * @fires {CassaAddonsChangeEvent} cassa-addons-change - A valid quantity was chosen; `detail: { id, quantity, quantities }`.
 * @csspart addon - Each add-on row.
 * @csspart stepper - The −/quantity/+ control (or the checkbox).
 * @csspart running-total - The yearly price of the whole selection (with `quote`).
 * @cssprop --cassa-color-border-subtle - Outline of each add-on.
 * @cssprop --cassa-color-danger - Quantity errors.
 */
export class CassaAddonSelector extends CassaElement {
  static override messages = ['frame', 'addons', 'forms'] as const;
  static override styles = [tokens, formStyles, addonSelectorStyles];

  @property({ attribute: false }) addons: Addon[] = [];
  /** Add-on id → quantity in the add-on's own unit (users, GB…); absent = 0. */
  @property({ attribute: false }) quantities: Record<string, number> = {};
  /** The chosen plan: add-ons whose `plans` exclude it are disabled. */
  @property({ attribute: 'plan-id' }) planId = '';
  /** Add-on id → field error code (from the server or the store), shown on that add-on. */
  @property({ attribute: false }) errors: Record<string, string> = {};
  @property() currency = 'EUR';
  /**
   * The server's quote of the whole selection: its yearly price (plan included, + IVA) is shown
   * above the add-ons, where the buyer decides; `null` while the first quote loads (its room is
   * kept), `undefined` (the default) for none. A change is announced in one polite live region.
   */
  @property({ attribute: false }) quote?: Quote | null;
  /** A newer quote is on its way: the last total stays, muted. */
  @property({ type: Boolean, attribute: 'quote-loading' }) quoteLoading = false;

  /** Form-associated: a typed quantity that is refused makes the form around it invalid. */
  static formAssociated = true;
  readonly #internals = this.attachInternals();

  /** Errors of typed values, by add-on id (they win over `errors` until fixed). */
  @state() private typed: Record<string, FieldErrorCode | undefined> = {};

  constructor() {
    super();
    // The form checked its elements (the checkout's Prosegui): the refused field has the focus
    // (instead of the browser's bubble).
    this.addEventListener('invalid', (event) => {
      event.preventDefault();
      this.reportValidity();
    });
  }

  /** Sets what the buyer typed and refused, and tells the form. */
  #setTyped(typed: Record<string, FieldErrorCode | undefined>): void {
    this.typed = typed;
    const code = Object.values(typed).find(Boolean);
    this.#internals.setValidity(
      code ? { customError: true } : {},
      code ? this.tOr(`field.${code}`, 'field.invalid') : '',
    );
  }
  @state() private announcement = '';
  /** A refused typed whole number, by add-on id: −/+ and the arrow keys step from it. */
  @state() private typedValue: Record<string, number | undefined> = {};
  /** The refused text as typed, kept in the field across renders. */
  @state() private typedText: Record<string, string | undefined> = {};

  /** One year of the quoted selection: each line's yearly price per step × its steps. */
  #yearly(quote: Quote): number {
    const step = (id: string) => this.addons.find((a) => a.id === id)?.step ?? 1;
    return quote.lines.reduce(
      (sum, line) => sum + Math.round((line.unitCents * line.quantity) / step(line.id)),
      0,
    );
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    const previous = changed.get('quote');
    // The first figure is what the step shows on arrival: only changes are announced.
    if (previous && this.quote && this.#yearly(previous) !== this.#yearly(this.quote)) {
      const price = this.money(this.#yearly(this.quote), this.currency);
      this.announcement = this.t('checkout.running.announce', { price });
    }
  }

  override render() {
    return [this.#total(), ...this.addons.map((addon) => this.#row(addon))];
  }

  #total() {
    if (this.quote === undefined) return nothing;
    const price = this.quote && this.money(this.#yearly(this.quote), this.currency);
    return html`<p
        class="running ${this.quoteLoading ? 'loading' : ''}"
        part="running-total"
        aria-busy=${this.quoteLoading}
      >
        <span class="muted">${this.t('checkout.running')}</span>
        <span class="figure">${price ? this.t('addon.yearly', { price }) : '…'}</span>
      </p>
      <p class="sr" aria-live="polite">${this.announcement}</p>`;
  }

  #row(addon: Addon) {
    const { id, name, unit, step, max, unitCents } = addon;
    const label = name[this.locale];
    const available = addonOnPlan(addon, this.planId);
    const quantity = available ? (this.quantities[id] ?? 0) : 0;
    const code = this.typed[id] ?? this.errors[id];
    const error = code ? this.#errorText(addon, code) : '';
    const yearly = (price: number) =>
      this.t('addon.yearly', { price: this.money(price, this.currency) });
    const hint = [yearly(unitCents)];
    if (unit === 'flag') {
      hint.push(this.t('addon.flag'));
    } else if (step === 1) {
      hint[0] += ` ${this.t(`addon.per.${unit}`)}`;
    } else {
      hint[0] += ` ${this.t('addon.per.step')}`;
      hint.unshift(this.t(unit === 'gb' ? 'addon.steps.gb' : 'addon.steps', { step }));
    }
    if (max !== undefined && unit !== 'flag') {
      hint.push(this.t(unit === 'user' ? 'addon.max.user' : 'addon.max', { max }));
    }
    if (!available) hint.push(this.t('addon.unavailable'));
    const unitText = unit === 'flag' ? '' : this.t(`addon.unit.${unit}`);
    const described = unitText ? `h-${id} u-${id} e-${id}` : `h-${id} e-${id}`;
    const change = (next: number, event?: Event) => this.#change(addon, next, event);
    // −/+ step from what the field shows: a refused typed value too, clamped to the limits.
    const { down, up } = this.#steps(addon, this.typedValue[id] ?? quantity);
    const stepper =
      unit === 'flag'
        ? html`<input
            id="q-${id}"
            type="checkbox"
            .checked=${quantity > 0}
            ?disabled=${!available}
            aria-describedby=${described}
            @change=${(e: Event) => change((e.target as HTMLInputElement).checked ? (max ?? step) : 0)}
          />`
        : html`<button
              type="button"
              class="btn secondary"
              aria-label=${this.t('addon.less', { name: label })}
              ?disabled=${!available || down === undefined}
              @click=${(e: Event) => down !== undefined && change(down, e)}
            >
              &minus;</button
            ><input
              id="q-${id}"
              inputmode="numeric"
              autocomplete="off"
              .value=${this.typedText[id] ?? String(quantity)}
              ?disabled=${!available}
              aria-invalid=${Boolean(error)}
              aria-describedby=${described}
              @input=${(e: Event) => this.#fixing(addon, e.target as HTMLInputElement)}
              @change=${(e: Event) => this.#typed(addon, e.target as HTMLInputElement)}
              @keydown=${(e: KeyboardEvent) => this.#arrow(addon, e)}
            /><button
              type="button"
              class="btn secondary"
              aria-label=${this.t('addon.more', { name: label })}
              ?disabled=${!available || up === undefined}
              @click=${(e: Event) => up !== undefined && change(up, e)}
            >
              +</button
            ><span id="u-${id}" class="unit">${unitText}</span>`;
    return html`<div class="addon ${available ? '' : 'off'}" part="addon">
      <label for="q-${id}">${label}</label>
      <p id="h-${id}" class="muted">${hint.join(' · ')}</p>
      <div class="stepper" part="stepper">${stepper}</div>
      <span class="amount">${quantity > 0 ? yearly((quantity / step) * unitCents) : ''}</span>
      <p id="e-${id}" class="error">${error}</p>
    </div>`;
  }

  /**
   * The next quantity down and up from `from` (a multiple of the step within the limits), or
   * `undefined` where there is none: from above the maximum, "−" lands on the maximum.
   */
  #steps(addon: Addon, from: number): { down?: number; up?: number } {
    const { step, min, max } = addon;
    const top = max === undefined ? Infinity : Math.floor(max / step) * step;
    let down: number | undefined = Math.min(Math.ceil(from / step - 1) * step, top);
    if (from <= 0) down = undefined;
    else if (down < min) down = 0;
    let up: number | undefined = Math.max(min, Math.floor(from / step + 1) * step);
    if (up > top) up = undefined;
    return { down, up };
  }

  /** The field's message, with the limit or the step it broke ("at most 14 users"). */
  #errorText(addon: Addon, code: string): string {
    const text = this.tOr(`field.${code}`, 'field.invalid');
    if (addon.unit === 'flag') return text;
    const unit = this.t(`addon.unit.${addon.unit}`);
    if (code === 'selection.addon.max' && addon.max !== undefined)
      return `${text} ${this.t('addon.error.max', { max: addon.max, unit })}`;
    if (code === 'selection.addon.min')
      return `${text} ${this.t('addon.error.min', { min: addon.min, unit })}`;
    if (code === 'selection.addon.step') {
      const typed = this.typedValue[addon.id];
      const below =
        typed === undefined
          ? addon.step
          : Math.max(addon.step, Math.floor(typed / addon.step) * addon.step);
      const above = below + addon.step;
      return `${text} ${this.t('addon.error.step', { step: addon.step, unit, a: below, b: above })}`;
    }
    return text;
  }

  /** Arrow up and down in the quantity: the same as + and −. */
  #arrow(addon: Addon, event: KeyboardEvent) {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    const input = event.target as HTMLInputElement;
    const text = input.value.trim() || '0';
    const from = /^\d{1,9}$/.test(text) ? Number(text) : (this.quantities[addon.id] ?? 0);
    const { down, up } = this.#steps(addon, from);
    const next = event.key === 'ArrowUp' ? up : down;
    if (next !== undefined) void this.#change(addon, next);
  }

  /**
   * Like a form's: false when a typed quantity is refused (the store still has the last valid
   * one); the first such field then has the focus. Continuing waits for it.
   */
  reportValidity(): boolean {
    const id = this.addons.map((a) => a.id).find((addonId) => this.typed[addonId]);
    if (!id) return true;
    this.renderRoot.querySelector<HTMLElement>(`#q-${CSS.escape(id)}`)?.focus();
    return false;
  }

  /**
   * While typing, a refused value that has become right loses its error at once: cleared only on
   * leaving the field, the message would vanish under the pointer and move "Prosegui" away from
   * the click that left the field.
   */
  #fixing(addon: Addon, input: HTMLInputElement) {
    if (this.typed[addon.id] && !checkAddonQuantity(addon, input.value)) this.#typed(addon, input);
  }

  #typed(addon: Addon, input: HTMLInputElement) {
    const code = checkAddonQuantity(addon, input.value);
    this.#setTyped({ ...this.typed, [addon.id]: code });
    const text = input.value.trim();
    // A refused whole number stays what −/+ and the arrows step from.
    this.typedValue = {
      ...this.typedValue,
      [addon.id]: code && /^\d{1,9}$/.test(text) ? Number(text) : undefined,
    };
    this.typedText = { ...this.typedText, [addon.id]: code ? input.value : undefined };
    if (!code) this.#change(addon, Number(text || '0'));
  }

  async #change(addon: Addon, quantity: number, event?: Event) {
    const { id } = addon;
    this.#setTyped({ ...this.typed, [id]: undefined });
    this.typedValue = { ...this.typedValue, [id]: undefined };
    this.typedText = { ...this.typedText, [id]: undefined };
    this.quantities = { ...this.quantities, [id]: quantity };
    emit(this, new CassaAddonsChangeEvent({ id, quantity, quantities: this.quantities }));
    // A button disabled at its bound would drop the focus: hand it to the quantity instead.
    const button = event?.currentTarget as HTMLButtonElement | undefined;
    await this.updateComplete;
    if (button?.disabled)
      this.renderRoot.querySelector<HTMLElement>(`#q-${CSS.escape(id)}`)?.focus();
  }
}

defineElement('cassa-addon-selector', CassaAddonSelector);

declare global {
  interface HTMLElementTagNameMap {
    'cassa-addon-selector': CassaAddonSelector;
  }
  interface GlobalEventHandlersEventMap {
    'cassa-addons-change': CassaAddonsChangeEvent;
  }
}
