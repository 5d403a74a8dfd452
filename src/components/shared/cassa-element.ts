// The base of Cassa's elements: the `locale` property and translation shortcuts.
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { it } from '../../i18n/it.ts';
import { formatMoney, msg, toLocale, type Locale, type MessageKey } from '../../i18n/index.ts';

type Params = Record<string, string | number>;

export class CassaElement extends LitElement {
  /** Language of every visible string: `it` (default) or `en`. */
  @property({ converter: { fromAttribute: toLocale } }) locale: Locale = 'it';

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
