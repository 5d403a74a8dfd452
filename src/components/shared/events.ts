// What every Cassa event shares: it bubbles out of shadow roots so a host page can listen anywhere.

/** Init for a Cassa `CustomEvent`: bubbling and composed, with its detail. */
export function eventInit<T>(detail: T): CustomEventInit<T> {
  return { detail, bubbles: true, composed: true };
}

/**
 * Dispatches a Cassa event from an element. (Through a function rather than
 * `this.dispatchEvent` so the manifest analyzer lists each event once, by its `@fires` tag.)
 */
export function emit(element: HTMLElement, event: Event): void {
  element.dispatchEvent(event);
}
