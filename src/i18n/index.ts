// Typed dictionaries bundled in the script: Italian is the source, English must satisfy its type.
import { it } from './it.ts';
import { en } from './en.ts';

export type Locale = 'it' | 'en';
export type Messages = typeof it;
export type MessageKey = keyof Messages;

const dictionaries: Record<Locale, Messages> = { it, en };

export function toLocale(value: string | null | undefined): Locale {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'it';
}

/** Translates a key, filling `{name}` placeholders from params (as text, never markup). */
export function msg(
  locale: Locale,
  key: MessageKey,
  params?: Record<string, string | number>,
): string {
  const template: string = dictionaries[locale][key] ?? it[key] ?? key;
  return params
    ? template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''))
    : template;
}

/** Translates a code that may not be a key (e.g. a field error code from a server). */
export function msgOr(locale: Locale, key: string, fallback: MessageKey): string {
  return key in it ? msg(locale, key as MessageKey) : msg(locale, fallback);
}

export { formatDate, formatMoney, formatNumber } from './format.ts';
