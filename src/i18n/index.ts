// Typed dictionaries: Italian is the source and always there; English must satisfy its type and
// is a file of its own, loaded on demand (`loadLocale`); until it arrives, Italian is shown.
import { it } from './it.ts';
import type { Locale } from './locale.ts';

export { toLocale, type Locale } from './locale.ts';
export type Messages = typeof it;
export type MessageKey = keyof Messages;

const dictionaries: Partial<Record<Locale, Messages>> = { it };
let english: Promise<void> | undefined;

/** Whether the dictionary of `locale` is here (Italian always is). */
export const hasLocale = (locale: Locale): boolean => !!dictionaries[locale];

/** Loads the dictionary of `locale` (once; a failure may be retried). */
export function loadLocale(locale: Locale): Promise<void> {
  if (hasLocale(locale)) return Promise.resolve();
  return (english ??= import('./en.ts').then(
    (module) => void (dictionaries.en = module.en),
    (error: unknown) => {
      english = undefined;
      throw error;
    },
  ));
}

/** Translates a key, filling `{name}` placeholders from params (as text, never markup). */
export function msg(
  locale: Locale,
  key: MessageKey,
  params?: Record<string, string | number>,
): string {
  const template: string = (dictionaries[locale] ?? it)[key] ?? it[key] ?? key;
  return params
    ? template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''))
    : template;
}

/** Translates a code that may not be a key (e.g. a field error code from a server). */
export function msgOr(locale: Locale, key: string, fallback: MessageKey): string {
  return key in it ? msg(locale, key as MessageKey) : msg(locale, fallback);
}

export { formatDate, formatMoney, formatNumber } from './format.ts';
