// A store concern in a file of its own (issue 21: the first step's file holds only what it runs):
// the module is fetched once for the page, whichever store asks first; each store makes its own
// instance once. A fetch that fails is forgotten, so the next use asks again.
import type { ApiError } from '../api/types.ts';

/** What a concern whose file could not be fetched shows: the buyer may try again. */
export const unreachable = (): ApiError => ({ code: 'network', fieldErrors: [], retryable: false });

/** What the store's other parts use of a concern. */
export interface Lazy<C> {
  readonly current: C | null;
  load(): Promise<C>;
}

/** One module of the page, fetched on first use. */
export class PageModule<M> {
  module: M | undefined;
  #pending: Promise<M> | undefined;
  readonly #load: () => Promise<M>;

  constructor(load: () => Promise<M>) {
    this.#load = load;
  }

  get(): Promise<M> {
    if (this.module) return Promise.resolve(this.module);
    return (this.#pending ??= this.#load().then(
      (module) => (this.module = module),
      (error: unknown) => {
        this.#pending = undefined;
        throw error;
      },
    ));
  }
}

/** One store's instance of a concern: `current` once made (at once when the module is here). */
export class LazyConcern<M, C> implements Lazy<C> {
  current: C | null = null;
  readonly #page: PageModule<M>;
  readonly #make: (module: M) => C;

  constructor(page: PageModule<M>, make: (module: M) => C) {
    this.#page = page;
    this.#make = make;
    if (page.module) this.current = make(page.module);
  }

  load(): Promise<C> {
    if (this.current) return Promise.resolve(this.current);
    return this.#page.get().then((module) => (this.current ??= this.#make(module)));
  }

  /** Runs `run` with the concern: at once when it is here, else when its file arrives (`failed` if it cannot). */
  with(run: (concern: C) => unknown, failed: () => void): Promise<void> {
    const { current } = this;
    if (current) return Promise.resolve(run(current)).then(() => undefined);
    return this.load().then(async (concern) => void (await run(concern)), failed);
  }
}
