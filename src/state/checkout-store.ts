// The checkout store's facade (issue 5, part 2; split by concern in issue 21): the whole purchase
// as state + intents, no DOM, no Lit. Its concerns live beside it — selection.ts (choices and the
// quote), session.ts (accounts and eligibility), navigation.ts (steps), ordering.ts (orders and the
// return from the payment page), drafts.ts (what the buyer typed), start.ts (the catalog, a return
// or the first step) — on a shared core (store-core.ts); only they call the API client. <cassa-checkout> renders `state` and calls the
// intents below.
import type { Holder, PaymentChoice } from '../domain/types.ts';
import type { HolderDraft } from '../domain/holder-draft.ts';
import { Drafts } from './drafts.ts';
import { Navigation } from './navigation.ts';
import { LazyConcern, PageModule, unreachable } from './lazy-concern.ts';
import type { Ordering } from './ordering.ts';
import { Selection } from './selection.ts';
import { start, type StartConcerns } from './start.ts';
import type { SessionFlow } from './session.ts';
import { StoreCore, type Flow, type StoreEventMap } from './store-core.ts';
import { TypedEventTarget } from './typed-event-target.ts';
import type { CheckoutState, CheckoutStoreOptions } from './types.ts';

export type * from './types.ts';
export type { OrderCompleteDetail, StoreEventMap } from './store-core.ts';

/** Later steps' concerns: files of their own, fetched once for every store of the page. */
const orderingModule = new PageModule(() => import('./ordering.ts'));
const sessionModule = new PageModule(() => import('./session.ts'));

/**
 * Emits `change` on every state change, and `ready`, `step` ({@link StepChangeDetail}),
 * `error` ({@link StoreErrorDetail}) and `complete` (`{ order }`, once per order id): see
 * {@link StoreEventMap}.
 */
export class CheckoutStore extends TypedEventTarget<StoreEventMap> {
  readonly #core: StoreCore;
  readonly #selection: Selection;
  /** Loaded after the first step is shown, or at once for a host session (or a login). */
  readonly #session: LazyConcern<typeof import('./session.ts'), SessionFlow>;
  readonly #navigation: Navigation;
  /** Loaded after the first step is shown (or at once, back from the payment page). */
  readonly #ordering: LazyConcern<typeof import('./ordering.ts'), Ordering>;
  readonly #drafts: Drafts;
  /** All of them, for the start. */
  readonly #concerns: StartConcerns;

