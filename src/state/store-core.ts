// The checkout store's shared core: its state and how it changes, its typed events, and the errors
// every concern shows. The concerns (selection, session, navigation, ordering, drafts) each hold
// this core and reach one another only through `Flow`, which the facade (checkout-store.ts) wires,
// so that no concern imports another.
import type { ApiError, ApiResult, CassaClient } from '../api/types.ts';
import type { Order } from '../api/schemas.ts';
import type { Quote } from '../domain/types.ts';
import { settle } from './settle.ts';
import { stepsFor, type StepId } from './steps.ts';
import type {
  CheckoutEnvironment,
  CheckoutState,
  CheckoutStoreOptions,
  StepChangeDetail,
  StoreErrorDetail,
} from './types.ts';

/** `complete`'s detail: the order that completed (once per order id). */
export interface OrderCompleteDetail {
  order: Order;
}

/** The store's events, for `addEventListener` without casts. */
export interface StoreEventMap {
  /** Every state change. */
  change: Event;
  /** The catalog is loaded and the first step chosen (or a return from the payment page read). */
  ready: Event;
  step: CustomEvent<StepChangeDetail>;
  error: CustomEvent<StoreErrorDetail>;
  complete: CustomEvent<OrderCompleteDetail>;
}

type DetailEvents = {
  [K in keyof StoreEventMap]: StoreEventMap[K] extends CustomEvent ? K : never;
};
/** The events that carry a detail. */
export type DetailEvent = DetailEvents[keyof StoreEventMap];
type DetailOf<K extends DetailEvent> = StoreEventMap[K]['detail'];

/** What one concern asks of another (the facade wires each to its owner). */
export interface Flow {
  /** Navigation: shows `step` (its errors cleared, `step` announced). */
  go(step: StepId): void;
  /** Navigation: Continue. */
  next(): void;
  /** Selection: quotes the selection after a quiet time. */
  scheduleQuote(): void;
  /** Selection: sends the waiting quote request now. */
  flushQuote(): void;
  /** Selection: a quote arrived (or came with a 409). */
  setQuote(quote: Quote): void;
  /** Selection: back from the payment page, the conditions stay accepted for this total. */
  keepTermsFor(totalCents: number | null): void;
  /** Session: a 401 mid-flow (log in again, then come back). */
  sessionLost(): void;
  /** Navigation: the account step, then `resumeStep`. */
  needLogin(resumeStep?: StepId | null): void;
  /** Navigation: back from the payment page without a session. */
  loginAgain(): void;
  /**
   * Session: back from a cancelled or refused payment page, the resume token opens a session
   * (when the backend offers it); true when one is open.
   */
  resumeSession(orderId: string, resumeToken: string): Promise<boolean>;
  /** Session: false (and the account step with the reason) for an account that may not buy. */
  checkEligibility(): boolean;
  /** Ordering: "Conferma". */
  confirm(): Promise<void>;
  /** Drafts: forgets the kept draft. */
  discardDraft(): void;
}

export class StoreCore {
  state: CheckoutState;
  readonly client: CassaClient;
  readonly env: CheckoutEnvironment;
  readonly options: CheckoutStoreOptions;
  /** The element's id: its draft and its returns from the payment page are its own. */
  readonly id: string | undefined;
  /** Set by the facade before anything runs. */
  flow!: Flow;
  disposed = false;
  /** The first step has been shown (before it, steps are set without `step` events). */
  started = false;
  /** The add-on ids of the last request, to map `addons.N.*` field errors back to add-ons. */
  sentAddonIds: string[] = [];
  /** Where Continue on the account step goes after logging in again (a 401 mid-flow). */
  resumeStep: StepId | null = null;
  /** The banner shows a failed quote: a later successful quote removes it. */
  quoteErrorShown = false;
  #retry: (() => void) | null = null;
  readonly #events: EventTarget;

  constructor(options: CheckoutStoreOptions, events: EventTarget) {
    this.options = options;
    this.client = options.client;
    this.env = options.env;
    this.id = options.id || undefined;
    this.#events = events;
    this.state = {
      status: 'loading',
      product: null,
      steps: [],
      step: 'plan',
      planId: options.planId ?? '',
      years: 1,
      quantities: {},
      subscriptionId: options.subscriptionId ?? null,
      quote: null,
      quoteLoading: false,
      session: null,
      authBusy: false,
      authError: null,
      ineligible: false,
      loginAgain: false,
      registeredUsername: null,
      holderDraft: null,
      holder: null,
      payment: null,
      topUpCents: null,
      termsAccepted: false,
      ordering: false,
      order: null,
      repeated: false,
      error: null,
      fieldErrors: [],
      priceChanged: false,
    };
  }

  /** The one way the state changes: the steps follow the product, plan and session. */
  set(patch: Partial<CheckoutState>): void {
    if (this.disposed) return;
    const next = { ...this.state, ...patch };
    const { product, session, ineligible } = next;
    next.steps = product
      ? stepsFor(product, next.planId, session?.source === 'host' && !ineligible)
      : [];
    this.state = next;
    this.#events.dispatchEvent(new Event('change'));
  }

  /** `ready` (the state's own `change` goes out with every `set`). */
  ready(): void {
    this.#events.dispatchEvent(new Event('ready'));
  }

  emit<K extends DetailEvent>(type: K, detail: DetailOf<K>): void {
    if (!this.disposed) this.#events.dispatchEvent(new CustomEvent(type, { detail }));
  }

  fieldError(path: string, code: string): void {
    this.set({ fieldErrors: [{ path, code, message: '' }] });
  }

  /** Shows an error; `retry` (when the error is retryable) is what "Riprova" repeats. */
  showError(error: ApiError, retry?: () => void, context?: StoreErrorDetail['context']): void {
    this.#retry = error.retryable && retry ? retry : null;
    this.quoteErrorShown = false;
    const shown = { code: error.code, retryable: !!this.#retry };
    if (context) this.set({ authError: error.code });
    else this.set({ error: shown, fieldErrors: error.fieldErrors });
    this.emit('error', { ...shown, ...(context ? { context } : {}) });
  }

  /** A later success removes the failed quote's banner (and its Riprova). */
  clearQuoteError(): void {
    if (!this.quoteErrorShown) return;
    this.quoteErrorShown = false;
    this.#retry = null;
    this.set({ error: null, fieldErrors: [] });
  }

  /** Repeats the action that failed (the error banner's "Riprova"). */
  retry(): void {
    const retry = this.#retry;
    this.#retry = null;
    this.set({ error: null });
    retry?.();
  }

  /** Runs one call; on failure handles a 401 or shows the error with `retry`. Null on failure. */
  async call<T>(
    run: (o: { signal?: AbortSignal }) => Promise<ApiResult<T>>,
    retry?: () => void,
  ): Promise<T | null> {
    const result = await settle(run({}));
    if (!result || this.disposed) return null;
    if (result.ok) return result.value;
    if (result.error.code === 'unauthorized') this.flow.sessionLost();
    else this.showError(result.error, retry);
    return null;
  }
}

/** A call that never answered (a bug, a broken fetch): a network failure the buyer can retry. */
export const networkFailure = (): ApiResult<never> => ({
  ok: false,
  error: { code: 'network', fieldErrors: [], retryable: true },
});
