// Catalog data of the demo products (demo/catalog.json) and shared helpers for component tests.
import type { Addon, Plan } from '../../../src/domain/catalog.ts';

export const plans: Plan[] = [
  {
    id: 'free',
    name: { it: 'Versione gratuita', en: 'Free version' },
    yearlyCents: 0,
    includes: [{ id: 'admin-users', quantity: 1 }],
  },
  {
    id: 'base',
    name: { it: 'Versione base', en: 'Base version' },
    yearlyCents: 12000,
    includes: [
      { id: 'admin-users', quantity: 1 },
      { id: 'additional-users', quantity: 14 },
      { id: 'external-users', quantity: 100 },
      { id: 'storage-gb', quantity: 5 },
    ],
  },
];

export const platformAddons: Addon[] = [
  {
    id: 'extra-users',
    name: { it: 'Utenti aggiuntivi', en: 'Additional users' },
    unit: 'user',
    step: 1,
    min: 0,
    max: 14,
    unitCents: 1200,
    plans: ['base'],
  },
  {
    id: 'external-users',
    name: { it: 'Utenti esterni aggiuntivi', en: 'Additional external users' },
    unit: 'external-user',
    step: 50,
    min: 0,
    unitCents: 2000,
    plans: ['base'],
  },
  {
    id: 'storage',
    name: { it: 'Spazio aggiuntivo', en: 'Additional storage' },
    unit: 'gb',
    step: 5,
    min: 0,
    unitCents: 1000,
    plans: ['base'],
  },
];

export const pecAddons: Addon[] = [
  {
    id: 'extra-space',
    name: { it: 'Spazio extra archivio e inbox', en: 'Extra archive and inbox space' },
    unit: 'gb',
    step: 1,
    min: 0,
    unitCents: 300,
  },
  {
    id: 'conservation',
    name: { it: 'Conservazione 1 GB', en: 'Digital preservation 1 GB' },
    unit: 'flag',
    step: 1,
    min: 0,
    max: 1,
    unitCents: 400,
  },
];

/** What a buyer sees in an element's shadow root: rendered text only, whitespace collapsed. */
export function visibleText(element: Element): string {
  return Array.from(element.shadowRoot?.children ?? [])
    .map((child) => (child as HTMLElement).innerText ?? '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Text content, whitespace (including the no-break spaces of Intl) collapsed to one space. */
export function squash(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

export function $<T extends Element = HTMLElement>(element: Element, selector: string): T {
  const found = element.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

export function $$<T extends Element = HTMLElement>(element: Element, selector: string): T[] {
  return Array.from(element.shadowRoot?.querySelectorAll<T>(selector) ?? []);
}

/** Types into an input the way a buyer does: value, `input`, then `change` (as on blur). */
export function type(input: HTMLInputElement, value: string, { commit = true } = {}) {
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  if (commit) input.dispatchEvent(new Event('change', { bubbles: true }));
}
