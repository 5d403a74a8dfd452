// Driving <cassa-checkout> like a buyer: find things through shadow roots by what they say,
// click, type, and wait for what the buyer would see.
import { fixture, html } from '@open-wc/testing';
import { WAIT_MS, waitUntil } from '../wait.ts';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../../src/index.ts';
import type { CassaCheckout } from '../../../src/cassa-checkout.ts';
import { BACKEND, FakeBackend } from '../fake-backend.ts';

export { BACKEND, FakeBackend };

/** Every element matching `selector`, in document order, through every open shadow root. */
export function deepAll<T extends Element = HTMLElement>(
  root: Element | ShadowRoot,
  selector: string,
): T[] {
  const found: T[] = [];
  const walk = (node: Element | ShadowRoot) => {
    for (const child of Array.from(node.querySelectorAll('*'))) {
      if (child.matches(selector)) found.push(child as T);
      if (child.shadowRoot) walk(child.shadowRoot);
    }
  };
  if (root instanceof Element && root.shadowRoot) walk(root.shadowRoot);
  else walk(root);
  return found;
}

/** `deepAll` inside the first element matching `host` (e.g. `within(el, 'cassa-checkout-steps', 'li')`). */
export function within<T extends Element = HTMLElement>(
  root: Element,
  host: string,
  selector: string,
): T[] {
  return deepAll<T>(deep(root, host), selector);
}

export function deep<T extends Element = HTMLElement>(
  root: Element | ShadowRoot,
  selector: string,
): T {
  const [first] = deepAll<T>(root, selector);
  if (!first) throw new Error(`nothing matches ${selector}`);
  return first;
}

