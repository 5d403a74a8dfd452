// An EventTarget whose `addEventListener` / `removeEventListener` know each event's type from an
// event map (the store's `StoreEventMap`), so listeners need no casts.

/** The arguments of `addEventListener` (options `O`) for type `K` and listener `L`. */
type Args<O, K extends string = string, L = EventListenerOrEventListenerObject | null> = [
  type: K,
  listener: L,
  options?: boolean | O,
];
/** For an event of the map `M`: its listener takes that event's type. */
type Typed<M, K extends keyof M & string, O> = Args<O, K, (event: M[K]) => void>;
/** What the implementation takes: a listener of one of the map's events, or of any event. */
type Any<O> = Args<O, string, ((event: never) => void) | EventListenerObject | null>;
type Add = AddEventListenerOptions;
type Remove = EventListenerOptions;

export class TypedEventTarget<M extends { [K in keyof M]: Event }> extends EventTarget {
  override addEventListener<K extends keyof M & string>(...args: Typed<M, K, Add>): void;
  override addEventListener(...args: Args<Add>): void;
  override addEventListener(...[type, listener, options]: Any<Add>): void {
    super.addEventListener(type, listener as EventListener | null, options);
  }

  override removeEventListener<K extends keyof M & string>(...args: Typed<M, K, Remove>): void;
  override removeEventListener(...args: Args<Remove>): void;
  override removeEventListener(...[type, listener, options]: Any<Remove>): void {
    super.removeEventListener(type, listener as EventListener | null, options);
  }
}