  constructor(options: CheckoutStoreOptions) {
    super();
    const core = new StoreCore(options, this);
    this.#core = core;
    this.#selection = new Selection(core, options.quoteDelayMs);
    this.#navigation = new Navigation(core);
    this.#drafts = new Drafts(core);
    this.#session = new LazyConcern(sessionModule, (module) => new module.SessionFlow(core));
    this.#ordering = new LazyConcern(
      orderingModule,
      (module) => new module.Ordering(core, () => this.#selection.needsPayment),
    );
    const flow: Flow = {
      go: (step) => this.#navigation.go(step),
      next: () => this.#navigation.next(),
      scheduleQuote: () => this.#selection.scheduleQuote(),
      flushQuote: () => this.#selection.flushQuote(),
      setQuote: (quote) => this.#selection.setQuote(quote),
      keepTermsFor: (cents) => this.#selection.keepTermsFor(cents),
      sessionLost: () => this.#withSession((session) => session.sessionLost()),
      needLogin: (step) => this.#navigation.needLogin(step),
      loginAgain: () => this.#navigation.loginAgain(),
      resumeSession: (orderId, token) =>
        this.#session.load().then(
          (session) => session.resumeSession(orderId, token),
          () => false,
        ),
      // Only a session can be ineligible, and only the session concern opens one.
      checkEligibility: () => this.#session.current?.checkEligibility() ?? true,
      confirm: () => this.confirm(),
      discardDraft: () => this.#drafts.discard(),
    };
    core.flow = flow;
    const [selection, navigation, drafts] = [this.#selection, this.#navigation, this.#drafts];
    const lazy = { session: this.#session, ordering: this.#ordering };
    this.#concerns = { core, selection, navigation, drafts, ...lazy };
  }

  get state(): CheckoutState {
    return this.#core.state;
  }

  // ---- derived views -------------------------------------------------------------------------

  /**
   * Server field errors of the holder (and the registration password), with paths relative to
   * the holder (`vatNumber`, `address.city`). The same array until the errors change.
   */
  get holderErrors(): { path: string; code: string }[] {
    return this.#selection.errorViews.holder;
  }

  /** Server field errors of the add-ons, by add-on id (the same object until the errors change). */
  get addonErrors(): Record<string, string> {
    return this.#selection.errorViews.addons;
  }

  /** Whether the summary asks for a payment method (not for a free Certified Platform plan). */
  get needsPayment(): boolean {
    return this.#selection.needsPayment;
  }

  /** Whether the buyer typed holder data here (closing then asks before leaving). */
  get typedHolder(): boolean {
    return this.#drafts.typedHolder;
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  /** Loads the catalog (and the host session), resumes a return from the payment page, shows the first step. */
  start(): Promise<void> {
    return start(this.#concerns, () => void this.start());
  }

  /**
   * Fetches and runs the later steps' concerns (session, ordering) now, so that they are here
   * when the buyer needs them: the element calls it once the buyer has left the first step (or,
   * when its files cannot be preloaded, once the first step is painted); each is also fetched
   * when first needed.
   */
  prefetch(): void {
    void this.#session.load().catch(() => undefined);
    void this.#ordering.load().catch(() => undefined);
  }

  /** Runs `run` with the session concern: at once when it is here, else when its file arrives. */
  #withSession(run: (session: SessionFlow) => unknown, context?: 'login' | 'register') {
    return this.#session.with(run, () => this.#core.showError(unreachable(), undefined, context));
  }

  /**
   * Keeps the buyer's choices and typing in the tab (sessionStorage) for when the same checkout is
   * opened again or the page reloads: never a token or a password. Nothing once an order completed.
   */
  keepDraft(): void {
    this.#drafts.keep();
  }

  /**
   * Closed (an overlay) with the draft kept: the draft, and the session in the page's memory only,
   * so opening the same checkout again while the page lives continues where the buyer was.
   */
  keepOnClose(): void {
    this.#drafts.keepOnClose();
  }

  /** Forgets a kept draft (the buyer chose to discard it, or the order completed). */
  discardDraft(): void {
    this.#drafts.forget();
  }

  /** Stops timers and ignores every answer still on its way. */
  dispose(): void {
    this.#core.disposed = true;
    this.#selection.cancel();
  }

  // ---- intents -------------------------------------------------------------------------------

  /** Continue: checks what the current step needs, then moves on. */
  next = (): void => this.#navigation.next();
  /** Back one step; everything chosen and typed stays. */
  back = (): void => this.#navigation.back();
  /** Repeats the action that failed (the error banner's "Riprova"). */
  retry = (): void => this.#core.retry();
  selectPlan = (planId: string): void => this.#selection.selectPlan(planId);
  setQuantities = (quantities: Record<string, number>): void =>
    this.#selection.setQuantities(quantities);
  setYears = (years: number): void => this.#selection.setYears(years);
  selectSubscription = (id: string): void => this.#selection.selectSubscription(id);
  setHolderDraft = (draft: HolderDraft): void => this.#drafts.setHolderDraft(draft);
  /** What the buyer types in the registration form (never the password). */
  setRegisterDraft = (draft: HolderDraft): void => this.#drafts.setRegisterDraft(draft);
  /** The holder step's form was submitted valid. */
  submitHolder = (holder: Holder): void => this.#navigation.submitHolder(holder);
  setPayment = (payment: PaymentChoice | null, topUpCents?: number): void =>
    this.#selection.setPayment(payment, topUpCents);
  setTermsAccepted = (accepted: boolean): void => this.#selection.setTermsAccepted(accepted);
  login = (username: string, password: string): Promise<void> =>
    this.#withSession((session) => session.login(username, password), 'login');
  /** Registers a new customer; the holder step is then prefilled from the registered holder. */
  register = (holder: Holder, password: string): Promise<void> =>
    this.#withSession((session) => session.register(holder, password), 'register');
  /** The host page changed `session-token`: log in with it (or forget a host session). */
  useSessionToken = (token: string | null): Promise<void> =>
    this.#withSession((session) => session.useSessionToken(token));
  /** "Cambia account": forgets the session and shows the login form again. */
  switchAccount = (): void => void this.#withSession((session) => session.switchAccount());
  /** "Conferma e completa l'ordine". A double click never sends two different orders. */
  confirm = (): Promise<void> =>
    // Its file could not be loaded: the buyer may confirm again.
    this.#ordering.with(
      (ordering) => ordering.confirm(),
      () => this.#core.showError(unreachable()),
    );
  /**
   * Conditions not accepted: shows what else is missing too (the payment method, the top-up); true
   * when something is. Here rather than in the ordering file, which may still be on its way.
   */
  reportMissing = (): boolean => {
    const core = this.#core;
    const { product, payment, topUpCents, step } = core.state;
    if (!product || step !== 'summary' || !this.#selection.needsPayment) return false;
    const errors = [];
    if (!payment) errors.push({ path: 'paymentMethod', code: 'payment.method', message: '' });
    else if (product.pricing === 'coterm' && payment.type === 'card' && topUpCents === null)
      errors.push({ path: 'topUpCents', code: 'topup.min', message: '' });
    if (errors.length) core.set({ fieldErrors: errors });
    return errors.length > 0;
  };
  /** After a refused payment: back to the summary, same selection, a new order. */
  chooseAnotherMethod = (): void => this.#ordering.current?.chooseAnotherMethod();
}