/** The text a buyer reads (shadow roots included, hidden regions excluded), whitespace squashed. */
export function visibleText(root: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node instanceof HTMLElement && (node.hidden || node.classList.contains('sr'))) return;
    if (node instanceof Element && node.shadowRoot) {
      // Slotted light DOM is read where it is slotted, via assignedNodes.
      node.shadowRoot.childNodes.forEach(walk);
      return;
    }
    if (node instanceof HTMLSlotElement) {
      node.assignedNodes().forEach(walk);
      return;
    }
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    // A line-break opportunity (an address split after its @) is not a space for the reader.
    if (node.nodeName === 'WBR') parts.push('\u200b');
    node.childNodes.forEach(walk);
  };
  walk(root);
  return parts
    .join(' ')
    .replace(/\s*\u200b\s*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

function findButton(root: Element, text: string | RegExp): HTMLButtonElement | undefined {
  const match = (b: Element) =>
    [squash(b.textContent), b.getAttribute('aria-label') ?? ''].some((t) =>
      typeof text === 'string' ? t === text : text.test(t),
    );
  return deepAll<HTMLButtonElement>(root, 'button, a').find(match);
}

/**
 * The button (or link) whose text (or accessible label) is exactly `text`, as it is now (for
 * assertions on it). To click one, use {@link press}: it waits until the buyer could.
 */
export function button(root: Element, text: string | RegExp): HTMLButtonElement {
  const found = findButton(root, text);
  if (!found) throw new Error(`no button "${text}" in: ${visibleText(root)}`);
  return found;
}

const enabled = (b: HTMLButtonElement) =>
  !(b instanceof HTMLButtonElement && b.disabled) && b.getAttribute('aria-disabled') !== 'true';

/**
 * Waits until the button named `text` is there and enabled — what a buyer waits for: while the
 * checkout re-quotes, its Confirm button reads "Processing…" and is disabled — and returns it.
 */
export async function enabledButton(
  root: Element,
  text: string | RegExp,
  timeout = WAIT_MS,
): Promise<HTMLButtonElement> {
  let found: HTMLButtonElement | undefined;
  await waitUntil(
    () => (found = findButton(root, text)) !== undefined && enabled(found),
    () =>
      `${found ? 'a disabled' : 'no'} button "${text}" (waited ${timeout} ms) in: ${visibleText(root)}`,
    { timeout },
  );
  return found!;
}

/** Clicks the button named `text` once it is there and enabled (see {@link enabledButton}). */
export async function press(root: Element, text: string | RegExp): Promise<void> {
  (await enabledButton(root, text)).click();
}

/** The radio or checkbox inside the label whose text contains `text`. */
export function choice(root: Element, text: string): HTMLInputElement {
  const label = deepAll(root, 'label').find((l) => squash(l.textContent).includes(text));
  const input = label?.querySelector('input');
  if (!input) throw new Error(`no choice "${text}" in: ${visibleText(root)}`);
  return input;
}

export function pick(root: Element, text: string): void {
  choice(root, text).click();
}

/** Types into an input as a buyer would (replacing its value), then leaves it. */
export function type(input: HTMLInputElement, value: string): void {
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  input.blur();
}

export const heading = (el: CassaCheckout) =>
  squash(el.shadowRoot!.querySelector('h2')?.textContent ?? '');

/** Waits until the step heading says `text` (and the element finished rendering). */
export async function onStep(el: CassaCheckout, text: string, timeout = WAIT_MS): Promise<void> {
  await waitUntil(
    () => heading(el) === text,
    () => `step "${text}" never shown (now "${heading(el)}")`,
    { timeout },
  );
  await el.updateComplete;
}

/**
 * Waits until the checkout is at rest: no quote being calculated, no request in flight (nothing
 * marked `aria-busy="true"`; the buyer sees the price, not "Calcolo del prezzo in corso…").
 */
export async function settled(el: Element): Promise<void> {
  await waitUntil(
    () => deepAll(el, '[aria-busy="true"]').length === 0,
    () => `still busy: ${visibleText(el).slice(0, 600)}`,
  );
}

export async function seeText(
  el: Element,
  text: string | RegExp,
  timeout = WAIT_MS,
): Promise<void> {
  const has = () =>
    typeof text === 'string' ? visibleText(el).includes(text) : text.test(visibleText(el));
  await waitUntil(has, () => `never saw "${text}" in: ${visibleText(el).slice(0, 600)}`, {
    timeout,
  });
}

export interface Mounted {
  el: CassaCheckout;
  events: CustomEvent[];
  navigations: string[];
}

export interface MountOptions {
  product?: string;
  plan?: string;
  subscription?: string;
  sessionToken?: string;
  locale?: string;
  /** The element's `id` attribute. */
  id?: string;
}

/** Renders a checkout on the fake backend, records its public events, waits for `cassa-ready`. */
export async function mount(backend: FakeBackend, options: MountOptions = {}): Promise<Mounted> {
  const events: CustomEvent[] = [];
  const navigations: string[] = [];
  const record = (e: Event) => events.push(e as CustomEvent);
  const el = await fixture<CassaCheckout>(
    html`<cassa-checkout
      id=${ifDefined(options.id)}
      backend=${BACKEND}
      product=${options.product ?? 'certified-platform'}
      locale=${options.locale ?? 'it'}
      plan=${options.plan ?? ''}
      subscription=${options.subscription ?? ''}
      session-token=${options.sessionToken ?? ''}
      .fetchImpl=${backend.fetch}
      .navigate=${(url: string) => navigations.push(url)}
      @cassa-ready=${record}
      @cassa-step-change=${record}
      @cassa-error=${record}
      @cassa-order-complete=${record}
    ></cassa-checkout>`,
  );
  await waitUntil(() => events.some((e) => e.type === 'cassa-ready'), 'cassa-ready never fired');
  return { el, events, navigations };
}

export const eventsOf = (events: CustomEvent[], type: string) =>
  events.filter((e) => e.type === type);

/** Fills the login form and submits it. */
export async function logIn(
  el: CassaCheckout,
  username: string,
  password = 'cassa-demo',
): Promise<void> {
  await onStep(el, 'Accedi o registrati');
  type(deep<HTMLInputElement>(el, 'input#username'), username);
  type(deep<HTMLInputElement>(el, 'input#password'), password);
  await press(el, 'Accedi');
}

/** Removes what earlier tests left in sessionStorage (redirect drafts, completed order ids). */
export function clearCassaStorage(): void {
  for (const key of Object.keys(sessionStorage))
    if (key.startsWith('cassa:')) sessionStorage.removeItem(key);
}

/** The text of each line `element` renders, top to bottom (how it wraps on screen). */
export function renderedLines(element: Element): string[] {
  const lines = new Map<number, string>();
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    for (let i = 0; i < text.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getBoundingClientRect();
      if (!rect.height) continue;
      const top = Math.round(rect.top);
      lines.set(top, (lines.get(top) ?? '') + text[i]);
    }
  }
  return [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t.trim());
}
