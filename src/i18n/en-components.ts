import type { itComponents } from './it-components.ts';

export const enComponents: Record<keyof typeof itComponents, string> = {
  'placeholder.components': '',
};
