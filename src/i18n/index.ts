// Typed dictionaries: Italian is the source, English must have exactly its keys. Both are split by
// step (src/i18n/it, src/i18n/en): an element imports the Italian modules it shows, and the English
// ones are loaded on demand (`loadMessages`); until they arrive, the element waits.
import type { itAccount } from './it/account.ts';
import type { itAddons } from './it/addons.ts';
import type { itForms } from './it/forms.ts';
import type { itFrame } from './it/frame.ts';
import type { itHolder } from './it/holder.ts';
import type { itMailbox } from './it/mailbox.ts';
import type { itResult } from './it/result.ts';
import type { itSummary } from './it/summary.ts';
import type { Locale } from './locale.ts';
import { hasModule, lookup, type MessageModule } from './registry.ts';

export { toLocale, type Locale } from './locale.ts';
export { hasModule, type MessageModule } from './registry.ts';

export type Messages = typeof itFrame &
  typeof itAddons &
  typeof itAccount &
  typeof itMailbox &
  typeof itHolder &
  typeof itForms &
  typeof itSummary &
  typeof itResult;
export type MessageKey = keyof Messages;

/** Every module (an element's `messages` names some of them). */
export const MESSAGE_MODULES: readonly MessageModule[] = [
  'frame',
  'addons',
  'account',
  'mailbox',
  'holder',
  'forms',
  'summary',
  'result',
];
const pending = new Map<MessageModule, Promise<unknown>>();

/**
 * Loads `modules` of `locale` (each once; a failure may be retried). Italian modules come with
 * the elements that show them: only English is fetched here.
 */
export function loadMessages(locale: Locale, modules: readonly MessageModule[]): Promise<void> {
  if (locale === 'it') return Promise.resolve();
  const missing = modules.filter((module) => !hasModule(locale, module));
  return Promise.all(
    missing.map((module) => {
      let promise = pending.get(module);
      if (!promise) {
        // English by module: each a file of its own, fetched when an English page shows it.
        promise = import(`./en/${module}.ts`).catch((error: unknown) => {
          pending.delete(module);
          throw error;
        });
        pending.set(module, promise);
      }
      return promise;
    }),
  ).then(() => undefined);
}

/** Loads every message of both languages (what a server answers with: src/i18n/all.ts). */
export const loadLocale = (_locale?: Locale): Promise<void> =>
  import('./all.ts').then(() => undefined);

/** Whether `key` is a message (for keys built from data, such as a server's field code). */
export const isMessageKey = (key: string): key is MessageKey =>
  lookup('it', key) !== undefined || lookup('en', key) !== undefined;

/** Translates a key, filling `{name}` placeholders from params (as text, never markup). */
export function msg(
  locale: Locale,
  key: MessageKey,
  params?: Record<string, string | number>,
): string {
  const template = lookup(locale, key) ?? lookup('it', key) ?? key;
  return params
    ? template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''))
    : template;
}

/** Translates a code that may not be a key (e.g. a field error code from a server). */
export function msgOr(locale: Locale, key: string, fallback: MessageKey): string {
  return msg(locale, isMessageKey(key) ? key : fallback);
}

export { formatDate, formatMoney, formatNumber } from './format.ts';
