// The base of Cassa's elements: the `locale` property and translation shortcuts.
import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { it } from '../../i18n/it.ts';
import {
  formatMoney,
  hasLocale,
  loadLocale,
  msg,
  toLocale,
  type Locale,
  type MessageKey,
} from '../../i18n/index.ts';
import { heldByPointer, watchPointer } from './pointer-hold.ts';

type Params = Record<string, string | number>;

export class CassaElement extends LitElement {
  /** Language of every visible string: `it` (default) or `en`. */
  @property({ converter: { fromAttribute: toLocale } }) locale: Locale = 'it';

  /** The dictionary of `locale` on its way: nothing is rendered until it arrives. */
  #dictionary?: Promise<void>;
  /** It could not be loaded: Italian is shown instead. */
  #fallback = false;
  /** The changes of the updates held while it loads or a press lasts (property → previous value). */
  #held = new Map<PropertyKey, unknown>();
  /** Updates wait for the end of a pointer press (pointer-hold.ts). */
  #pressHeld = false;

  override connectedCallback(): void {
    super.connectedCallback();
    watchPointer();
  }

  /** Lit forgets the changes of an update that did not happen: keep them to ask for again. */
  #hold(changed: PropertyValues<this>): void {
    for (const [key, value] of changed) if (!this.#held.has(key)) this.#held.set(key, value);
  }

  #resume(): void {
    const held = [...this.#held];
    this.#held.clear();
    for (const [key, value] of held) this.requestUpdate(key, value);
    this.requestUpdate();
  }

  /**
   * A language whose dictionary is not here yet (English is a file of its own): the element waits
   * for it rather than show Italian first; if it cannot be loaded, it renders in Italian.
   */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    // Already rendered once and a pointer is pressed: the update waits for its click (not the
    // first render, which nothing is under the pointer yet).
    if (this.hasUpdated && (this.#pressHeld || heldByPointer(() => this.#endPress()))) {
      this.#pressHeld = true;
      this.#hold(changed);
      return false;
    }
    if (hasLocale(this.locale) || this.#fallback) return super.shouldUpdate(changed);
    this.#hold(changed);
    this.#dictionary ??= loadLocale(this.locale)
      .catch(() => void (this.#fallback = true))
      .finally(() => {
        this.#dictionary = undefined;
        this.#resume();
      });
    return false;
  }

  #endPress(): void {
    this.#pressHeld = false;
    this.#resume();
  }

  /** Resolves once rendered in the element's language (after its dictionary arrived). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    while (this.#dictionary || this.#pressHeld) {
      await (this.#dictionary ?? new Promise((resolve) => setTimeout(resolve, 10)));
      result = await super.getUpdateComplete();
    }
    return result;
  }

  protected t(key: MessageKey, params?: Params): string {
    return msg(this.locale, key, params);
  }

  /** For keys built from data (a server's field code, an inclusion id), with a known fallback. */
  protected tOr(key: string, fallback: MessageKey, params?: Params): string {
    return this.t(key in it ? (key as MessageKey) : fallback, params);
  }

  protected money(cents: number, currency = 'EUR'): string {
    return formatMoney(cents, currency, this.locale);
  }
}
