// The dictionaries that have arrived, by language and module: each module of src/i18n/it and
// src/i18n/en adds itself when imported (Italian with the elements that show it, English on demand).
import type { Locale } from './locale.ts';

/** The dictionary modules: the first step's frame, then one per step (and the forms' shared one). */
export type MessageModule =
  'frame' | 'addons' | 'account' | 'mailbox' | 'holder' | 'forms' | 'summary' | 'result';

const messages: Record<Locale, Record<string, string>> = { it: {}, en: {} };
const modules: Record<Locale, Set<MessageModule>> = { it: new Set(), en: new Set() };

/** Adds a module's messages (returned as they are, so a module's type is its literal's). */
export function addMessages<T extends Record<string, string>>(
  locale: Locale,
  module: MessageModule,
  dictionary: T,
): T {
  Object.assign(messages[locale], dictionary);
  modules[locale].add(module);
  return dictionary;
}

/** Whether `module` of `locale` has arrived. */
export const hasModule = (locale: Locale, module: MessageModule): boolean =>
  modules[locale].has(module);

/** The message of `key` in `locale`, when its module has arrived. */
export const lookup = (locale: Locale, key: string): string | undefined => messages[locale][key];
