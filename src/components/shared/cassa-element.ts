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
import { heldByPointer } from './pointer-hold.ts';

type Params = Record<string, string | number>;

export class CassaElement extends LitElement {
  /** Language of every visible string: `it` (default) or `en`. */
  @property({ converter: { fromAttribute: toLocale } }) locale: Locale = 'it';

  /** What updates wait for: the dictionary of `locale` on its way, or the end of a mouse press. */
  #waiting?: Promise<unknown>;
  /** It could not be loaded: Italian is shown instead. */
  #fallback = false;
  /** The changes of the updates held meanwhile (property → previous value). */
  #held = new Map<PropertyKey, unknown>();

  /**
   * Updates wait (1) while a mouse button is down, once rendered (pointer-hold.ts: the click lands
   * where it was aimed, then the layout changes); (2) for a language whose dictionary is not here
   * yet (English is a file of its own), rather than show Italian first; if it cannot be loaded,
   * the element renders in Italian.
   */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    if (!this.#waiting && this.hasUpdated) {
      let end = () => {};
      const press = new Promise<void>((resolve) => (end = resolve));
      if (heldByPointer(() => end())) this.#wait(press);
    }
    if (!this.#waiting && !hasLocale(this.locale) && !this.#fallback)
      this.#wait(loadLocale(this.locale).catch(() => void (this.#fallback = true)));
    if (!this.#waiting) return super.shouldUpdate(changed);
    // Lit forgets the changes of an update that did not happen: they are asked for again.
    for (const [key, value] of changed) if (!this.#held.has(key)) this.#held.set(key, value);
    return false;
  }

  #wait(promise: Promise<unknown>): void {
    this.#waiting = promise.finally(() => {
      this.#waiting = undefined;
      const held = [...this.#held];
      this.#held.clear();
      for (const [key, value] of held) this.requestUpdate(key, value);
      this.requestUpdate();
    });
  }

  /** Resolves once rendered in the element's language (after its dictionary arrived). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    while (this.#waiting) {
      await this.#waiting;
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
