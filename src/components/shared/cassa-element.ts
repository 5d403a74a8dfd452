// The base of Cassa's elements: the `locale` property and translation shortcuts.
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import '../../i18n/it/frame.ts';
import {
  formatMoney,
  hasModule,
  isMessageKey,
  loadMessages,
  msg,
  toLocale,
  type Locale,
  type MessageKey,
  type MessageModule,
} from '../../i18n/index.ts';
import { pointerReleased } from './pointer-hold.ts';

type Params = Record<string, string | number>;

export class CassaElement extends LitElement {
  /**
   * The dictionary modules the element shows (src/i18n): its file imports their Italian modules;
   * on an English page it waits for the English ones.
   */
  static messages: readonly MessageModule[] = ['frame'];

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
      else if (!this.#fallback && this.#missingMessages().length)
        await loadMessages(this.locale, this.#missingMessages()).catch(
          () => void (this.#fallback = true),
        );
      else break;
    }
    super.scheduleUpdate();
  }

  #missingMessages(): MessageModule[] {
    // Italian modules come with the elements' files.
    if (this.locale === 'it') return [];
    const { messages } = this.constructor as typeof CassaElement;
    return messages.filter((module) => !hasModule(this.locale, module));
  }

  protected t(key: MessageKey, params?: Params): string {
    return msg(this.locale, key, params);
  }

  /** For keys built from data (a server's field code, an inclusion id), with a known fallback. */
  protected tOr(key: string, fallback: MessageKey, params?: Params): string {
    return this.t(isMessageKey(key) ? key : fallback, params);
  }

  protected money(cents: number, currency = 'EUR'): string {
    return formatMoney(cents, currency, this.locale);
  }
}
