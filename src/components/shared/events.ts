// What every Cassa event shares: it bubbles out of shadow roots so a host page can listen anywhere.

/** Init for a Cassa `CustomEvent`: bubbling and composed, with its detail. */
export function eventInit<T>(detail: T): CustomEventInit<T> {
  return { detail, bubbles: true, composed: true };
}
