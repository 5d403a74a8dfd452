// Idempotency-Key per intended order (DESIGN.md 3.3): retries of the same order re-send its key,
// so a double click or a lost answer never makes two orders. The key is shared through storage
// (localStorage in a page) so that two widgets or two tabs confirming the same order send the
// same key too; only the key and a fingerprint of the order are stored, never the order itself.
import { loadSaved, save, type StorageLike } from './persistence.ts';

/** Storage entry of the order being placed. */
export const ORDER_KEY = 'cassa:order-key';
/** A key is reused for the same order within this time of its last use. */
export const ORDER_KEY_KEPT_MS = 15 * 60_000;

interface StoredKey {
  key: string;
  /** Fingerprint of the order body. */
  sum: string;
  /** Last use, ms since the epoch. */
  at: number;
}

/** crypto.randomUUID needs a secure context; fall back to random bytes elsewhere (plain http). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

/** Two 32-bit FNV-1a hashes of the text (not secret, only to recognise the same order). */
function fingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0).toString(36) + (b >>> 0).toString(36);
}

export class OrderKeys {
  #memory: StoredKey | null = null;
  readonly #storage: StorageLike | null;

  /** `storage` shared by the page's widgets and tabs; without it, keys live in this object. */
  constructor(storage: StorageLike | null = null) {
    this.#storage = storage;
  }

  /** The same key while the order body is the same; a new one when the buyer changed the order. */
  keyFor(body: object): string {
    const sum = fingerprint(JSON.stringify(body));
    const now = Date.now();
    // Storage first (another widget or tab may have sent this order); memory if it fails.
    const last = loadSaved<StoredKey>(this.#storage, ORDER_KEY) ?? this.#memory;
    const key =
      last?.sum === sum && now - last.at < ORDER_KEY_KEPT_MS ? last.key : newIdempotencyKey();
    this.#memory = { key, sum, at: now };
    save(this.#storage, ORDER_KEY, this.#memory);
    return key;
  }

  /** After a refused or cancelled payment: the next order is a new one, here and in other tabs. */
  forget(): void {
    this.#memory = null;
    save(this.#storage, ORDER_KEY, null);
  }
}
