// The widget's languages: Italian (the source) and English, and how an attribute names one.
export type Locale = 'it' | 'en';

export function toLocale(value: string | null | undefined): Locale {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'it';
}
