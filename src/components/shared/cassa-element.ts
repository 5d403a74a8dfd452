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

type Params = Record<string, string | number>;

export class CassaElement extends LitElement {
  /** Language of every visible string: `it` (default) or `en`. */
  @property({ converter: { fromAttribute: toLocale } }) locale: Locale = 'it';

  /** The dictionary of `locale` on its way: nothing is rendered until it arrives. */
  #dictionary?: Promise<void>;
  /** It could not be loaded: Italian is shown instead. */
  #fallback = false;
  /** The changes of the updates held while it loads (property → previous value). */
  #held = new Map<PropertyKey, unknown>();

  /**
   * A language whose dictionary is not here yet (English is a file of its own): the element waits
   * for it rather than show Italian first; if it cannot be loaded, it renders in Italian.
   */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    if (hasLocale(this.locale) || this.#fallback) return super.shouldUpdate(changed);
    // Lit forgets the changes of an update that did not happen: they are asked for again.
    for (const [key, value] of changed) if (!this.#held.has(key)) this.#held.set(key, value);
    this.#dictionary ??= loadLocale(this.locale)
      .catch(() => void (this.#fallback = true))
      .finally(() => {
        this.#dictionary = undefined;
        const held = [...this.#held];
        this.#held.clear();
        for (const [key, value] of held) this.requestUpdate(key, value);
        this.requestUpdate();
      });
    return false;
  }

  /** Resolves once rendered in the element's language (after its dictionary arrived). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    while (this.#dictionary) {
      await this.#dictionary;
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
