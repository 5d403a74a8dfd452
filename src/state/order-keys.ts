// Idempotency-Key per intended order (DESIGN.md 3.3): retries of the same order re-send its key,
// so a double click or a lost answer never makes two orders.

/** crypto.randomUUID needs a secure context; fall back to random bytes elsewhere (plain http). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

export class OrderKeys {
  #current: { key: string; body: string } | null = null;

  /** The same key while the order body is the same; a new one when the buyer changed the order. */
  keyFor(body: object): string {
    const text = JSON.stringify(body);
    if (this.#current?.body !== text) this.#current = { key: newIdempotencyKey(), body: text };
    return this.#current.key;
  }

  /** After a refused or cancelled payment, or a finished order: the next order is a new one. */
  forget(): void {
    this.#current = null;
  }
}
