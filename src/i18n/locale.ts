// The languages Cassa speaks and the shape of a dictionary (Italian is the source): in a file of
// their own so that a dictionary and the formatters can name them without importing the loader.
import type { it } from './it.ts';

export type Locale = 'it' | 'en';
export type Messages = typeof it;
export type MessageKey = keyof Messages;
