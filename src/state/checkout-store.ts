// The checkout store's facade (issue 5, part 2; split by concern in issue 21): the whole purchase
// as state + intents, no DOM, no Lit. Its concerns live beside it — selection.ts (choices and the
// quote), session.ts (accounts and eligibility), navigation.ts (steps), ordering.ts (orders and the
// return from the payment page), drafts.ts (what the buyer typed) — on a shared core
// (store-core.ts); only they call the API client. <cassa-checkout> renders `state` and calls the
// intents below.
import type { ApiError } from '../api/types.ts';
import type { Holder, PaymentChoice } from '../domain/types.ts';
import type { HolderDraft } from '../domain/holder-draft.ts';
import { Drafts } from './drafts.ts';
import { Navigation } from './navigation.ts';
import { LazyConcern, PageModule } from './lazy-concern.ts';
import type { Ordering } from './ordering.ts';
import { readReturn } from './persistence.ts';
import { Selection } from './selection.ts';
import type { SessionFlow } from './session.ts';
import { StoreCore, type Flow, type StoreEventMap } from './store-core.ts';
import { TypedEventTarget } from './typed-event-target.ts';
import type { CheckoutState, CheckoutStoreOptions } from './types.ts';
import type { StepId } from './steps.ts';

export type * from './types.ts';
export type { OrderCompleteDetail, StoreEventMap } from './store-core.ts';

/** Later steps' concerns: files of their own, fetched once for every store of the page. */
const orderingModule = new PageModule(() => import('./ordering.ts'));
const sessionModule = new PageModule(() => import('./session.ts'));

/** What a concern whose file could not be fetched shows: the buyer may try again. */
const unreachable = (): ApiError => ({ code: 'network', fieldErrors: [], retryable: false });

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
  async start(): Promise<void> {
    const core = this.#core;
    const { client, options } = core;
    core.set({ status: 'loading', error: null });
    const session = this.#session.current;
    const hostToken = session ? session.pendingHostToken : options.sessionToken || null;
    const [product] = await Promise.all([
      core.call(
        (o) => client.getProduct(options.productId, o),
        () => void this.start(),
      ),
      hostToken
        ? this.#session.load().then(
            (session) => session.openHostSession(hostToken),
            () => core.showError(unreachable()),
          )
        : null,
    ]);
    if (!product) return void core.set({ status: 'failed' });
    const { planId, years } = core.state;
    // Without a preselection, the first plan that is sold (the free one is the exception).
    const plan =
      product.plans.find((p) => p.id === planId) ??
      product.plans.find((p) => p.yearlyCents > 0) ??
      product.plans[0]!;
    core.set({
      status: 'ready',
      product,
      planId: plan.id,
      years: product.terms.includes(years) ? years : product.terms[0]!,
    });
    const returned = readReturn(core.env.href());
    // An order placed by another widget of the page (another id) is that widget's to show.
    if (
      returned &&
      (!returned.widget || returned.widget === core.id) &&
      (await (
        await this.#ordering.load()
      ).resume(returned.orderId, returned.resumeToken, () => void this.start()))
    )
      return;
    if (core.disposed) return;
    const keptStep = this.#drafts.restore();
    core.set({ step: core.state.steps[0]! });
    this.#session.current?.checkEligibility();
    this.#resumeAt(keptStep);
    core.started = true;
    this.#selection.scheduleQuote();
    core.ready();
  }

  /**
   * Fetches the later steps' concerns (session, ordering) now, so that they are here when the
   * buyer moves on: the element calls it once the first step is painted (each is also fetched
   * when first needed).
   */
  prefetch(): void {
    void this.#session.load().catch(() => undefined);
    void this.#ordering.load().catch(() => undefined);
  }

  /** Runs `run` with the session concern: at once when it is here, else when its file arrives. */
  #withSession(
    run: (session: SessionFlow) => unknown,
    context?: 'login' | 'register',
  ): Promise<void> {
    const current = this.#session.current;
    if (current) return Promise.resolve(run(current)).then(() => undefined);
    return this.#session.load().then(
      async (session) => void (await run(session)),
      () => this.#core.showError(unreachable(), undefined, context),
    );
  }

  /**
   * Reloaded (or reopened) on the summary: the summary again, with everything kept; without a
   * session (the token is never kept) the buyer logs in first, then lands there. Earlier steps
   * start from the first one, with the choices and typing kept (the buyer walks through them).
   */
  #resumeAt(step: StepId | null): void {
    const core = this.#core;
    const { steps, session, ineligible } = core.state;
    if (step !== 'summary' || !steps.includes(step) || ineligible) return;
    const account = steps.indexOf('account');
    if (account >= 0 && steps.indexOf(step) > account && !session) {
      this.#navigation.needLogin(step);
      core.set({ loginAgain: true });
      return;
    }
    core.set({ step });
  }

  /**
   * Keeps the buyer's choices and typing in the tab (sessionStorage) for when the same checkout is
   * opened again or the page reloads: never a token or a password. Nothing once an order completed.
   */
  keepDraft(): void {
    this.#drafts.keep();
  }

  /** Forgets a kept draft (the buyer chose to discard it, or the order completed). */
  discardDraft(): void {
    this.#drafts.discard();
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
    this.#ordering.current
      ? this.#ordering.current.confirm()
      : this.#ordering.load().then(
          (ordering) => ordering.confirm(),
          // Its file could not be loaded: the buyer may confirm again.
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
