// The base of Cassa's elements: the `locale` property and translation shortcuts.
import { LitElement } from 'lit';
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
import { pointerReleased } from './pointer-hold.ts';

type Params = Record<string, string | number>;

export class CassaElement extends LitElement {
  /** Language of every visible string: `it` (default) or `en`. */
  @property({ converter: { fromAttribute: toLocale } }) locale: Locale = 'it';

  /** The dictionary of `locale` could not be loaded: Italian is shown instead. */
  #fallback = false;

  /**
   * Lit's hook for when an update runs: it waits (1) while a mouse button is down, once rendered
   * (pointer-hold.ts: the click lands where it was aimed, then the layout changes); (2) for a
   * language whose dictionary is not here yet (English is a file of its own), rather than show
   * Italian first; if it cannot be loaded, the element renders in Italian. Changes made meanwhile
   * join the same update, and `updateComplete` resolves after it.
   */
  protected override async scheduleUpdate(): Promise<void> {
    for (;;) {
      const press = this.hasUpdated ? pointerReleased() : null;
      if (press) await press;
      else if (!hasLocale(this.locale) && !this.#fallback)
        await loadLocale(this.locale).catch(() => void (this.#fallback = true));
      else break;
    }
    super.scheduleUpdate();
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
